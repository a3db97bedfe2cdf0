from django.utils.translation import gettext_lazy as _

from dangjian.core.views import Column, LedgerDetailView, LedgerListView

from .filters import DevelopmentCaseFilterSet
from .models import DevelopmentCase


class DevelopmentCaseListView(LedgerListView):
    model = DevelopmentCase
    filterset_class = DevelopmentCaseFilterSet
    related = ("organization",)
    columns = (
        Column("name", link=True),
        Column("organization.name", _("所在组织")),
        Column("id_number_masked", _("身份证号")),
        Column("applied_on"),
        Column("activist_on"),
        Column("candidate_on"),
        Column("admitted_on"),
        Column("converted_on"),
    )


class DevelopmentCaseDetailView(LedgerDetailView):
    model = DevelopmentCase
    related = ("organization",)
    fields = (
        "name", "organization", "id_number_masked", "applied_on", "talked_on", "activist_on",
        "candidate_on", "political_review_on", "training_completed_on", "publicity_started_on",
        "admitted_on", "approved_on", "converted_on", "probation_extended_to", "cancelled_on",
        "introducers",
    )
