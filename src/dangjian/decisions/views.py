from django.contrib import messages
from django.utils.translation import gettext_lazy as _

from dangjian.core.views import (
    Column,
    LedgerCreateView,
    LedgerDeleteView,
    LedgerDetailView,
    LedgerListView,
    LedgerUpdateView,
)

from .filters import MajorDecisionFilterSet
from .forms import MajorDecisionForm
from .models import MajorDecision


class MajorDecisionListView(LedgerListView):
    model = MajorDecision
    filterset_class = MajorDecisionFilterSet
    related = ("organization",)
    create_url_name = "decisions:decision_create"
    columns = (
        Column("code", link=True, sort="code"),
        Column("meeting_date", sort="meeting_date"),
        Column("category", sort="category"),
        Column("topic", link=True),
        Column("members_due", phone=False),
        Column("members_present", phone=False),
        Column("quorum_label", _("法定人数")),
        Column("pre_study_label", _("前置研究")),
        Column("problem_marker", _("规则提示")),
        Column("result", phone=False),
    )


class MajorDecisionDetailView(LedgerDetailView):
    model = MajorDecision
    related = ("organization",)
    edit_url_name = "decisions:decision_edit"
    delete_url_name = "decisions:decision_delete"
    template_name = "decisions/decision_detail.html"
    fields = (
        "code",
        "organization",
        "meeting_date",
        "category",
        "topic",
        "members_due",
        "members_present",
        Column("quorum_label", _("法定人数")),
        "president_meeting_on",
        Column("pre_study_label", _("前置研究")),
        "result",
    )


class _WarnMixin:
    def form_valid(self, form):
        response = super().form_valid(form)
        for warning in form.warnings:
            messages.warning(self.request, warning)
        return response


class MajorDecisionCreateView(_WarnMixin, LedgerCreateView):
    model = MajorDecision
    form_class = MajorDecisionForm
    list_url_name = "decisions:decision_list"


class MajorDecisionUpdateView(_WarnMixin, LedgerUpdateView):
    model = MajorDecision
    form_class = MajorDecisionForm


class MajorDecisionDeleteView(LedgerDeleteView):
    model = MajorDecision
    list_url_name = "decisions:decision_list"
