"""Organisational-life compliance per organisation and period, in a fixed number of queries.

What is required comes from ``dangjian.rules`` (``requirement_for``, ``required_count``,
``compliance``) with each organisation's effective ``RuleConfig`` (:mod:`.overrides`); what was
held is counted from the 组织生活 ledger. A 党小组会 recorded by a 党小组 counts for its 党支部.
Absences (缺席 and 请假) and those made up by 补学 (``rules.is_made_up``) are counted per cell.

Queries: organisations with groups (1), overrides (1), events (1), attendance (1) — whatever
the number of organisations, events or members.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth
from django.urls import reverse

from dangjian import rules
from dangjian.core import clock
from dangjian.organizations.models import Organization, OrgType
from dangjian.orglife.models import Attendance, AttendanceStatus, EventType, OrgLifeEvent
from dangjian.rules import ComplianceStatus, Frequency, MeetingType

from .overrides import rule_configs_for

# The kinds of organisational life each level must hold, in the order a secretary thinks of them.
BRANCH_KINDS = (
    MeetingType.THEMED_PARTY_DAY,
    MeetingType.BRANCH_COMMITTEE_MEETING,
    MeetingType.GROUP_MEETING,
    MeetingType.BRANCH_GENERAL_MEETING,
    MeetingType.PARTY_LECTURE,
    MeetingType.ORGANISATIONAL_LIFE_MEETING,
    MeetingType.MEMBER_EVALUATION,
)
COMMITTEE_KINDS = (
    MeetingType.CENTRAL_GROUP_STUDY,
    MeetingType.SEMINAR,
    MeetingType.DEMOCRATIC_LIFE_MEETING,
)
KINDS_BY_TYPE = {
    OrgType.BRANCH: BRANCH_KINDS,
    OrgType.PARTY_COMMITTEE: COMMITTEE_KINDS,
    OrgType.GENERAL_BRANCH: COMMITTEE_KINDS[2:],
}
SOURCES = {
    MeetingType.CENTRAL_GROUP_STUDY: "《党委（党组）理论学习中心组学习规则》（次数为本单位规定）",
    MeetingType.SEMINAR: "《党委（党组）理论学习中心组学习规则》（次数为本单位规定）",
    MeetingType.PARTY_LECTURE: "党课每季度一次为地方做法（《支部工作条例》未规定频次）",
}
DEFAULT_SOURCE = "《中国共产党支部工作条例（试行）》"
ALL_KINDS = tuple(dict.fromkeys(BRANCH_KINDS + COMMITTEE_KINDS))


@dataclass
class Cell:
    """One organisation, kind and month."""

    month: int
    held: int = 0
    required: int = 0  # required in this month alone (0 for a quarterly or yearly kind)
    absent: int = 0  # 缺席 + 请假
    made_up: int = 0  # of those, made up by 补学
    status: str = ""  # the status of the period (month, quarter or year) the month lies in
    url: str = ""

    @property
    def owed(self) -> int:
        return self.absent - self.made_up


@dataclass
class GridRow:
    """One organisation and kind over a year."""

    org: Organization
    kind: MeetingType
    requirement: rules.Requirement
    periods: list[rules.ComplianceRow]
    cells: list[Cell]
    rule: str
    config: rules.RuleConfig = field(default=rules.DEFAULT_RULES, repr=False)

    @property
    def required(self) -> int:
        return sum(p.required for p in self.periods)

    @property
    def held(self) -> int:
        return sum(c.held for c in self.cells)

    @property
    def missing(self) -> int:
        """Periods over and short of the requirement."""
        return sum(1 for p in self.periods if p.status is ComplianceStatus.MISSING)

    @property
    def absent(self) -> int:
        return sum(c.absent for c in self.cells)

    @property
    def made_up(self) -> int:
        return sum(c.made_up for c in self.cells)

    def between(self, start: dt.date, end: dt.date) -> tuple[int, int]:
        """(required, held) for whole months ``start``–``end`` of the row's year — a month, a
        quarter or the year: ``rules.required_count`` for the requirement."""
        held = sum(c.held for c in self.cells if start.month <= c.month <= end.month)
        return rules.required_count(self.kind, start, end, self.config), held

    def quarter(self, q: int) -> tuple[int, int]:
        """(required, held) in quarter ``q`` (1–4)."""
        year = self.periods[0].start.year
        return self.between(*rules.quarter_bounds(year, q))

    @property
    def label(self) -> str:
        return f"{self.kind.value}（{self.requirement.per.label}{self._count_text}）"

    @property
    def _count_text(self) -> str:
        return f"{self.requirement.count}次" if self.requirement.count != 1 else "一次"


@dataclass
class OrgGrid:
    org: Organization
    rows: list[GridRow] = field(default_factory=list)

    @property
    def missing(self) -> int:
        return sum(r.missing for r in self.rows)


def _period_of(per: Frequency, month: int) -> int:
    if per is Frequency.MONTH:
        return month - 1
    if per is Frequency.QUARTER:
        return (month - 1) // 3
    return 0


def list_url(org: Organization, kind: MeetingType, year: int, month: int | None = None) -> str:
    """The 组织生活 list filtered to the organisation (with its 党小组), type, year and month."""
    params = {"organization": org.pk, "event_type": kind.value, "year": year}
    if month is not None:
        params["month"] = month
    return f"{reverse('orglife:event_list')}?{urlencode(params)}"


def owner_ids(orgs: list[Organization]) -> dict[int, int]:
    """Which grid organisation an event's organisation counts for: itself, or — for a 党小组 —
    its 党支部. One query for the groups."""
    owners = {org.pk: org.pk for org in orgs}
    branch_ids = [org.pk for org in orgs if org.org_type == OrgType.BRANCH]
    if branch_ids:
        for pk, parent_id in Organization.objects.filter(
            parent_id__in=branch_ids, org_type=OrgType.GROUP
        ).values_list("pk", "parent_id"):
            owners[pk] = parent_id
    return owners


def compliance_grid(
    orgs, year: int, *, as_of: dt.date | None = None, events=None, attendances=None
) -> list[OrgGrid]:
    """Rows per organisation and required kind for ``year``, months as columns.

    ``orgs``: the organisations to show (党支部 rows get the branch meetings; a 党委 the
    中心组 and 民主生活会; 党小组 are folded into their branch). ``events``/``attendances``:
    querysets to count from (default: all) — pass ``visible_to(user)`` ones on pages.
    ``as_of``: periods not over by then are ``pending`` rather than ``missing`` (default today).
    """
    as_of = as_of or clock.today()
    orgs = [o for o in orgs if o.org_type in KINDS_BY_TYPE]
    if not orgs:
        return []
    owners = owner_ids(orgs)
    has_groups = {parent for pk, parent in owners.items() if pk != parent}
    configs = rule_configs_for(orgs)
    start, end = rules.year_bounds(year)
    kinds = [k.value for k in ALL_KINDS]
    events = OrgLifeEvent.objects.all() if events is None else events
    held: dict[tuple[int, str], dict[int, list[dt.date]]] = defaultdict(lambda: defaultdict(list))
    for org_id, kind, day in events.filter(
        organization_id__in=list(owners), date__gte=start, date__lte=end, event_type__in=kinds
    ).values_list("organization_id", "event_type", "date"):
        held[(owners[org_id], kind)][day.month].append(day)
    attendances = Attendance.objects.all() if attendances is None else attendances
    absences: dict[tuple[int, str, int], list[int]] = defaultdict(lambda: [0, 0])
    for row in (
        attendances.filter(
            event__organization_id__in=list(owners),
            event__date__gte=start,
            event__date__lte=end,
            event__event_type__in=kinds,
        )
        .exclude(status=AttendanceStatus.PRESENT)
        .annotate(month=ExtractMonth("event__date"))
        .values("event__organization_id", "event__event_type", "month", "status")
        .annotate(n=Count("pk"), made_up=Count("pk", filter=Q(makeup_on__isnull=False)))
    ):
        key = (owners[row["event__organization_id"]], row["event__event_type"], row["month"])
        status = _RULE_ATTENDANCE[row["status"]]
        absences[key][0] += row["n"]
        # rules.is_made_up decides what a 补学 record means; the count is per status group.
        absences[key][1] += row["made_up"] if rules.is_made_up(status, True) else 0
    grids = []
    for org in orgs:
        config = configs[org.pk]
        grid = OrgGrid(org)
        for kind in KINDS_BY_TYPE[org.org_type]:
            if kind is MeetingType.GROUP_MEETING and org.pk not in has_groups:
                continue
            requirement = rules.requirement_for(kind, config)
            if requirement is None:
                continue
            by_month = held.get((org.pk, kind.value), {})
            dates = [d for days in by_month.values() for d in days]
            periods = rules.compliance(kind, dates, year, config, as_of=as_of)
            cells = []
            for month in range(1, 13):
                m_start, m_end = rules.month_bounds(year, month)
                absent, made_up = absences.get((org.pk, kind.value, month), (0, 0))
                index = _period_of(requirement.per, month)
                cells.append(
                    Cell(
                        month=month,
                        held=len(by_month.get(month, ())),
                        required=rules.required_count(kind, m_start, m_end, config),
                        absent=absent,
                        made_up=made_up,
                        status=periods[index].status.value if index < len(periods) else "",
                        url=list_url(org, kind, year, month),
                    )
                )
            grid.rows.append(
                GridRow(
                    org,
                    kind,
                    requirement,
                    periods,
                    cells,
                    SOURCES.get(kind, DEFAULT_SOURCE),
                    config,
                )
            )
        if grid.rows:
            grids.append(grid)
    return grids


_RULE_ATTENDANCE = {
    AttendanceStatus.PRESENT.value: rules.Attendance.PRESENT,
    AttendanceStatus.EXCUSED.value: rules.Attendance.EXCUSED,
    AttendanceStatus.ABSENT.value: rules.Attendance.ABSENT,
}


__all__ = [
    "ALL_KINDS",
    "BRANCH_KINDS",
    "COMMITTEE_KINDS",
    "Cell",
    "GridRow",
    "OrgGrid",
    "compliance_grid",
    "list_url",
    "owner_ids",
]

# EventType values are the rules' MeetingType values (see orglife.models): keep them in step.
assert {k.value for k in ALL_KINDS} <= set(EventType.values)
