"""Selectors for the role workspaces on the home page (read only, a fixed number of queries).

- 党员: their own record — meetings attended, study hours, 补学 still owed, pipeline stage.
- 支部书记: 本支部本月待办 — the meetings the 支部工作条例 requires this period and not yet
  recorded, rectification items due, events without attendance, the branch's 换届.
- 党委管理员: the whole hospital (the key figures come from the report's figure registry).

When the rules-engine reminders (``dangjian.compliance.due_for_user``) exist they are shown
instead of the simple to-do computed here; the page works without them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.urls import reverse

from dangjian import rules
from dangjian.core import clock
from dangjian.core.scoping import VIEW, scope_for
from dangjian.organizations.models import Member, Organization, OrgType
from dangjian.orglife.models import Attendance, AttendanceStatus, EventType, OrgLifeEvent
from dangjian.rectification.models import RectificationItem, RectificationStatus

# The branch-level meetings a branch must hold, in the order a secretary thinks of them.
BRANCH_MEETINGS = (
    EventType.THEMED_PARTY_DAY,
    EventType.BRANCH_COMMITTEE_MEETING,
    EventType.GROUP_MEETING,
    EventType.BRANCH_GENERAL_MEETING,
    EventType.PARTY_LECTURE,
)
SOURCE = "《中国共产党支部工作条例（试行）》"


@dataclass
class Todo:
    text: str
    url: str = ""
    rule: str = ""
    level: str = "todo"  # "todo" | "overdue" | "info"


@dataclass
class MemberRecord:
    member: Member
    year: int
    attended: int = 0
    excused: int = 0
    absent: int = 0
    study_hours: Decimal = Decimal("0")
    recent: list = field(default_factory=list)
    owed_makeup: list = field(default_factory=list)
    stage: str = ""
    case: object = None
    next_steps: list[Todo] = field(default_factory=list)


def member_record(
    member: Member, *, year: int, user=None, today: dt.date | None = None
) -> MemberRecord:
    """A member's own record for ``year``. ``user`` (when given) narrows the attendance rows
    through ``visible_to``; a member always sees their own."""
    today = today or clock.today()
    record = MemberRecord(member=member, year=year)
    # The scope's own condition, not ``pk__in`` a subquery of every visible row: for a 党委管理员
    # that subquery is the whole attendance table, which SQLite reads for each of these queries.
    rows = (
        Attendance.objects.visible_to(user, VIEW) if user is not None else Attendance.objects.all()
    )
    rows = rows.filter(member=member, event__date__year=year)
    totals = rows.aggregate(
        present=Count("pk", filter=Q(status=AttendanceStatus.PRESENT)),
        excused=Count("pk", filter=Q(status=AttendanceStatus.EXCUSED)),
        absent=Count("pk", filter=Q(status=AttendanceStatus.ABSENT)),
        # Study hours: meetings attended, and those made up by 补学.
        hours=Sum(
            "event__duration_hours",
            filter=Q(status=AttendanceStatus.PRESENT) | Q(makeup_on__isnull=False),
        ),
    )
    record.attended, record.excused, record.absent = (
        totals["present"],
        totals["excused"],
        totals["absent"],
    )
    record.study_hours = totals["hours"] or Decimal("0")
    record.recent = list(
        rows.select_related("event", "event__organization").order_by("-event__date")[:10]
    )
    record.owed_makeup = list(
        rows.exclude(status=AttendanceStatus.PRESENT)
        .filter(makeup_on__isnull=True)
        .select_related("event")
        .order_by("event__date")
    )
    for attendance in record.owed_makeup:
        record.next_steps.append(
            Todo(
                f"{attendance.event.date:%m月%d日}{attendance.event.get_event_type_display()}"
                f"{attendance.get_status_display()}，请及时补学",
                attendance.event.get_absolute_url(),
                level="todo",
            )
        )
    _development(record, today)
    if member.category == "probationary" and record.case is None and member.joined_on:
        end = rules.probation_end(member.joined_on, None)
        record.next_steps.append(
            Todo(
                f"预备期于 {end:%Y年%m月%d日} 届满，届时向党支部提出书面转正申请",
                rule="《中国共产党发展党员工作细则》第二十二步",
            )
        )
    if not record.next_steps:
        record.next_steps.append(
            Todo("暂无待办。按时参加本支部的主题党日和“三会一课”。", level="info")
        )
    return record


def _development(record: MemberRecord, today: dt.date) -> None:
    """The member's own 发展党员 case, matched by their identity number (their own data only)."""
    from dangjian.development.models import DevelopmentCase

    number = record.member.id_number
    if not number:
        return
    case = DevelopmentCase.objects.filter(id_number=number).first()
    if case is None:
        return
    record.case = case
    dates = rules.DevelopmentDates(
        application=case.applied_on,
        talk=case.talked_on,
        activist=case.activist_on,
        candidate=case.candidate_on,
        political_review=case.political_review_on,
        training_end=case.training_completed_on,
        publicity_start=case.publicity_started_on,
        admission=case.admitted_on,
        approval=case.approved_on,
        conversion=case.converted_on,
        extension_until=case.probation_extended_to,
        cancelled=case.cancelled_on,
    )
    record.stage = development_stage(case)
    upcoming = rules.next_step(dates)
    if upcoming is not None:
        when = ""
        if upcoming.earliest and upcoming.latest and upcoming.earliest == upcoming.latest:
            when = f"（{upcoming.latest:%Y年%m月%d日}）"
        elif upcoming.latest:
            when = f"（最迟 {upcoming.latest:%Y年%m月%d日}）"
        elif upcoming.earliest:
            when = f"（最早 {upcoming.earliest:%Y年%m月%d日}）"
        level = "overdue" if upcoming.latest and upcoming.latest < today else "todo"
        record.next_steps.append(
            Todo(
                f"发展党员下一步：第{upcoming.step.number}步 {upcoming.step.name}{when}",
                rule="《中国共产党发展党员工作细则》",
                level=level,
            )
        )


def development_stage(case) -> str:
    """The stage a case has reached, in the words of the 细则's five stages."""
    if case.cancelled_on:
        return "已取消预备党员资格"
    if case.converted_on:
        return "已转正"
    if case.admitted_on:
        return "预备党员"
    if case.candidate_on:
        return "发展对象"
    if case.activist_on:
        return "入党积极分子"
    return "入党申请人"


def secretary_branch(user) -> Organization | None:
    """The organisation a 支部书记 runs (their profile's), if any."""
    from dangjian.organizations.models import Profile, Role

    profile = Profile.objects.select_related("organization").filter(user=user).first()
    if profile is None or profile.role != Role.BRANCH_SECRETARY:
        return None
    return profile.organization


def branch_todo(branch: Organization, *, user, today: dt.date | None = None) -> list[Todo]:
    """本支部本月待办: what the branch still has to do this month (and this quarter)."""
    today = today or clock.today()
    todos: list[Todo] = []
    month_start, month_end = rules.month_bounds(today.year, today.month)
    quarter_start, quarter_end = rules.quarter_bounds(today.year, rules.quarter_of(today))
    events = OrgLifeEvent.objects.visible_to(user, VIEW).filter(
        organization__path__startswith=branch.path
    )
    counts = {
        row["event_type"]: row
        for row in events.filter(
            date__gte=quarter_start, date__lte=quarter_end, event_type__in=BRANCH_MEETINGS
        )
        .values("event_type")
        .annotate(
            month=Count("pk", filter=Q(date__gte=month_start, date__lte=month_end)),
            quarter=Count("pk"),
        )
    }
    has_groups = Organization.objects.filter(
        path__startswith=branch.path, org_type=OrgType.GROUP
    ).exists()
    new_event = reverse("orglife:event_create")
    for kind in BRANCH_MEETINGS:
        if kind == EventType.GROUP_MEETING and not has_groups:
            continue
        requirement = rules.requirement_for(kind.value)
        if requirement is None:
            continue
        per = requirement.per.value
        row = counts.get(kind.value, {"month": 0, "quarter": 0})
        if per == "month" and not row["month"]:
            todos.append(
                Todo(
                    f"本月尚未记录{kind.label}（每月一次）",
                    f"{new_event}?event_type={kind.value}",
                    SOURCE,
                )
            )
        elif per == "quarter" and not row["quarter"]:
            todos.append(
                Todo(
                    f"本季度尚未记录{kind.label}（每季度一次）",
                    f"{new_event}?event_type={kind.value}",
                    SOURCE,
                )
            )
    without_attendance = (
        events.filter(date__gte=month_start, date__lte=today)
        .annotate(n=Count("attendances"))
        .filter(n=0)
        .order_by("date")
    )
    for event in without_attendance[:10]:
        todos.append(
            Todo(
                f"{event.date:%m月%d日}{event.get_event_type_display()}尚未登记出勤",
                reverse("orglife:event_attendance", args=[event.pk]),
            )
        )
    items = (
        RectificationItem.objects.visible_to(user, VIEW)
        .filter(
            organization__path__startswith=branch.path,
            status=RectificationStatus.IN_PROGRESS,
            deadline__lte=month_end,
        )
        .order_by("deadline")
    )
    for item in items[:10]:
        overdue = item.is_overdue(today)
        todos.append(
            Todo(
                f"整改事项 {item.code}「{item.description[:20]}」{'已逾期' if overdue else '本月到期'}"
                f"（时限 {item.deadline:%Y-%m-%d}）",
                item.get_absolute_url(),
                level="overdue" if overdue else "todo",
            )
        )
    from dangjian.organizations.services import election_rows

    for row in election_rows([branch], on=today):
        if row.state in ("overdue", "due_soon"):
            todos.append(
                Todo(
                    row.message,
                    branch.get_absolute_url(),
                    "《中国共产党基层组织选举工作条例》",
                    level="overdue" if row.state == "overdue" else "todo",
                )
            )
    return todos


def rules_engine_reminders(user, today: dt.date):
    """The compliance app's reminders when that app provides them, else ``None``."""
    try:
        from dangjian.compliance import due_for_user  # type: ignore[attr-defined]
    except ImportError:
        return None
    try:
        from django.template.loader import get_template

        get_template("compliance/_due_list.html")
    except Exception:
        return None
    scope = scope_for(user)
    if not scope.can_change:
        # A 党员's own few items (their branch's reminders are cached, filtered per member).
        return due_for_user(user, today)
    from dangjian.core.datacache import cached

    # 党委管理员 and 支部书记: sorting the scope's reminders cost ~5 ms per visit for a hospital.
    # The list is a function of the scope and the date; it is shared, read-only.
    return cached("due_for_user", (scope_key(user), today), lambda: due_for_user(user, today))


def scope_key(user) -> tuple:
    """What a result computed for ``user``'s scope depends on: the scope itself, not the user."""
    scope = scope_for(user)
    return (scope.everything, scope.org_paths, scope.member_id, scope.can_change)


def own_member(user) -> Member | None:
    member_id = scope_for(user).member_id
    if member_id is None:
        return None
    return Member.objects.select_related("organization").filter(pk=member_id).first()
