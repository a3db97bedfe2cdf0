from django.utils.translation import gettext_lazy as _

from dangjian.core.views import Column, LedgerDetailView, LedgerListView

from .filters import OrgLifeEventFilterSet
from .models import OrgLifeEvent


class OrgLifeEventListView(LedgerListView):
    model = OrgLifeEvent
    filterset_class = OrgLifeEventFilterSet
    related = ("organization",)
    columns = (
        Column("code", link=True),
        Column("date"),
        Column("event_type"),
        Column("organization.name", _("组织")),
        Column("topic", link=True),
        Column("host"),
    )


class OrgLifeEventDetailView(LedgerDetailView):
    model = OrgLifeEvent
    related = ("organization",)
    template_name = "orglife/event_detail.html"
    fields = (
        "code", "organization", "event_type", "date", "topic", "host", "lecturer", "location",
        "duration_hours",
    )

    def get_context_data(self, **kwargs):
        from .models import Attendance

        context = super().get_context_data(**kwargs)
        context["attendances"] = (
            Attendance.objects.visible_to(self.request.user)
            .filter(event=self.object)
            .select_related("member")
            .order_by("member__member_no")
        )
        return context
