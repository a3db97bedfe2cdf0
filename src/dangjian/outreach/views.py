from django.utils.translation import gettext_lazy as _

from dangjian.core.views import (
    Column, LedgerCreateView, LedgerDeleteView, LedgerDetailView, LedgerListView, LedgerUpdateView,
)

from .filters import ServiceActivityFilterSet
from .forms import ServiceActivityForm
from .models import COMMON_SERVICE_TYPES, ServiceActivity


class ServiceActivityListView(LedgerListView):
    model = ServiceActivity
    filterset_class = ServiceActivityFilterSet
    related = ("organization",)
    create_url_name = "outreach:activity_create"
    columns = (
        Column("code", link=True, sort="code"),
        Column("date", sort="date"),
        Column("activity_type", sort="activity_type"),
        Column("organization.name", _("组织"), sort="organization__path"),
        Column("content", link=True),
        Column("participants", sort="participants", phone=False),
        Column("people_served", sort="people_served"),
    )


class ServiceActivityDetailView(LedgerDetailView):
    model = ServiceActivity
    related = ("organization",)
    edit_url_name = "outreach:activity_edit"
    delete_url_name = "outreach:activity_delete"
    fields = ("code", "organization", "activity_type", "date", "content", "participants", "people_served")


class _TypesMixin:
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["datalists"] = {"service-types": COMMON_SERVICE_TYPES}
        return context


class ServiceActivityCreateView(_TypesMixin, LedgerCreateView):
    model = ServiceActivity
    form_class = ServiceActivityForm
    list_url_name = "outreach:activity_list"


class ServiceActivityUpdateView(_TypesMixin, LedgerUpdateView):
    model = ServiceActivity
    form_class = ServiceActivityForm


class ServiceActivityDeleteView(LedgerDeleteView):
    model = ServiceActivity
    list_url_name = "outreach:activity_list"
