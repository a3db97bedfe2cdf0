from django.utils.translation import gettext_lazy as _

from dangjian.core.views import Column, LedgerDetailView, LedgerListView

from .filters import MajorDecisionFilterSet
from .models import MajorDecision


class MajorDecisionListView(LedgerListView):
    model = MajorDecision
    filterset_class = MajorDecisionFilterSet
    related = ("organization",)
    columns = (
        Column("code", link=True),
        Column("meeting_date"),
        Column("category"),
        Column("topic", link=True),
        Column("members_due"),
        Column("members_present"),
        Column("quorum_label", _("法定人数")),
        Column("result"),
    )


class MajorDecisionDetailView(LedgerDetailView):
    model = MajorDecision
    related = ("organization",)
    fields = (
        "code", "organization", "meeting_date", "category", "topic", "members_due",
        "members_present", "quorum_label", "result",
    )
