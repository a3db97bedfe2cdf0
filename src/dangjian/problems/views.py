from django.utils.translation import gettext_lazy as _

from dangjian.core.views import (
    Column,
    LedgerCreateView,
    LedgerDeleteView,
    LedgerDetailView,
    LedgerListView,
    LedgerUpdateView,
)

from .filters import ProblemFilterSet
from .forms import ProblemForm
from .models import Problem


class ProblemListView(LedgerListView):
    model = Problem
    filterset_class = ProblemFilterSet
    related = ("organization", "rectification")
    create_url_name = "problems:problem_create"
    columns = (
        Column("code", link=True, sort="code"),
        Column("year", sort="year"),
        Column("organization.name", _("组织"), sort="organization__path"),
        Column("source", sort="source"),
        Column("area", sort="area"),
        Column("text", link=True),
        Column("measures", phone=False),
        Column("rectification.code", _("整改事项"), phone=False),
        Column("settled_label", _("整改情况"), phone=False),
    )


class ProblemDetailView(LedgerDetailView):
    model = Problem
    related = ("organization", "rectification")
    template_name = "problems/problem_detail.html"
    edit_url_name = "problems:problem_edit"
    delete_url_name = "problems:problem_delete"
    fields = (
        "code",
        "organization",
        "year",
        "source",
        "area",
        "text",
        "measures",
        "rectification",
    )


class ProblemCreateView(LedgerCreateView):
    model = Problem
    form_class = ProblemForm
    list_url_name = "problems:problem_list"


class ProblemUpdateView(LedgerUpdateView):
    model = Problem
    form_class = ProblemForm


class ProblemDeleteView(LedgerDeleteView):
    model = Problem
    list_url_name = "problems:problem_list"
