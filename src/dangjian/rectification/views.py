from django.utils.translation import gettext_lazy as _

from dangjian.core.views import Column, LedgerDetailView, LedgerListView

from .filters import RectificationItemFilterSet
from .models import RectificationItem


class RectificationItemListView(LedgerListView):
    model = RectificationItem
    filterset_class = RectificationItemFilterSet
    related = ("organization",)
    columns = (
        Column("code", link=True),
        Column("organization.name", _("组织")),
        Column("description", link=True),
        Column("source"),
        Column("owner"),
        Column("deadline"),
        Column("status"),
        Column("overdue_label", _("是否逾期")),
    )


class RectificationItemDetailView(LedgerDetailView):
    model = RectificationItem
    related = ("organization",)
    fields = (
        "code", "organization", "description", "source", "raised_on", "measures", "owner",
        "deadline", "completed_on", "status", "overdue_label",
    )
