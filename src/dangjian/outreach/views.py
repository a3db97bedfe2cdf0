from django.utils.translation import gettext_lazy as _

from dangjian.core.views import Column, LedgerDetailView, LedgerListView

from .filters import ServiceActivityFilterSet
from .models import ServiceActivity


class ServiceActivityListView(LedgerListView):
    model = ServiceActivity
    filterset_class = ServiceActivityFilterSet
    related = ("organization",)
    columns = (
        Column("code", link=True),
        Column("date"),
        Column("activity_type"),
        Column("organization.name", _("组织")),
        Column("content", link=True),
        Column("participants"),
        Column("people_served"),
    )


class ServiceActivityDetailView(LedgerDetailView):
    model = ServiceActivity
    related = ("organization",)
    fields = ("code", "organization", "activity_type", "date", "content", "participants", "people_served")
