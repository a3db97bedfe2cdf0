import calendar as pycalendar
import datetime as dt

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from dangjian.core import clock
from dangjian.core.dates import parse_month
from dangjian.core.scoping import CHANGE, VIEW
from dangjian.core.views import (
    Column,
    LedgerCreateView,
    LedgerDeleteView,
    LedgerDetailView,
    LedgerListView,
    LedgerUpdateView,
)
from dangjian.organizations.models import Organization, OrgType
from dangjian.rules.records import DateKind, date_bounds

from . import services
from .filters import OrgLifeEventFilterSet
from .forms import EventAttachmentForm, OrgLifeEventForm
from .models import Attendance, AttendanceStatus, EventAttachment, OrgLifeEvent


class OrgLifeEventListView(LedgerListView):
    model = OrgLifeEvent
    filterset_class = OrgLifeEventFilterSet
    related = ("organization",)
    create_url_name = "orglife:event_create"
    columns = (
        Column("code", link=True, sort="code", phone=False),
        Column("date", sort="date"),
        Column("event_type", sort="event_type"),
        Column("organization.name", _("组织"), sort="organization__path"),
        Column("topic", link=True),
        Column("host", phone=False),
        Column("duration_hours", sort="duration_hours", phone=False),
    )


class OrgLifeEventDetailView(LedgerDetailView):
    model = OrgLifeEvent
    related = ("organization",)
    template_name = "orglife/event_detail.html"
    edit_url_name = "orglife:event_edit"
    delete_url_name = "orglife:event_delete"
    fields = (
        "code",
        "organization",
        "event_type",
        "date",
        "topic",
        "host",
        "lecturer",
        "location",
        "duration_hours",
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        attendances = list(
            Attendance.objects.visible_to(self.request.user)
            .filter(event=self.object)
            .select_related("member")
            .order_by("member__member_no")
        )
        counts = {status: 0 for status in AttendanceStatus.values}
        for attendance in attendances:
            counts[attendance.status] += 1
        context["attendances"] = attendances
        context["tally"] = [(label, counts[value]) for value, label in AttendanceStatus.choices]
        context["attachments"] = list(
            EventAttachment.objects.visible_to(self.request.user).filter(event=self.object)
        )
        if context["can_change"]:
            context["attachment_form"] = EventAttachmentForm()
        context["violations"] = self.object.rule_violations()
        return context


def _warn_about_rules(request, event: OrgLifeEvent) -> None:
    # Warnings never refuse a save (主题党日 is only "相对固定"): say them once after saving.
    for violation in event.rule_violations():
        messages.warning(request, f"{violation.message}（{violation.rule}）")


class OrgLifeEventCreateView(LedgerCreateView):
    model = OrgLifeEvent
    form_class = OrgLifeEventForm
    list_url_name = "orglife:event_list"

    def form_valid(self, form):
        response = super().form_valid(form)
        _warn_about_rules(self.request, self.object)
        return response

    def get_initial(self):
        initial = super().get_initial()
        initial.setdefault("date", clock.today())
        return initial

    def get_success_url(self):
        # Straight on to the attendance sheet: the usual next step after recording a meeting.
        return reverse("orglife:event_attendance", args=[self.object.pk])


class OrgLifeEventUpdateView(LedgerUpdateView):
    model = OrgLifeEvent
    form_class = OrgLifeEventForm

    def form_valid(self, form):
        response = super().form_valid(form)
        if self.object.pk and response.status_code == 302:
            _warn_about_rules(self.request, self.object)
        return response


class OrgLifeEventDeleteView(LedgerDeleteView):
    model = OrgLifeEvent
    list_url_name = "orglife:event_list"


@login_required
def attendance(request, pk: int):
    """Tick 出席/请假/缺席 (and 补学日期) for every member of the branch on one screen."""
    event = get_object_or_404(
        OrgLifeEvent.objects.visible_to(request.user, CHANGE).select_related("organization"), pk=pk
    )
    if request.method == "POST":
        rows = services.attendance_sheet(event, user=request.user, data=request.POST)
        if services.attendance_record(event=event, rows=rows):
            present = sum(1 for row in rows if row.status == AttendanceStatus.PRESENT)
            recorded = sum(1 for row in rows if row.status)
            messages.success(
                request,
                _g("已保存出勤：应到 %(n)s 人，出席 %(p)s 人。") % {"n": recorded, "p": present},
            )
            return redirect(event.get_absolute_url())
        messages.error(request, _g("没有保存：请修改标红的行后再保存（整张表一起保存）。"))
    else:
        rows = services.attendance_sheet(event, user=request.user)
    return render(
        request,
        "orglife/attendance.html",
        {
            "title": _g("登记出勤：%(event)s") % {"event": event},
            "event": event,
            "rows": rows,
            "statuses": AttendanceStatus.choices,
        },
    )


@login_required
@require_POST
def attachment_upload(request, pk: int):
    event = get_object_or_404(OrgLifeEvent.objects.visible_to(request.user, CHANGE), pk=pk)
    form = EventAttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        services.attachment_add(
            event=event,
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"],
            content_type=form.detected_content_type,
            user=request.user,
        )
        messages.success(
            request, _g("已上传附件：%(name)s") % {"name": form.cleaned_data["file"].name}
        )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, _g("附件未上传：%(error)s") % {"error": error})
    return redirect(event.get_absolute_url())


@login_required
def attachment_download(request, pk: int):
    """The only way to a stored file: through the user's scope."""
    attachment = get_object_or_404(EventAttachment.objects.visible_to(request.user, VIEW), pk=pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404("file") from None
    inline = (
        attachment.content_type.startswith("image/") or attachment.content_type == "application/pdf"
    )
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=attachment.original_name,
        content_type=attachment.content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def attachment_delete(request, pk: int):
    attachment = get_object_or_404(
        EventAttachment.objects.visible_to(request.user, CHANGE).select_related("event"), pk=pk
    )
    event = attachment.event
    if request.method == "POST":
        services.attachment_delete(attachment=attachment)
        messages.success(request, _g("已删除附件：%(name)s") % {"name": attachment.original_name})
        return redirect(event.get_absolute_url())
    return render(
        request,
        "web/ledger_confirm_delete.html",
        {
            "title": _g("删除附件：%(name)s") % {"name": attachment.original_name},
            "object": attachment,
        },
    )


# ---- calendar -------------------------------------------------------------------------------


def _calendar_org(request, orgs: list[Organization]) -> Organization | None:
    wanted = request.GET.get("organization")
    if wanted:
        for org in orgs:
            if str(org.pk) == wanted:
                return org
        raise Http404("organization")
    from dangjian.web.workspace import secretary_branch

    branch = secretary_branch(request.user)
    if branch is not None:
        return branch
    return orgs[0] if orgs else None


def _month(request) -> tuple[int, int]:
    first = parse_month(request.GET.get("month") or clock.today().strftime("%Y-%m"))
    if first is None:
        low, high = date_bounds(DateKind.LEDGER, clock.today())
        raise Http404(
            _g("月份无效：应为 %(low)s 至 %(high)s 之间的“年-月”，如 2025-03")
            % {"low": f"{low:%Y-%m}", "high": f"{high:%Y-%m}"}
        )
    return first.year, first.month


@login_required
def calendar(request):
    """组织生活日历: a month of one organisation's events (its subtree), as a grid."""
    orgs = list(
        Organization.objects.visible_to(request.user)
        .exclude(org_type=OrgType.GROUP)
        .order_by("path")
    )
    org = _calendar_org(request, orgs)
    year, month = _month(request)
    weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    events = OrgLifeEvent.objects.visible_to(request.user).filter(
        date__gte=weeks[0][0], date__lte=weeks[-1][-1]
    )
    if org is not None:
        events = events.filter(organization__path__startswith=org.path)
    by_day: dict[dt.date, list[OrgLifeEvent]] = {}
    for event in events.select_related("organization").order_by("date", "event_type"):
        by_day.setdefault(event.date, []).append(event)
    first = dt.date(year, month, 1)
    previous = (first - dt.timedelta(days=1)).strftime("%Y-%m")
    following = (first + dt.timedelta(days=32)).replace(day=1).strftime("%Y-%m")
    feed_url = ""
    if org is not None:
        feed_url = request.build_absolute_uri(
            reverse("orglife:calendar_feed", args=[org.pk])
            + f"?user={request.user.pk}&token={feed_token(request.user, org)}"
        )
    return render(
        request,
        "orglife/calendar.html",
        {
            "title": _g("组织生活日历"),
            "org": org,
            "orgs": orgs,
            "year": year,
            "month": month,
            "weeks": [
                [(day, by_day.get(day, []), day.month == month) for day in week] for week in weeks
            ],
            "month_events": [
                e for day, items in sorted(by_day.items()) if day.month == month for e in items
            ],
            "previous": previous,
            "following": following,
            "today": clock.today(),
            "weekdays": ["一", "二", "三", "四", "五", "六", "日"],
            "feed_url": feed_url,
        },
    )


def feed_token(user, org: Organization) -> str:
    """A per-user, per-organisation secret for calendar apps that cannot log in. It includes the
    password hash, so changing the password revokes every feed URL the user has handed out."""
    return salted_hmac("dangjian.orglife.feed", f"{user.pk}:{org.pk}:{user.password}").hexdigest()[
        :40
    ]


def calendar_feed(request, pk: int):
    """The organisation's events as an iCalendar (.ics) feed: session or ``?user=&token=``."""
    from dangjian.web.ics import CalendarEvent
    from dangjian.web.ics import calendar as ics_calendar

    user = request.user if request.user.is_authenticated else None
    if user is None:
        User = get_user_model()
        candidate = (
            User.objects.filter(pk=request.GET.get("user") or 0, is_active=True).first()
            if (request.GET.get("user") or "").isdigit()
            else None
        )
        org = Organization.objects.filter(pk=pk).first()
        if (
            candidate is None
            or org is None
            or not constant_time_compare(request.GET.get("token", ""), feed_token(candidate, org))
        ):
            return HttpResponse(
                _g("日历订阅链接无效或已失效，请重新登录后复制新的链接。"),
                status=403,
                content_type="text/plain; charset=utf-8",
            )
        user = candidate
    org = get_object_or_404(Organization.objects.visible_to(user), pk=pk)
    since = clock.today() - dt.timedelta(days=400)
    events = (
        OrgLifeEvent.objects.visible_to(user)
        .filter(organization__path__startswith=org.path, date__gte=since)
        .select_related("organization")
        .order_by("date", "code")
    )
    host = request.get_host().split(":")[0]
    items = [
        CalendarEvent(
            uid=f"orglife-{event.pk}@{host}",
            day=event.date,
            summary=f"{event.get_event_type_display()}：{event.topic}"
            if event.topic
            else event.get_event_type_display(),
            description="\n".join(
                filter(
                    None,
                    [
                        event.organization.name,
                        f"主持人：{event.host}" if event.host else "",
                        f"讲课人：{event.lecturer}" if event.lecturer else "",
                    ],
                )
            ),
            location=event.location,
            url=request.build_absolute_uri(event.get_absolute_url()),
            last_modified=event.updated_at,
        )
        for event in events
    ]
    body = ics_calendar(f"{org.name}组织生活", items)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="orglife-{org.code}.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response
