"""服务活动 and who took part in them (``ServiceParticipation``, counted by 党员积分)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dangjian.core.scoping import CHANGE, VIEW
from dangjian.core.views import (
    Column,
    LedgerCreateView,
    LedgerDeleteView,
    LedgerDetailView,
    LedgerListView,
    LedgerUpdateView,
)
from dangjian.evaluations import points
from dangjian.evaluations.models import ServiceParticipation

from .filters import ServiceActivityFilterSet, ServiceParticipationFilterSet
from .forms import ServiceActivityForm, ServiceParticipationForm
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
    template_name = "outreach/activity_detail.html"
    related = ("organization",)
    edit_url_name = "outreach:activity_edit"
    delete_url_name = "outreach:activity_delete"
    fields = (
        "code",
        "organization",
        "activity_type",
        "date",
        "content",
        "participants",
        "people_served",
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The participants the user may see (a 党员 sees their own participation only).
        participations = list(
            ServiceParticipation.objects.visible_to(self.request.user, VIEW)
            .filter(activity=self.object)
            .select_related("member", "member__organization")
            .order_by("member__member_no")
        )
        context["participations"] = [_linked(p) for p in participations]
        # Changing the activity and its participations is the same scope (the activity's organisation).
        context["can_add_participant"] = bool(context["can_change"])
        context["add_participant_url"] = (
            reverse("outreach:participation_create") + f"?activity={self.object.pk}"
        )
        return context


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


# --- 服务活动参与党员 ---------------------------------------------------------------------------
# ``ServiceParticipation`` is declared by ``evaluations`` and has no URL of its own: its pages
# are here, and these views give every row they hand to the generic templates its page address
# (``get_absolute_url``, which those templates link to).


def participation_url(participation: ServiceParticipation) -> str:
    return reverse("outreach:participation_detail", args=[participation.pk])


def _linked(participation: ServiceParticipation) -> ServiceParticipation:
    participation.get_absolute_url = lambda: participation_url(participation)
    return participation


def _refresh_points(*counted) -> None:
    """A participation is worth 服务活动 points: keep the members' stored yearly totals current
    (as a 积分调整 does), for each (year, member) before and after the change."""
    for year, member_id in {c for c in counted if c is not None}:
        points.recompute(year, member_ids=[member_id])


class _ParticipationObject:
    model = ServiceParticipation
    related = ("activity", "activity__organization", "member", "member__organization")

    def get_object(self, queryset=None):
        return _linked(super().get_object(queryset))


class ParticipationListView(LedgerListView):
    model = ServiceParticipation
    filterset_class = ServiceParticipationFilterSet
    related = ("activity", "activity__organization", "member")
    create_url_name = "outreach:participation_create"
    columns = (
        Column("activity.date", _("活动日期"), sort="activity__date"),
        Column("activity.code", _("活动编号"), sort="activity__code"),
        Column("activity.activity_type", _("类型"), sort="activity__activity_type"),
        Column(
            "activity.organization.name",
            _("组织"),
            sort="activity__organization__path",
            phone=False,
        ),
        Column("member.member_no", _("党员编号"), sort="member__member_no", phone=False),
        Column("member.name", _("姓名"), link=True),
    )

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .order_by("-activity__date", "activity__code", "member__member_no")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for participation in context["object_list"]:
            _linked(participation)
        return context


class ParticipationDetailView(_ParticipationObject, LedgerDetailView):
    template_name = "outreach/participation_detail.html"
    edit_url_name = "outreach:participation_edit"
    delete_url_name = "outreach:participation_delete"
    fields = ("activity", "activity.organization", "member", "member.organization")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = [
            (_("服务活动"), "activity"),
            (_("组织"), "activity.organization"),
            (_("党员"), "member"),
            (_("所在组织"), "member.organization"),
        ]
        return context


class _ParticipationForm:
    form_class = ServiceParticipationForm

    def form_valid(self, form):
        response = super().form_valid(form)
        if response.status_code == 302:  # saved (not refused as a stale edit)
            participation = self.object
            _refresh_points(
                form.counted_before, (participation.activity.date.year, participation.member_id)
            )
        return response


class ParticipationCreateView(_ParticipationForm, LedgerCreateView):
    model = ServiceParticipation
    list_url_name = "outreach:participation_list"

    def get_initial(self):
        initial = super().get_initial()
        initial.pop("organization", None)  # the activity decides the organisation
        return initial

    def activity(self):
        raw = self.request.GET.get("activity", "")
        if not raw.isdigit():
            return None
        return (
            ServiceActivity.objects.visible_to(self.request.user, CHANGE)
            .filter(pk=int(raw))
            .first()
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        activity = self.activity()
        if activity is not None:
            context["cancel_url"] = activity.get_absolute_url()
        return context

    def get_success_url(self):
        # Back to the activity, where the next participant is added.
        return self.object.activity.get_absolute_url()


class ParticipationUpdateView(_ParticipationForm, _ParticipationObject, LedgerUpdateView):
    def get_success_url(self):
        return participation_url(self.object)


class ParticipationDeleteView(_ParticipationObject, LedgerDeleteView):
    list_url_name = "outreach:participation_list"

    def get_success_url(self):
        return self.object.activity.get_absolute_url()  # back to the remaining participants

    def form_valid(self, form):
        pk, counted = self.object.pk, (self.object.activity.date.year, self.object.member_id)
        response = super().form_valid(form)
        if not ServiceParticipation.objects.filter(pk=pk).exists():
            _refresh_points(counted)
        return response
