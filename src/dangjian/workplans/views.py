from django.utils.translation import gettext_lazy as _

from dangjian.core.views import (
    Column,
    LedgerCreateView,
    LedgerDeleteView,
    LedgerDetailView,
    LedgerListView,
    LedgerUpdateView,
)

from .filters import WorkPlanItemFilterSet
from .forms import WorkPlanItemForm
from .models import WorkPlanItem


class WorkPlanItemListView(LedgerListView):
    model = WorkPlanItem
    filterset_class = WorkPlanItemFilterSet
    related = ("organization",)
    create_url_name = "workplans:item_create"
    columns = (
        Column("code", link=True, sort="code"),
        Column("year", sort="year"),
        Column("organization.name", _("组织"), sort="organization__path"),
        Column("area", sort="area"),
        Column("text", link=True),
        Column("owner", phone=False),
        Column("deadline", sort="deadline"),
    )


class WorkPlanItemDetailView(LedgerDetailView):
    model = WorkPlanItem
    related = ("organization",)
    edit_url_name = "workplans:item_edit"
    delete_url_name = "workplans:item_delete"
    fields = ("code", "organization", "year", "area", "text", "owner", "deadline")


class WorkPlanItemCreateView(LedgerCreateView):
    model = WorkPlanItem
    form_class = WorkPlanItemForm
    list_url_name = "workplans:item_list"


class WorkPlanItemUpdateView(LedgerUpdateView):
    model = WorkPlanItem
    form_class = WorkPlanItemForm


class WorkPlanItemDeleteView(LedgerDeleteView):
    model = WorkPlanItem
    list_url_name = "workplans:item_list"
