"""Report figures: each declared once — key, Chinese label, unit, and the records it counts.

A figure is computed for a calendar year and an organisation's subtree (``path__startswith``),
so events of a 党小组 count for its 党支部 and for every organisation above. Computing is separate
from rendering: :func:`compute_figures` returns a :class:`FigureSet` that the JSON export, the
narrative (Markdown, HTML, Word), the report page, the home page, the dashboard and the fact-check
all read.

How the numbers are computed, and why it is done this way:

* Each *dataset* (organisations, members, 组织生活, 参会记录, 发展党员, 整改, 三重一大, 服务活动)
  is read with ONE ``values_list`` query over the subtree and the year, fetching only the
  identifier and the few columns the figures need. Every figure of that family is then a
  selection over those rows, so the number of queries is fixed (one per dataset) whatever the
  size of the hospital: no query per branch, per member or per row.
* A figure's ``records`` are the identifiers of exactly the rows it counts (活动编号, 党员编号,
  问题编号, 事项编号, 组织编码, and 姓名 with the masked 身份证号 for 发展党员), so every number
  in a report can be traced back to its ledger rows; ``pks`` keeps the primary keys for the
  report page's record list.
* The large datasets — 党员 (10⁵ in a county bureau), 组织生活 (10⁵ a year), 参会记录 (10⁵ a year
  in a large hospital, millions in a bureau) and 评议考核 — are instead counted in SQL, grouped by
  organisation and by the columns their figures select on (:class:`Tally`). Their figures add up
  tallies; the records of such a figure are read only when someone asks for them
  (:class:`DeferredRecords`: the figure's record page, the JSON export), in ONE query per dataset
  (:class:`TallySource`), and are exactly the rows of the figure's tallies: a record belongs to
  the tally with its organisation and its grouping columns (``key``), computed by the same SQL
  expressions in both queries.
* Election overdue and 三重一大 quorum come from the pure rules package (``dangjian.rules``).

Keys marked "spec" are those of the ledger-workbook spec ("Report figure keys"); they are stable.
"""

from __future__ import annotations

import datetime as dt
import itertools
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial
from operator import itemgetter
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.db import connection
from django.db.models import Count, Model, Q, QuerySet
from django.test.utils import CaptureQueriesContext

from dangjian import rules
from dangjian.core import idcard
from dangjian.decisions.models import MajorDecision
from dangjian.development.models import DevelopmentCase
from dangjian.implementation.models import Instruction, Measure, MeasureStatus
from dangjian.indicators import aggregate as indicator_aggregate
from dangjian.indicators.models import IndicatorValue, OpinionEvent
from dangjian.integrity.models import EducationKind, IntegrityEducation, LetterKind, Responsibility
from dangjian.organizations.models import Member, MemberCategory, Organization, OrgType
from dangjian.orglife.models import (
    THREE_MEETINGS_ONE_LECTURE,
    Attendance,
    AttendanceStatus,
    EventType,
    OrgLifeEvent,
)
from dangjian.outreach.models import COMMON_SERVICE_TYPES, ServiceActivity
from dangjian.recognition.models import (
    BrandKind,
    CultivationKind,
    DualCultivation,
    Honour,
    HonourKind,
    PartyBrand,
)
from dangjian.rectification.models import RectificationItem, RectificationStatus
from dangjian.rectification.overdue import is_overdue
from dangjian.transfers.selectors import members_in_subtree_on

if TYPE_CHECKING:
    from django.db.models import Expression, Field, Manager
    from typing_extensions import TypeIs

__all__ = [
    "LOW_ATTENDANCE_KEYS",
    "LOW_ATTENDANCE_RATE",
    "REGISTRY",
    "Figure",
    "FigureDef",
    "FigureSet",
    "compute_figures",
    "figure_records",
]

#: A branch whose 参会率 is below this (in %) is named under 存在问题. Local practice, not a rule.
LOW_ATTENDANCE_RATE = Decimal("85.0")
# The figure naming the parts (see Context.part) below that rate: 党支部, or a 卫健局's 下属单位.
LOW_ATTENDANCE_KEYS = {"branch": "attendance.low_branches", "unit": "attendance.low_units"}

# Organisation types that hold elections (a 党小组 has no term), as the rules package names them.
_RULE_ORG_TYPE: dict[str, rules.OrgType] = {
    OrgType.PARTY_COMMITTEE: rules.OrgType.COMMITTEE,
    OrgType.GENERAL_BRANCH: rules.OrgType.GENERAL_BRANCH,
    OrgType.BRANCH: rules.OrgType.BRANCH,
}


# --------------------------------------------------------------------------------------------
# Rows: one query per dataset
# --------------------------------------------------------------------------------------------


# Row, OrgRow and Tally are made by the thousand for each report and never changed afterwards;
# they are not ``frozen`` because a frozen dataclass's __init__ costs three times as much.


@dataclass(slots=True)
class Row:
    """One ledger row as the figures see it: primary key, the identifier shown in ``records``,
    the organisation it belongs to, and the columns the figures select on."""

    pk: int
    ident: str
    org_id: int
    data: dict[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.data[name]


@dataclass(slots=True)
class OrgRow:
    pk: int
    code: str
    name: str
    org_type: str
    path: str
    parent_id: int | None
    founded_on: dt.date | None
    last_election_on: dt.date | None
    term_years: int | None
    sort_order: int


@dataclass(slots=True)
class Tally:
    """A number of ledger rows counted in SQL: those of one organisation (``org_id``) with the
    same values of the dataset's grouping columns (``key``, as SQL returns them). ``data`` holds
    the columns the figures select on, derived from ``key``."""

    dataset: str
    org_id: int
    key: tuple[Any, ...]
    data: dict[str, Any]
    n: int

    def __getitem__(self, name: str) -> Any:
        return self.data[name]


def _are_tallies(rows: list[Row] | list[Tally]) -> TypeIs[list[Tally]]:
    """True for tallies (counted in SQL). An empty list is taken for rows: it has none."""
    return bool(rows) and isinstance(rows[0], Tally)


def _size(rows: list[Row] | list[Tally]) -> int:
    """How many ledger rows a selection counts."""
    if rows and isinstance(rows[0], Tally):
        return sum(t.n for t in rows)
    return len(rows)


@dataclass(frozen=True)
class TallySource:
    """How a dataset counted in SQL lists its rows when a figure's records are asked for.

    ``records(ctx, org_ids)`` returns ``(pk, organisation id, identifier, *key)`` in the order a
    figure lists its records, for the organisations ``org_ids`` or, with None, the whole
    subtree. A dataset that cannot narrow to organisations (``narrows`` False) is always read
    whole."""

    records: Callable[[Context, list[int] | None], Iterable[tuple[Any, ...]]]
    narrows: bool = True


class DeferredRecords:
    """The records of a figure counted in SQL: the number is known at once, the identifiers and
    primary keys are read only when first needed — the figure's record page or the JSON export.
    ``load`` returns ``(identifier, pk)`` pairs."""

    def __init__(self, count: int, load: Callable[[], list[tuple[str, int]]]):
        self.count = count
        self._load_rows = load
        self._loaded: tuple[tuple[str, ...], tuple[int, ...]] | None = None

    def __len__(self) -> int:
        return self.count

    def _load(self) -> tuple[tuple[str, ...], tuple[int, ...]]:
        if self._loaded is None:
            rows = self._load_rows() if self.count else []
            self._loaded = tuple(ident for ident, _pk in rows), tuple(pk for _ident, pk in rows)
        return self._loaded

    @property
    def idents(self) -> tuple[str, ...]:
        return self._load()[0]

    @property
    def pks(self) -> tuple[int, ...]:
        return self._load()[1]

    def first(self, limit: int) -> list[str]:
        """Identifiers to list inline: none unless already read. Reading them per figure would
        cost a query per 党支部 (so a report's queries would grow with the hospital); the record
        page and the JSON export list them all."""
        return list(self.idents[:limit]) if self._loaded is not None else []


@dataclass
class Context:
    """What the figures are computed from: the year, the organisation and the rows of its subtree."""

    year: int
    org: Organization
    start: dt.date
    end: dt.date
    orgs: list[OrgRow] = field(default_factory=list)
    rows: dict[str, list[Row] | list[Tally]] = field(default_factory=dict)  # Tally: see TALLIED
    _rule_configs: dict[int, rules.RuleConfig] | None = None
    _records: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)

    def records(self, dataset: str, org_ids: list[int] | None = None) -> list[tuple[Any, ...]]:
        """The rows of a dataset counted in SQL (see :class:`TallySource`): read whole once and
        kept, so listing every figure's records costs one query per dataset; or, until then,
        only those of ``org_ids`` (one 党支部's record page)."""
        whole = self._records.get(dataset)
        if whole is not None:
            return whole
        source = TALLIED[dataset]
        if org_ids is not None and source.narrows:
            return list(source.records(self, org_ids))
        whole = self._records[dataset] = list(source.records(self, None))
        return whole

    def rows_of(self, dataset: str) -> list[Row]:
        """The rows of a dataset read row by row (one not in ``TALLIED``)."""
        return cast("list[Row]", self.rows[dataset])

    def tallies_of(self, dataset: str) -> list[Tally]:
        """The tallies of a dataset counted in SQL (one of ``TALLIED``)."""
        return cast("list[Tally]", self.rows[dataset])

    def rule_configs(self) -> dict[int, rules.RuleConfig]:
        """Each organisation's effective rules (its overrides and its ancestors'), one query."""
        if self._rule_configs is None:
            from dangjian.compliance.overrides import rule_configs_for

            self._rule_configs = rule_configs_for(self.orgs)
        return self._rule_configs

    # ---- the organisation tree ----
    @property
    def org_by_id(self) -> dict[int, OrgRow]:
        cache = self.__dict__.get("_org_by_id")
        if cache is None:
            cache = self.__dict__["_org_by_id"] = {o.pk: o for o in self.orgs}
        return cache

    def branches(self) -> list[OrgRow]:
        """党支部 of the subtree existing at year end, in tree order (shared: do not change it)."""
        found = self.__dict__.get("_branches")
        if found is None:
            found = self.__dict__["_branches"] = [
                o
                for o in self.orgs
                if o.org_type == OrgType.BRANCH
                and (o.founded_on is None or o.founded_on <= self.end)
            ]
        return found

    def ancestry(self, org_id: int | None) -> Iterator[OrgRow]:
        """The organisation and those above it within the subtree, nearest first. Every walk up
        the tree goes through here: it stops at an organisation already seen, so a parent loop in
        bad data (written around ``Organization.save``) cannot make a report run for ever."""
        seen: set[int] = set()
        org = self.org_by_id.get(org_id) if org_id is not None else None
        while org is not None and org.pk not in seen:
            seen.add(org.pk)
            yield org
            org = self.org_by_id.get(org.parent_id) if org.parent_id else None

    def branch_id_of(self, org_id: int) -> int | None:
        """The 党支部 a row belongs to: its own organisation, or the nearest 党支部 above it."""
        memo: dict[int, int | None] = self.__dict__.setdefault("_branch_of", {})
        if org_id not in memo:
            memo[org_id] = next(
                (o.pk for o in self.ancestry(org_id) if o.org_type == OrgType.BRANCH), None
            )
        return memo[org_id]

    def units(self) -> list[OrgRow]:
        """下属单位: the 党委 right below this organisation (a 卫健局's hospitals), in tree order."""
        found = self.__dict__.get("_units")
        if found is None:
            root = self.org.pk
            found = self.__dict__["_units"] = [
                o
                for o in self.orgs
                if o.org_type == OrgType.PARTY_COMMITTEE
                and o.pk != root
                and self._committee_above(o) == root
            ]
        return found

    def _committee_above(self, org: OrgRow) -> int | None:
        above = itertools.islice(self.ancestry(org.pk), 1, None)
        return next((o.pk for o in above if o.org_type == OrgType.PARTY_COMMITTEE), None)

    @property
    def part(self) -> str:
        """What the "per part" figures are broken down by: ``"branch"`` (党支部), or ``"unit"``
        when the organisation has 党委 under it — a 卫健局 compares its hospitals; a hospital's
        own report has its 党支部."""
        found = self.__dict__.get("_part")
        if found is None:
            found = self.__dict__["_part"] = "unit" if self.units() else "branch"
        return found

    def parts(self, part: str | None = None) -> list[OrgRow]:
        """The 党支部 or the 下属单位 (``part``; by default the report's, see ``part``)."""
        return self.units() if (part or self.part) == "unit" else self.branches()

    def part_id_of(self, org_id: int, part: str) -> int | None:
        """The 党支部 (or 下属单位) whose figures a row of ``org_id`` counts for."""
        if part == "branch":
            return self.branch_id_of(org_id)
        memo: dict[int, int | None] = self.__dict__.setdefault("_unit_of", {})
        if org_id not in memo:
            units = {u.pk for u in self.units()}
            memo[org_id] = next((o.pk for o in self.ancestry(org_id) if o.pk in units), None)
        return memo[org_id]

    def in_year(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.end


def _load_orgs(ctx: Context) -> None:
    ctx.orgs = [
        OrgRow(*values)
        for values in Organization.objects.filter(path__startswith=ctx.org.path)
        .order_by("path")
        .values_list(
            "pk",
            "code",
            "name",
            "org_type",
            "path",
            "parent_id",
            "founded_on",
            "last_election_on",
            "term_years",
            "sort_order",
        )
    ]


def _tallies(
    dataset: str,
    counts: dict[tuple[int, tuple[Any, ...]], int],
    derive: Callable[[tuple[Any, ...]], dict[str, Any]],
) -> list[Tally]:
    return [Tally(dataset, org_id, key, derive(key), n) for (org_id, key), n in counts.items()]


def _add_counts(
    counts: dict[tuple[int, tuple[Any, ...]], int], grouped: Iterable[tuple[Any, ...]]
) -> None:
    """Add ``(organisation id, *key, n)`` rows (a GROUP BY's) to ``counts``."""
    for org_id, *key, n in grouped:
        group = (org_id, tuple(key))
        counts[group] = counts.get(group, 0) + n


# ---- 党员 -------------------------------------------------------------------------------------
# Grouping columns: 预备党员 at year end, 党支部书记 (党内职务 书记), 双带头人, and the name of a
# 书记 (so that the lectures of each branch's secretaries can be recognised; "" for the others).
_MEMBER_KEY = ("probationary", "secretary", "is_dual_leader", "secretary_name")


def _members_queryset(ctx: Context) -> QuerySet[Member]:
    """The members that count at year end (not those who joined after it), with the key."""
    from django.db.models import BooleanField, Case, CharField, F, Value, When
    from django.db.models.functions import Trim

    def flag(condition: Q) -> Case:
        return Case(
            When(condition, then=Value(True)), default=Value(False), output_field=BooleanField()
        )

    members: QuerySet[Member] = Member.objects.filter(
        Q(joined_on__isnull=True) | Q(joined_on__lte=ctx.end)
    ).annotate(
        # 预备党员 at year end: still 预备 today, or 转正 only after the year ended.
        probationary=flag(Q(category=MemberCategory.PROBATIONARY) | Q(full_member_on__gt=ctx.end)),
        post=Trim("party_post"),
        secretary=flag(Q(post=Member.SECRETARY_POST)),
        secretary_name=Case(
            When(post=Member.SECRETARY_POST, then=F("name")),
            default=Value(""),
            output_field=CharField(),
        ),
    )
    return members


def _member_data(key: tuple[Any, ...]) -> dict[str, Any]:
    probationary, secretary, dual, name = key
    return {
        "probationary": bool(probationary),
        "secretary": bool(secretary),
        "dual": bool(dual),
        "name": name,
    }


def _load_members(ctx: Context) -> list[Tally]:
    """Members counted at year end in the organisation they belonged to then (组织关系转接): those
    never transferred are grouped in SQL where they are now; the few with a transfer are placed
    by ``transfers.selectors`` (one query) and counted here."""
    from dangjian.transfers.selectors import never_moved

    members = _members_queryset(ctx)
    counts: dict[tuple[int, tuple[Any, ...]], int] = {}
    _add_counts(
        counts,
        never_moved(ctx.org.path, members)
        .order_by()
        .values_list("organization_id", *_MEMBER_KEY)
        .annotate(n=Count("pk")),
    )
    _add_counts(
        counts,
        (
            (org_id, *key, 1)
            for _pk, org_id, *key in members_in_subtree_on(
                ctx.org.path, ctx.end, _MEMBER_KEY, members=members, moved_only=True
            )
        ),
    )
    return _tallies("members", counts, _member_data)


def _member_records(ctx: Context, org_ids: list[int] | None) -> Iterable[tuple[Any, ...]]:
    # (pk, organisation at year end, 党员编号, *key): already the shape of a TallySource's rows.
    return members_in_subtree_on(
        ctx.org.path, ctx.end, ("member_no", *_MEMBER_KEY), members=_members_queryset(ctx)
    )


# ---- 组织生活 ---------------------------------------------------------------------------------
# Grouping columns: the type, and the 讲课人 of a 党课 (whether a branch's secretary lectured).
_EVENT_KEY = ("event_type", "lecture_by")


def _events_queryset(ctx: Context, org_ids: list[int] | None = None) -> QuerySet[OrgLifeEvent]:
    from django.db.models import Case, CharField, F, Value, When

    found = OrgLifeEvent.objects.filter(date__range=(ctx.start, ctx.end))
    if org_ids is None:
        found = found.filter(organization__path__startswith=ctx.org.path)
    else:
        found = found.filter(organization_id__in=org_ids)
    annotated: QuerySet[OrgLifeEvent] = found.annotate(
        lecture_by=Case(
            When(event_type=EventType.PARTY_LECTURE, then=F("lecturer")),
            default=Value(""),
            output_field=CharField(),
        )
    )
    return annotated


def _event_data(key: tuple[Any, ...]) -> dict[str, Any]:
    return {"type": key[0], "lecturer": (key[1] or "").strip()}


def _load_events(ctx: Context) -> list[Tally]:
    counts: dict[tuple[int, tuple[Any, ...]], int] = {}
    _add_counts(
        counts,
        _events_queryset(ctx)
        .order_by()
        .values_list("organization_id", *_EVENT_KEY)
        .annotate(n=Count("pk")),
    )
    return _tallies("events", counts, _event_data)


def _event_records(ctx: Context, org_ids: list[int] | None) -> Iterable[tuple[Any, ...]]:
    return (
        _events_queryset(ctx, org_ids)
        .order_by("date", "code")
        .values_list("pk", "organization_id", "code", *_EVENT_KEY)
    )


# ---- 参会记录 ---------------------------------------------------------------------------------


def _attendance_queryset(ctx: Context, org_ids: list[int] | None = None) -> QuerySet[Attendance]:
    found = Attendance.objects.filter(event__date__range=(ctx.start, ctx.end))
    if org_ids is None:
        return found.filter(event__organization__path__startswith=ctx.org.path)
    return found.filter(event__organization_id__in=org_ids)


def _load_attendance(ctx: Context) -> list[Tally]:
    """参会记录 counted by organisation and status: a rate needs nothing more."""
    counts: dict[tuple[int, tuple[Any, ...]], int] = {}
    _add_counts(
        counts,
        _attendance_queryset(ctx)
        .order_by()
        .values_list("event__organization_id", "status")
        .annotate(n=Count("pk")),
    )
    return _tallies("attendance", counts, lambda key: {"status": key[0]})


def _attendance_records(ctx: Context, org_ids: list[int] | None) -> Iterable[tuple[Any, ...]]:
    for pk, org_id, code, member_no, status in (
        _attendance_queryset(ctx, org_ids)
        .order_by("event__date", "event__code", "member__member_no")
        .values_list("pk", "event__organization_id", "event__code", "member__member_no", "status")
    ):
        yield pk, org_id, f"{code}/{member_no}", status


def _load_development(ctx: Context) -> list[Row]:
    rows = []
    for pk, name, number, org_id, applied, activist, admitted, converted in (
        DevelopmentCase.objects.filter(organization__path__startswith=ctx.org.path)
        .filter(_any_in_year(ctx, "applied_on", "activist_on", "admitted_on", "converted_on"))
        .order_by("applied_on", "pk")
        .values_list(
            "pk",
            "name",
            "id_number",
            "organization_id",
            "applied_on",
            "activist_on",
            "admitted_on",
            "converted_on",
        )
    ):
        rows.append(
            Row(
                pk,
                f"{name}（{idcard.mask(number)}）",
                org_id,
                {
                    "applied_on": applied,
                    "activist_on": activist,
                    "admitted_on": admitted,
                    "converted_on": converted,
                },
            )
        )
    return rows


def _any_in_year(ctx: Context, *fields: str) -> Q:
    condition = Q(pk__in=[])
    for name in fields:
        condition |= Q(**{f"{name}__range": (ctx.start, ctx.end)})
    return condition


def _load_rectification(ctx: Context) -> list[Row]:
    rows = []
    for pk, code, org_id, _raised, deadline, completed, status in (
        RectificationItem.objects.filter(organization__path__startswith=ctx.org.path)
        .filter(Q(raised_on__isnull=True) | Q(raised_on__lte=ctx.end))
        .filter(
            Q(deadline__range=(ctx.start, ctx.end))
            | Q(completed_on__range=(ctx.start, ctx.end))
            | ~Q(status=RectificationStatus.DONE)
            | Q(completed_on__gt=ctx.end)
        )
        .order_by("deadline", "code")
        .values_list(
            "pk", "code", "organization_id", "raised_on", "deadline", "completed_on", "status"
        )
    ):
        # Done *at year end*: marked done and not completed only after the year ended.
        done = status == RectificationStatus.DONE and (completed is None or completed <= ctx.end)
        rows.append(
            Row(
                pk,
                code,
                org_id,
                {
                    "deadline": deadline,
                    "done": done,
                    "overdue": is_overdue(deadline=deadline, done=done, on=ctx.end),
                },
            )
        )
    return rows


def _load_decisions(ctx: Context) -> list[Row]:
    rows = []
    for pk, code, org_id, category, due, present in (
        MajorDecision.objects.filter(
            organization__path__startswith=ctx.org.path, meeting_date__range=(ctx.start, ctx.end)
        )
        .order_by("meeting_date", "code")
        .values_list("pk", "code", "organization_id", "category", "members_due", "members_present")
    ):
        # Without counts the quorum cannot be judged: such a row is not flagged.
        quorum = (
            None if due is None or present is None else rules.has_quorum(category, due, present)
        )
        rows.append(Row(pk, code, org_id, {"category": category, "quorum": quorum}))
    return rows


def _load_services(ctx: Context) -> list[Row]:
    return [
        Row(
            pk,
            code,
            org_id,
            {"type": kind, "served": served or 0, "participants": participants or 0},
        )
        for pk, code, org_id, kind, served, participants in ServiceActivity.objects.filter(
            organization__path__startswith=ctx.org.path, date__range=(ctx.start, ctx.end)
        )
        .order_by("date", "code")
        .values_list(
            "pk", "code", "organization_id", "activity_type", "people_served", "participants"
        )
    ]


def _load_party_extras(ctx: Context) -> list[Row]:
    """表彰, 党建品牌/示范点, 双培养, 党建+业务指标 and 舆情 of the year in ONE query (a UNION ALL:
    every part selects the same columns, ``family`` tells them apart; a part lacking a column
    selects NULL)."""
    from django.db.models import CharField, DateField, DecimalField, IntegerField, Value
    from django.db.models.functions import Cast

    nulls: dict[str, Field[Any, Any]] = {
        "kind": CharField(),
        "year": IntegerField(),
        "day": DateField(),
        "handled": DateField(),
        "indicator": CharField(),
        "period": CharField(),
        "value": DecimalField(max_digits=14, decimal_places=2),
        "unit": CharField(),
    }

    def part(
        queryset: QuerySet[Any], family: str, ident: str, org: str, **fields: str
    ) -> QuerySet[Any, tuple[Any, ...]]:
        annotations: dict[str, Expression] = {"family": Value(family, output_field=CharField())}
        for name, output in nulls.items():
            if name not in fields:
                # Typed (CAST(NULL AS date)): PostgreSQL cannot match an untyped NULL across a UNION.
                annotations[f"x_{name}"] = Cast(Value(None), output)
        columns = ["pk", ident, org, "family"] + [fields.get(name, f"x_{name}") for name in nulls]
        values: QuerySet[Any, tuple[Any, ...]] = (
            queryset.order_by().annotate(**annotations).values_list(*columns)
        )
        return values

    path, year = ctx.org.path, ctx.year
    union = part(
        Honour.objects.filter(organization__path__startswith=path, year=year),
        "honour",
        "code",
        "organization_id",
        kind="kind",
        year="year",
    ).union(
        part(
            PartyBrand.objects.filter(organization__path__startswith=path, year__lte=year),
            "brand",
            "code",
            "organization_id",
            kind="kind",
            year="year",
        ),
        part(
            DualCultivation.objects.filter(
                member__organization__path__startswith=path, date__range=(ctx.start, ctx.end)
            ),
            "cultivation",
            "member__member_no",
            "member__organization_id",
            kind="kind",
            day="date",
        ),
        part(
            IndicatorValue.objects.filter(organization__path__startswith=path, year=year),
            "indicator",
            "code",
            "organization_id",
            indicator="indicator",
            period="period",
            value="value",
            unit="unit",
        ),
        part(
            OpinionEvent.objects.filter(
                organization__path__startswith=path, date__range=(ctx.start, ctx.end)
            ),
            "opinion",
            "code",
            "organization_id",
            day="date",
            handled="handled_on",
        ),
        all=True,
    )
    rows = []
    for (
        pk,
        ident,
        org_id,
        family,
        kind,
        year_,
        day,
        handled,
        indicator,
        period,
        value,
        unit,
    ) in union:
        if family == "cultivation":
            ident = f"{ident}/{CultivationKind(kind).label}"
        if value is not None and not isinstance(
            value, Decimal
        ):  # SQLite returns the UNION's decimals as float/str
            value = Decimal(str(value)).quantize(Decimal("0.01"))
        rows.append(
            Row(
                pk,
                ident,
                org_id,
                {
                    "family": family,
                    "kind": kind,
                    "year": year_,
                    "day": day,
                    "handled": handled is not None and handled <= ctx.end,
                    "indicator": indicator,
                    "period": period,
                    "value": value,
                    "unit": unit or "",
                },
            )
        )
    rows.sort(
        key=lambda r: (
            r["family"],
            r["indicator"] or "",
            r["year"] or 0,
            r["day"] or ctx.start,
            r.ident,
        )
    )
    return rows


def _load_instructions(ctx: Context) -> list[Row]:
    return [
        Row(pk, code, org_id, {"kind": kind})
        for pk, code, org_id, kind in Instruction.objects.filter(
            organization__path__startswith=ctx.org.path, issued_on__range=(ctx.start, ctx.end)
        )
        .order_by("issued_on", "code")
        .values_list("pk", "code", "organization_id", "kind")
    ]


def _load_measures(ctx: Context) -> list[Row]:
    """落实措施 of the year, counted like 整改: of instructions issued by year end, those whose
    时限 or 完成日期 falls in the year, or still open at year end."""
    rows = []
    for pk, code, org_id, deadline, completed, status in (
        Measure.objects.filter(
            instruction__organization__path__startswith=ctx.org.path,
            instruction__issued_on__lte=ctx.end,
        )
        .filter(
            Q(deadline__range=(ctx.start, ctx.end))
            | Q(completed_on__range=(ctx.start, ctx.end))
            | ~Q(status=MeasureStatus.DONE)
            | Q(completed_on__gt=ctx.end)
        )
        .order_by("deadline", "code")
        .values_list(
            "pk", "code", "instruction__organization_id", "deadline", "completed_on", "status"
        )
    ):
        done = status == MeasureStatus.DONE and (completed is None or completed <= ctx.end)
        rows.append(
            Row(
                pk,
                code,
                org_id,
                {
                    "done": done,
                    "overdue": is_overdue(deadline=deadline, done=done, on=ctx.end),
                },
            )
        )
    return rows


def _load_letters(ctx: Context) -> list[Row]:
    return [
        Row(pk, code, org_id, {"kind": kind})
        for pk, code, org_id, kind in Responsibility.objects.filter(
            organization__path__startswith=ctx.org.path, year=ctx.year
        )
        .order_by("code")
        .values_list("pk", "code", "organization_id", "kind")
    ]


def _load_integrity_education(ctx: Context) -> list[Row]:
    return [
        Row(pk, code, org_id, {"kind": kind})
        for pk, code, org_id, kind in IntegrityEducation.objects.filter(
            organization__path__startswith=ctx.org.path, date__range=(ctx.start, ctx.end)
        )
        .order_by("date", "code")
        .values_list("pk", "code", "organization_id", "kind")
    ]


#: dataset name → (model whose rows it reads, loader). One query each (党员: two, see
#: ``_load_members``).
DATASETS: dict[str, tuple[type[Model], Callable[[Context], list[Row] | list[Tally]]]] = {
    "members": (Member, _load_members),
    "events": (OrgLifeEvent, _load_events),
    "attendance": (Attendance, _load_attendance),
    "development": (DevelopmentCase, _load_development),
    "rectification": (RectificationItem, _load_rectification),
    "decisions": (MajorDecision, _load_decisions),
    "services": (ServiceActivity, _load_services),
    # 表彰, 党建品牌, 双培养, 指标, 舆情: one query; each figure names its own model.
    "party_extras": (Honour, _load_party_extras),
}


def _org_rows(ctx: Context, orgs: Iterable[OrgRow]) -> list[Row]:
    """Organisations as the rows a figure counts (each made once per context)."""
    made = ctx.__dict__.setdefault("_org_rows", {})
    rows = []
    for o in orgs:
        row = made.get(o.pk)
        if row is None:
            row = made[o.pk] = Row(o.pk, o.code, o.pk, {})
        rows.append(row)
    return rows


def _elections(ctx: Context) -> tuple[list[OrgRow], list[OrgRow]]:
    """Organisations that held an election in the year, and those overdue at year end."""
    found: tuple[list[OrgRow], list[OrgRow]] | None = ctx.__dict__.get("_elections")
    if found is None:
        found = ctx.__dict__["_elections"] = _judge_elections(ctx)
    return found


def _judge_elections(ctx: Context) -> tuple[list[OrgRow], list[OrgRow]]:
    from dangjian.compliance.overrides import term_years

    completed, overdue = [], []
    configs = ctx.rule_configs()
    for o in ctx.orgs:
        kind = _RULE_ORG_TYPE.get(o.org_type)
        if kind is None or o.last_election_on is None or (o.founded_on and o.founded_on > ctx.end):
            continue
        if ctx.in_year(o.last_election_on):
            completed.append(o)
        # The same term as the reminders and the dashboard: recorded, else the organisation's rules.
        term = term_years(o, configs[o.pk])
        # Only the latest election is recorded: one held after the year cannot tell us more.
        if (
            term is not None  # only a 党小组 has none, and it holds no elections
            and o.last_election_on <= ctx.end
            and rules.is_overdue_at(o.last_election_on, term, ctx.end)
        ):
            overdue.append(o)
    return completed, overdue


# --------------------------------------------------------------------------------------------
# The registry
# --------------------------------------------------------------------------------------------

#: A selection: given the context and one expansion parameter, the rows a figure counts (or,
#: for a dataset counted in SQL, the tallies of those rows) and its value (``None`` for a rate
#: with nothing to divide).
Selection = tuple["list[Row] | list[Tally]", int | Decimal | None]


@dataclass(frozen=True)
class FigureDef:
    """One figure, declared once.

    ``key`` and ``label`` may contain ``{code}``/``{name}`` (per part: each 党支部, or each
    下属单位 of a 卫健局 — ``{part}`` is ``branch`` or ``unit``, see ``Context.part``) or
    ``{type}`` (per type) when ``per`` says over what the figure is expanded. ``model`` is what
    ``records`` identify; ``select`` returns the counted rows and the value.
    """

    key: str
    label: str
    unit: str
    model: type[Model]
    select: Callable[[Context, Any], Selection]
    per: str | None = None  # None, "part", "event_type", "indicator", "service_type"
    spec: bool = False  # one of the workbook spec's stable keys
    help: str = ""
    flow: bool = True  # a count over the year (compared with the previous year)
    unit_of: Callable[[Context, Any], str] | None = None  # a unit that depends on the expansion
    only_part: str | None = None  # reported only when the report's parts are these ("unit")
    #: The ledger whose rows the figure depends on (see ``DATASET_OF_MODEL``); by default the
    #: dataset of ``model``. Compared with the previous year only where that year has rows in it.
    dataset: str = ""

    def expand(self, ctx: Context) -> Iterator[tuple[str, str, Any]]:
        if self.only_part is not None and ctx.part != self.only_part:
            return
        if self.per is None:
            yield self.key, self.label, None
        elif self.per == "part":
            for part in ctx.parts():
                fmt = {"code": part.code, "name": part.name, "part": ctx.part}
                yield self.key.format(**fmt), self.label.format(**fmt), part
        elif self.per == "event_type":
            for value, _label in EventType.choices:
                yield self.key.format(type=value), self.label.format(type=value), value
        elif self.per == "indicator":
            for name in dict.fromkeys(
                row["indicator"] for row in ctx.rows["party_extras"] if row["indicator"]
            ):
                yield self.key.format(name=name), self.label.format(name=name), name
        elif self.per == "service_type":
            found = {row["type"] for row in ctx.rows["services"]}
            kinds = list(COMMON_SERVICE_TYPES) + sorted(found - set(COMMON_SERVICE_TYPES))
            for kind in kinds:
                yield self.key.format(type=kind), self.label.format(type=kind), kind
        else:  # pragma: no cover - a declaration error
            raise ValueError(self.per)


def _count(rows: list[Row] | list[Tally]) -> Selection:
    return rows, _size(rows)


def _rate(part: list[Row] | list[Tally], whole: list[Row] | list[Tally]) -> Selection:
    """A rate counts its whole: the records are the denominator's rows."""
    return whole, rules.percentage(_size(part), _size(whole))


#: Rows or tallies: what the selections below keep of the list they are given.
_R = TypeVar("_R", Row, Tally)


def _within(ctx: Context, rows: list[_R], org: OrgRow, part: str) -> list[_R]:
    """The rows (or tallies) of one 党支部 and its 党小组 (``part`` "branch"), or of one
    下属单位 and everything under it ("unit")."""
    # Performance: the rows are grouped once per list (not scanned once per branch, which made
    # a report O(rows × branches)). The cache keeps a reference to ``rows`` so that its id
    # cannot be reused by another list while the entry exists.
    cache: dict[tuple[int, str], tuple[list[_R], dict[int | None, list[_R]]]]
    cache = ctx.__dict__.setdefault("_by_part", {})
    entry = cache.get((id(rows), part))
    if entry is None or entry[0] is not rows:
        grouped: dict[int | None, list[_R]] = {}
        for r in rows:
            grouped.setdefault(ctx.part_id_of(r.org_id, part), []).append(r)
        entry = cache[(id(rows), part)] = (rows, grouped)
    return list(entry[1].get(org.pk, ()))


def _in_part(ctx: Context, rows: list[_R], part: OrgRow) -> list[_R]:
    """The rows of one part of the per-part figures (see ``Context.part``)."""
    return _within(ctx, rows, part, ctx.part)


def _where(ctx: Context, dataset: str, **wanted: Any) -> list[Row]:
    """The rows of a dataset (read row by row) whose columns have the ``wanted`` values, in the
    dataset's order."""
    return _selected(ctx, dataset, ctx.rows_of(dataset), wanted)


def _tallies_where(ctx: Context, dataset: str, **wanted: Any) -> list[Tally]:
    """The tallies of a dataset counted in SQL whose columns have the ``wanted`` values."""
    return _selected(ctx, dataset, ctx.tallies_of(dataset), wanted)


def _selected(ctx: Context, dataset: str, rows: list[_R], wanted: dict[str, Any]) -> list[_R]:
    """``rows`` (all of ``dataset``) whose columns have the ``wanted`` values, in their order.

    Performance: each dataset is grouped once per set of columns (not scanned once per figure
    and per grade, type or branch). The returned list is shared: callers must not change it."""
    names = tuple(sorted(wanted))
    pick = itemgetter(*names)  # the same key from a row's data and from ``wanted``
    cache: dict[tuple[str, tuple[str, ...]], dict[Any, list[_R]]]
    cache = ctx.__dict__.setdefault("_where", {})
    groups = cache.get((dataset, names))
    if groups is None:
        groups = cache[(dataset, names)] = {}
        for r in rows:
            groups.setdefault(pick(r.data), []).append(r)
    return groups.get(pick(wanted), [])


def _events(ctx: Context, *types: str) -> list[Tally]:
    if len(types) == 1:
        return _tallies_where(ctx, "events", type=types[0])
    # The same selection is asked for once per branch: compute it once per context.
    cache: dict[tuple[str, ...], list[Tally]] = ctx.__dict__.setdefault("_events_by_types", {})
    if types not in cache:
        cache[types] = [r for r in ctx.tallies_of("events") if r["type"] in types]
    return cache[types]


def _secretary_names(ctx: Context) -> dict[int, set[str]]:
    """Names of each branch's secretaries (党内职务 书记), by branch id."""
    names: dict[int, set[str]] | None = ctx.__dict__.get("_secretary_names")
    if names is None:
        names = {}
        for tally in _tallies_where(ctx, "members", secretary=True):
            branch = ctx.branch_id_of(tally.org_id)
            if branch is not None:
                names.setdefault(branch, set()).add(tally["name"])
        ctx.__dict__["_secretary_names"] = names
    return names


def _lectures_by_secretaries(ctx: Context) -> list[Tally]:
    secretaries = _secretary_names(ctx)
    return [
        r
        for r in _events(ctx, EventType.PARTY_LECTURE)
        if r["lecturer"]
        and r["lecturer"] in secretaries.get(ctx.branch_id_of(r.org_id) or 0, set())
    ]


def _branches_without_secretary_lecture(ctx: Context) -> list[Row]:
    lectured = {ctx.branch_id_of(r.org_id) for r in _lectures_by_secretaries(ctx)}
    return _org_rows(ctx, [b for b in ctx.branches() if b.pk not in lectured])


def _attendance(
    ctx: Context, org: OrgRow | None = None, part: str = "branch"
) -> tuple[list[Tally], int, int]:
    """参会记录 of the subtree (or of one 党支部 or 下属单位): their tallies, how many, how many 出席."""
    tallies = ctx.tallies_of("attendance")
    if org is not None:
        tallies = _within(ctx, tallies, org, part)
    present = sum(t.n for t in tallies if t["status"] == AttendanceStatus.PRESENT)
    return tallies, _size(tallies), present


def _attendance_rate(ctx: Context, org: OrgRow | None = None, part: str = "branch") -> Selection:
    """出席 ÷ all 参会记录; the records are all of them (a rate counts its whole)."""
    tallies, total, present = _attendance(ctx, org, part)
    return tallies, rules.percentage(present, total)


def _attendance_count(ctx: Context) -> Selection:
    return _count(ctx.rows["attendance"])


def _low_attendance(ctx: Context, part: str) -> list[Row]:
    """The 党支部 (or 下属单位) whose 参会率 is below ``LOW_ATTENDANCE_RATE``."""
    low = []
    for org in ctx.parts(part):
        _records, rate = _attendance_rate(ctx, org, part)
        if rate is not None and rate < LOW_ATTENDANCE_RATE:
            low.append(org)
    return _org_rows(ctx, low)


def _rect(ctx: Context, **wanted: bool) -> list[Row]:
    return _where(ctx, "rectification", **wanted)


def _dev(ctx: Context, date_field: str) -> list[Row]:
    cache: dict[str, list[Row]] = ctx.__dict__.setdefault("_dev_by_field", {})
    if date_field not in cache:
        cache[date_field] = [r for r in ctx.rows_of("development") if ctx.in_year(r[date_field])]
    return cache[date_field]


def _members(ctx: Context, **wanted: bool) -> list[Tally]:
    return _tallies_where(ctx, "members", **wanted)


def _dual_leaders(ctx: Context) -> list[Tally]:
    return [
        r
        for r in _members(ctx, secretary=True, dual=True)
        if ctx.org_by_id[r.org_id].org_type == OrgType.BRANCH
    ]


def _services(ctx: Context, kind: str | None = None) -> list[Row]:
    return ctx.rows_of("services") if kind is None else _where(ctx, "services", type=kind)


def _extras(ctx: Context, family: str) -> list[Row]:
    return _where(ctx, "party_extras", family=family)


def _honours(ctx: Context, kind: str | None = None) -> list[Row]:
    return [r for r in _extras(ctx, "honour") if kind is None or r["kind"] == kind]


def _honours_of_kind(ctx: Context, _param: Any, kind: str) -> Selection:
    return _count(_honours(ctx, kind))


def _cultivation_of_kind(ctx: Context, _param: Any, kind: str) -> Selection:
    return _count([r for r in _extras(ctx, "cultivation") if r["kind"] == kind])


def _brands(ctx: Context, kind: str) -> list[Row]:
    return [r for r in _extras(ctx, "brand") if r["kind"] == kind]


def _indicator_rows(ctx: Context, name: str) -> list[Row]:
    return _where(ctx, "party_extras", family="indicator", indicator=name)


def _indicator_unit(ctx: Context, name: str) -> str:
    return next((r["unit"] for r in _indicator_rows(ctx, name) if r["unit"]), "")


def _indicator(ctx: Context, name: str) -> Selection:
    """The year's value of one indicator (see ``indicators.aggregate``); records: the rows used."""
    rows = _indicator_rows(ctx, name)
    entries = {
        r.pk: indicator_aggregate.Entry(r.ident, r.org_id, r["period"], r["value"], r["unit"])
        for r in rows
    }
    used = {id(e) for e in indicator_aggregate.chosen(entries.values())}
    counted = [r for r in rows if id(entries[r.pk]) in used]
    return counted, indicator_aggregate.total(entries.values(), _indicator_unit(ctx, name))


O, M, E, A, D, R, J, S = (  # noqa: E741 -- one letter per model keeps the table readable
    Organization,
    Member,
    OrgLifeEvent,
    Attendance,
    DevelopmentCase,
    RectificationItem,
    MajorDecision,
    ServiceActivity,
)

REGISTRY: list[FigureDef] = [
    # ---- organisation ----
    FigureDef(
        "org.branches",
        "党支部数",
        "个",
        O,
        lambda c, _: _count(_org_rows(c, c.branches())),
        spec=True,
        flow=False,
        help="年末时本组织下的党支部",
    ),
    FigureDef(
        "org.general_branches",
        "党总支数",
        "个",
        O,
        lambda c, _: _count(
            _org_rows(
                c,
                [
                    o
                    for o in c.orgs
                    if o.org_type == OrgType.GENERAL_BRANCH
                    and (o.founded_on is None or o.founded_on <= c.end)
                ],
            )
        ),
        flow=False,
    ),
    FigureDef(
        "org.groups",
        "党小组数",
        "个",
        O,
        lambda c, _: _count(
            _org_rows(
                c,
                [
                    o
                    for o in c.orgs
                    if o.org_type == OrgType.GROUP
                    and (o.founded_on is None or o.founded_on <= c.end)
                ],
            )
        ),
        flow=False,
    ),
    FigureDef(
        "org.new_branches",
        "新成立党支部数",
        "个",
        O,
        lambda c, _: _count(_org_rows(c, [b for b in c.branches() if c.in_year(b.founded_on)])),
    ),
    # ---- members ----
    FigureDef(
        "members.total",
        "党员总数",
        "名",
        M,
        lambda c, _: _count(c.rows["members"]),
        spec=True,
        flow=False,
        help="年末党员（正式党员＋预备党员）",
    ),
    FigureDef(
        "members.probationary",
        "预备党员数",
        "名",
        M,
        lambda c, _: _count(_members(c, probationary=True)),
        spec=True,
        flow=False,
    ),
    FigureDef(
        "members.dual_leaders",
        "双带头人数",
        "名",
        M,
        lambda c, _: _count(_dual_leaders(c)),
        spec=True,
        flow=False,
        help="标记为“双带头人”的党支部书记",
    ),
    FigureDef(
        "members.by_{part}.{code}",
        "{name}党员数",
        "名",
        M,
        lambda c, b: _count(_in_part(c, c.tallies_of("members"), b)),
        per="part",
        flow=False,
    ),
    # ---- organisational life ----
    FigureDef(
        "meetings.{type}",
        "{type}次数",
        "次",
        E,
        lambda c, t: _count(_events(c, t)),
        per="event_type",
        spec=True,
    ),
    FigureDef(
        "meetings.三会一课",
        "“三会一课”次数",
        "次",
        E,
        lambda c, _: _count(_events(c, *THREE_MEETINGS_ONE_LECTURE)),
        spec=True,
        help="支部党员大会＋支部委员会会议＋党小组会＋党课",
    ),
    FigureDef(
        "meetings.三会一课.by_{part}.{code}",
        "{name}“三会一课”次数",
        "次",
        E,
        lambda c, b: _count(_in_part(c, _events(c, *THREE_MEETINGS_ONE_LECTURE), b)),
        per="part",
    ),
    FigureDef(
        "meetings.党课.by_secretary",
        "支部书记讲党课次数",
        "次",
        E,
        lambda c, _: _count(_lectures_by_secretaries(c)),
        help="讲课人为所在党支部书记的党课",
    ),
    FigureDef(
        "meetings.党课.branches_without_secretary",
        "支部书记未讲党课的党支部数",
        "个",
        O,
        lambda c, _: _count(_branches_without_secretary_lecture(c)),
        flow=False,  # counts branches by an absence: not ledger activity of the year
        help="全年没有一次由本支部书记讲授的党课（支部书记每年至少讲一次党课）",
        dataset="events",
    ),
    FigureDef(
        "attendance.rate",
        "参会率",
        "%",
        A,
        lambda c, _: _attendance_rate(c),
        spec=True,
        help="出席 ÷（出席＋请假＋缺席）",
    ),
    FigureDef("attendance.records", "参会记录数", "条", A, lambda c, _: _attendance_count(c)),
    FigureDef(
        "attendance.rate.by_{part}.{code}",
        "{name}参会率",
        "%",
        A,
        lambda c, b: _attendance_rate(c, b, c.part),
        per="part",
    ),
    FigureDef(
        "attendance.low_branches",
        "参会率偏低的党支部数",
        "个",
        O,
        lambda c, _: _count(_low_attendance(c, "branch")),
        dataset="attendance",
        help=f"参会率低于{LOW_ATTENDANCE_RATE}%的党支部",
    ),
    FigureDef(
        "attendance.low_units",
        "参会率偏低的下属单位数",
        "个",
        O,
        lambda c, _: _count(_low_attendance(c, "unit")),
        only_part="unit",
        dataset="attendance",
        help=f"参会率低于{LOW_ATTENDANCE_RATE}%的下属单位（下设党委的组织的报告）",
    ),
    # ---- development ----
    FigureDef(
        "development.applicants",
        "入党申请人数",
        "名",
        D,
        lambda c, _: _count(_dev(c, "applied_on")),
        spec=True,
    ),
    FigureDef(
        "development.activists",
        "新确定入党积极分子数",
        "名",
        D,
        lambda c, _: _count(_dev(c, "activist_on")),
        spec=True,
    ),
    FigureDef(
        "development.new_probationary",
        "发展党员数",
        "名",
        D,
        lambda c, _: _count(_dev(c, "admitted_on")),
        spec=True,
        help="支部大会接收日期在本年",
    ),
    FigureDef(
        "development.converted",
        "按期转正数",
        "名",
        D,
        lambda c, _: _count(_dev(c, "converted_on")),
        spec=True,
    ),
    FigureDef(
        "development.new_probationary.by_{part}.{code}",
        "{name}发展党员数",
        "名",
        D,
        lambda c, b: _count(_in_part(c, _dev(c, "admitted_on"), b)),
        per="part",
    ),
    # ---- elections ----
    FigureDef(
        "elections.completed",
        "完成换届的党组织数",
        "个",
        O,
        lambda c, _: _count(_org_rows(c, _elections(c)[0])),
        spec=True,
    ),
    FigureDef(
        "elections.overdue",
        "逾期未换届的党组织数",
        "个",
        O,
        lambda c, _: _count(_org_rows(c, _elections(c)[1])),
        spec=True,
        flow=False,
        help="任期在年末前届满且未再选举",
    ),
    # ---- rectification ----
    FigureDef(
        "rectification.total",
        "整改问题数",
        "个",
        R,
        lambda c, _: _count(c.rows["rectification"]),
        spec=True,
    ),
    FigureDef(
        "rectification.done", "已完成", "个", R, lambda c, _: _count(_rect(c, done=True)), spec=True
    ),
    FigureDef(
        "rectification.in_progress",
        "正在推进",
        "个",
        R,
        lambda c, _: _count(_rect(c, done=False)),
        spec=True,
    ),
    FigureDef(
        "rectification.rate",
        "问题完成率",
        "%",
        R,
        lambda c, _: _rate(_rect(c, done=True), c.rows["rectification"]),
        spec=True,
        help="已完成 ÷ 整改问题数",
    ),
    FigureDef(
        "rectification.overdue",
        "逾期未完成的整改问题数",
        "个",
        R,
        lambda c, _: _count(_rect(c, overdue=True)),
        help="整改时限早于年末且年末未完成",
    ),
    # ---- 三重一大 ----
    FigureDef(
        "decisions.三重一大",
        "“三重一大”事项数",
        "项",
        J,
        lambda c, _: _count(c.rows["decisions"]),
        spec=True,
    ),
    FigureDef(
        "decisions.without_quorum",
        "未达法定人数的决策",
        "项",
        J,
        lambda c, _: _count([r for r in c.rows_of("decisions") if r["quorum"] is False]),
        spec=True,
    ),
    # ---- services ----
    FigureDef(
        "services.{type}",
        "{type}次数",
        "次",
        S,
        lambda c, t: _count(_services(c, t)),
        per="service_type",
        spec=True,
    ),
    FigureDef("services.total", "服务活动次数", "次", S, lambda c, _: _count(_services(c))),
    FigureDef(
        "services.people_served",
        "服务群众人次",
        "人次",
        S,
        lambda c, _: (_services(c), sum(r["served"] for r in _services(c))),
        spec=True,
    ),
    FigureDef(
        "services.participants",
        "参与服务党员群众人次",
        "人次",
        S,
        lambda c, _: (_services(c), sum(r["participants"] for r in _services(c))),
    ),
    # ---- 表彰, 党建品牌, 双培养, 舆情, 党建+业务指标 ----
    FigureDef(
        "honours.total",
        "受表彰数",
        "项",
        Honour,
        lambda c, _: _count(_honours(c)),
        help="年度为本年的表彰（先进党组织、优秀共产党员、优秀党务工作者）",
    ),
    *(
        FigureDef(
            f"honours.{label}",
            f"获评“{label}”数",
            unit,
            Honour,
            partial(_honours_of_kind, kind=kind),
        )
        for kind, label, unit in (
            (HonourKind.ADVANCED_ORG, "先进党组织", "个"),
            (HonourKind.OUTSTANDING_MEMBER, "优秀共产党员", "名"),
            (HonourKind.OUTSTANDING_WORKER, "优秀党务工作者", "名"),
        )
    ),
    FigureDef(
        "brands.total",
        "党建品牌数",
        "个",
        PartyBrand,
        lambda c, _: _count(_brands(c, BrandKind.BRAND)),
        flow=False,
        help="年末已创建的“一支部一特色”党建品牌",
    ),
    FigureDef(
        "brands.new",
        "新创建党建品牌数",
        "个",
        PartyBrand,
        lambda c, _: _count([r for r in _brands(c, BrandKind.BRAND) if r["year"] == c.year]),
    ),
    FigureDef(
        "brands.demonstration",
        "党建示范点数",
        "个",
        PartyBrand,
        lambda c, _: _count(_brands(c, BrandKind.DEMONSTRATION)),
        flow=False,
    ),
    *(
        FigureDef(
            f"cultivation.{kind.label}",
            f"{kind.label}人数",
            "名",
            DualCultivation,
            partial(_cultivation_of_kind, kind=kind),
            help="双培养：日期在本年",
        )
        for kind in CultivationKind
    ),
    FigureDef(
        "opinion.total",
        "舆情数",
        "件",
        OpinionEvent,
        lambda c, _: _count(_extras(c, "opinion")),
        help="发现日期在本年的舆情",
    ),
    FigureDef(
        "opinion.handled",
        "已处置舆情数",
        "件",
        OpinionEvent,
        lambda c, _: _count([r for r in _extras(c, "opinion") if r["handled"]]),
        help="年末前处置完成",
    ),
    FigureDef(
        "opinion.rate",
        "舆情处置率",
        "%",
        OpinionEvent,
        lambda c, _: _rate(
            [r for r in _extras(c, "opinion") if r["handled"]], _extras(c, "opinion")
        ),
    ),
    FigureDef(
        "indicators.{name}",
        "{name}",
        "",
        IndicatorValue,
        lambda c, n: _indicator(c, n),
        per="indicator",
        unit_of=lambda c, n: _indicator_unit(c, n),
        help="各科室填报值：计数类指标求和，百分比指标取各科室平均；同一科室有全年值时不再计季度、月度值",
    ),
]


# ---- evaluations (app ``evaluations``): 民主评议, 述职评议, 支部考核, 医德考评 --------------------
# The four ledgers are read with ONE query (a UNION of their rows for the year), so the report's
# fixed number of queries grows by one, not four.

from dangjian.evaluations.models import (  # noqa: E402  (kept next to the figures that use them)
    BranchAssessment,
    EthicsGrade,
    EthicsRecord,
    MemberEvaluation,
    MemberGrade,
    ReviewGrade,
    SecretaryReview,
)


def _evaluation_parts(ctx: Context) -> list[tuple[QuerySet[Any], str, str]]:
    """The four ledgers of the year: (queryset, identifier column, organisation column), each
    row annotated with its ``kind``."""
    from django.db.models import CharField, Value

    def part(
        manager: Manager[Any], kind: str, ident: str, org: str, path: str
    ) -> tuple[QuerySet[Any], str, str]:
        queryset: QuerySet[Any] = (
            manager.filter(year=ctx.year, **{f"{path}__startswith": ctx.org.path})
            .order_by()
            .annotate(kind=Value(kind, output_field=CharField()))
        )
        return queryset, ident, org

    return [
        part(
            MemberEvaluation.objects,
            "member",
            "member__member_no",
            "member__organization_id",
            "member__organization__path",
        ),
        part(
            SecretaryReview.objects,
            "secretary",
            "member__member_no",
            "organization_id",
            "organization__path",
        ),
        part(
            BranchAssessment.objects,
            "branch",
            "organization__code",
            "organization_id",
            "organization__path",
        ),
        part(EthicsRecord.objects, "ethics", "staff_no", "organization_id", "organization__path"),
    ]


def _union(querysets: list[QuerySet[Any, tuple[Any, ...]]]) -> QuerySet[Any, tuple[Any, ...]]:
    return querysets[0].union(*querysets[1:], all=True)


def _load_evaluations(ctx: Context) -> list[Tally]:
    """Counted by organisation, ledger (``kind``) and grade, the four ledgers in ONE query."""
    counts: dict[tuple[int, tuple[Any, ...]], int] = {}
    _add_counts(
        counts,
        _union(
            [
                queryset.values_list(org, "kind", "grade").annotate(n=Count("pk"))
                for queryset, _ident, org in _evaluation_parts(ctx)
            ]
        ),
    )
    return _tallies("evaluations", counts, lambda key: {"kind": key[0], "grade": key[1]})


def _evaluation_records(ctx: Context, org_ids: list[int] | None) -> Iterable[tuple[Any, ...]]:
    rows = list(
        _union(
            [
                queryset.values_list("pk", org, ident, "kind", "grade")
                for queryset, ident, org in _evaluation_parts(ctx)
            ]
        )
    )
    rows.sort(key=lambda r: (r[3], r[2]))
    return rows


DATASETS["evaluations"] = (MemberEvaluation, _load_evaluations)


def _graded(ctx: Context, kind: str, grade: str | None = None) -> list[Tally]:
    if grade is None:
        return _tallies_where(ctx, "evaluations", kind=kind)
    return _tallies_where(ctx, "evaluations", kind=kind, grade=grade)


def _graded_count(ctx: Context, _param: Any, kind: str, grade: str) -> Selection:
    return _count(_graded(ctx, kind, grade))


def _grade_figures(
    prefix: str,
    kind: str,
    model: type[Model],
    choices: Iterable[tuple[str, Any]],
    label: str,
    unit: str,
) -> list[FigureDef]:
    return [
        FigureDef(
            f"{prefix}.{grade_label}",
            label.format(grade=grade_label),
            unit,
            model,
            partial(_graded_count, kind=kind, grade=value),
        )
        for value, grade_label in ((v, str(lbl)) for v, lbl in choices)
    ]


REGISTRY += [
    FigureDef(
        "evaluations.民主评议.total",
        "参加民主评议党员数",
        "名",
        MemberEvaluation,
        lambda c, _: _count(_graded(c, "member")),
        help="本年度有民主评议结果的党员",
    ),
    *_grade_figures(
        "evaluations.民主评议",
        "member",
        MemberEvaluation,
        MemberGrade.choices,
        "民主评议{grade}人数",
        "名",
    ),
    FigureDef(
        "evaluations.述职评议.total",
        "参加述职评议考核的书记数",
        "名",
        SecretaryReview,
        lambda c, _: _count(_graded(c, "secretary")),
    ),
    *_grade_figures(
        "evaluations.述职评议",
        "secretary",
        SecretaryReview,
        ReviewGrade.choices,
        "述职评议“{grade}”等次人数",
        "名",
    ),
    FigureDef(
        "evaluations.支部考核.total",
        "参加年度考核的党组织数",
        "个",
        BranchAssessment,
        lambda c, _: _count(_graded(c, "branch")),
    ),
    *_grade_figures(
        "evaluations.支部考核",
        "branch",
        BranchAssessment,
        ReviewGrade.choices,
        "支部考核“{grade}”等次党组织数",
        "个",
    ),
    FigureDef(
        "ethics.total",
        "参加医德考评人数",
        "人",
        EthicsRecord,
        lambda c, _: _count(_graded(c, "ethics")),
    ),
    *_grade_figures(
        "ethics", "ethics", EthicsRecord, EthicsGrade.choices, "医德考评{grade}人数", "人"
    ),
    FigureDef(
        "ethics.excellent_rate",
        "医德考评优秀率",
        "%",
        EthicsRecord,
        lambda c, _: _rate(_graded(c, "ethics", EthicsGrade.EXCELLENT), _graded(c, "ethics")),
        help="考评等次为“优秀”的人数 ÷ 参加医德考评人数",
    ),
]


DATASETS["instructions"] = (Instruction, _load_instructions)
DATASETS["measures"] = (Measure, _load_measures)
DATASETS["letters"] = (Responsibility, _load_letters)
DATASETS["integrity_education"] = (IntegrityEducation, _load_integrity_education)

#: The datasets counted in SQL (their loaders return tallies) and how each lists its records.
TALLIED: dict[str, TallySource] = {
    "members": TallySource(_member_records, narrows=False),  # placed by their transfers
    "events": TallySource(_event_records),
    "attendance": TallySource(_attendance_records),
    "evaluations": TallySource(_evaluation_records, narrows=False),
}


def _deferred(ctx: Context, tallies: list[Tally], *, narrow: bool) -> DeferredRecords:
    """The records of the rows counted by ``tallies`` (of one dataset), read when asked for.
    ``narrow``: the tallies are one 党支部's, so until the whole dataset is read its record page
    reads only that branch's rows."""
    dataset = tallies[0].dataset

    def load() -> list[tuple[str, int]]:
        groups = {(t.org_id, t.key) for t in tallies}
        org_ids = sorted({t.org_id for t in tallies}) if narrow else None
        return [
            (ident, pk)
            for pk, org_id, ident, *key in ctx.records(dataset, org_ids)
            if (org_id, tuple(key)) in groups
        ]

    return DeferredRecords(_size(tallies), load)


def _measures(ctx: Context, **wanted: bool) -> list[Row]:
    return _where(ctx, "measures", **wanted)


def _of_kind(ctx: Context, dataset: str, kind: str) -> list[Row]:
    return _where(ctx, dataset, kind=kind)


REGISTRY += [
    # ---- 贯彻落实 (implementation) ----
    FigureDef(
        "implementation.instructions",
        "贯彻落实事项数",
        "项",
        Instruction,
        lambda c, _: _count(c.rows["instructions"]),
        help="本年的重要讲话、指示批示、上级部署",
    ),
    FigureDef(
        "implementation.measures",
        "贯彻落实措施数",
        "项",
        Measure,
        lambda c, _: _count(c.rows["measures"]),
        help="年末前部署的事项中，完成时限或完成日期在本年、或年末仍未完成的措施",
    ),
    FigureDef(
        "implementation.done",
        "已完成落实措施数",
        "项",
        Measure,
        lambda c, _: _count(_measures(c, done=True)),
    ),
    FigureDef(
        "implementation.rate",
        "落实措施完成率",
        "%",
        Measure,
        lambda c, _: _rate(_measures(c, done=True), c.rows["measures"]),
        help="已完成 ÷ 贯彻落实措施数",
    ),
    FigureDef(
        "implementation.overdue",
        "逾期未完成的落实措施数",
        "项",
        Measure,
        lambda c, _: _count(_measures(c, overdue=True)),
        help="完成时限早于年末且年末未完成",
    ),
    # ---- 党风廉政建设 (integrity); 违纪违规 records are never part of a report ----
    FigureDef(
        "integrity.target_letters",
        "党风廉政建设目标责任书",
        "份",
        Responsibility,
        lambda c, _: _count(_of_kind(c, "letters", LetterKind.TARGET)),
        help="责任书年度为本年",
    ),
    FigureDef(
        "integrity.supervision_letters",
        "监督责任书",
        "份",
        Responsibility,
        lambda c, _: _count(_of_kind(c, "letters", LetterKind.SUPERVISION)),
    ),
    FigureDef(
        "integrity.warning_education",
        "廉政警示教育次数",
        "次",
        IntegrityEducation,
        lambda c, _: _count(_of_kind(c, "integrity_education", EducationKind.WARNING)),
        help="党风廉政建设台账中的警示教育活动；报告正文的“警示教育”以此为准（组织生活中类型为警示教育的活动只列入附件）",
    ),
    FigureDef(
        "integrity.collective_talks",
        "集体谈话次数",
        "次",
        IntegrityEducation,
        lambda c, _: _count(_of_kind(c, "integrity_education", EducationKind.COLLECTIVE_TALK)),
    ),
]


#: The ledger (dataset) each model's figures count, and its name as a 党办 calls it. Whether a
#: figure is compared with the previous year, and the clerk's notes on empty ledgers, go by it
#: (see ``reports/comparison.py``).
DATASET_OF_MODEL: dict[type[Model], str] = {
    Organization: "organizations",
    Member: "members",
    OrgLifeEvent: "events",
    Attendance: "attendance",
    DevelopmentCase: "development",
    RectificationItem: "rectification",
    MajorDecision: "decisions",
    ServiceActivity: "services",
    Honour: "honours",
    PartyBrand: "brands",
    DualCultivation: "cultivation",
    IndicatorValue: "indicators",
    OpinionEvent: "opinion",
    Instruction: "implementation",
    Measure: "implementation",
    Responsibility: "letters",
    IntegrityEducation: "integrity_education",
    MemberEvaluation: "member_evaluations",
    SecretaryReview: "secretary_reviews",
    BranchAssessment: "branch_assessments",
    EthicsRecord: "ethics",
}

DATASET_LABELS: dict[str, str] = {
    "organizations": "党组织",
    "members": "党员",
    "events": "组织生活",
    "attendance": "参会记录",
    "development": "发展党员",
    "rectification": "问题整改",
    "decisions": "“三重一大”事项",
    "services": "服务活动",
    "honours": "表彰",
    "brands": "党建品牌和示范点",
    "cultivation": "双培养",
    "indicators": "党建+业务指标",
    "opinion": "舆情",
    "implementation": "贯彻落实",
    "letters": "党风廉政建设责任书",
    "integrity_education": "警示教育和集体谈话",
    "member_evaluations": "民主评议党员",
    "secretary_reviews": "书记述职评议",
    "branch_assessments": "支部考核",
    "ethics": "医德考评",
}


def number_text(value: int | Decimal) -> str:
    """A value as a report writes it: 12, 87.5, and 100 (not 100.0) for a whole percentage."""
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return str(int(value))
        return format(value.normalize(), "f")
    return str(value)


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeptRecords:
    """The records of a figure selected in Python: identifiers and primary keys, in order."""

    idents: tuple[str, ...] = ()
    pks: tuple[int, ...] = ()

    def __len__(self) -> int:
        return len(self.idents)

    def first(self, limit: int) -> list[str]:
        return list(self.idents[:limit])


NO_RECORDS = KeptRecords()


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: int | Decimal | None
    unit: str
    source: KeptRecords | DeferredRecords
    model: type[Model]
    spec: bool = False
    flow: bool = True
    help: str = ""
    dataset: str = ""

    @property
    def records(self) -> tuple[str, ...]:
        """The identifiers of the rows this figure counts (read now if counted in SQL)."""
        return self.source.idents

    @property
    def pks(self) -> tuple[int, ...]:
        return self.source.pks

    @property
    def record_count(self) -> int:
        """How many records, without reading them."""
        return len(self.source)

    def first_records(self, limit: int) -> list[str]:
        """The first ``limit`` identifiers, without reading the others."""
        return self.source.first(limit)

    @property
    def display(self) -> str:
        """The value as a report writes it: 12, 87.5, or — when there is nothing to divide."""
        if self.value is None:
            return "—"
        return number_text(self.value)

    def as_json(self) -> dict[str, Any]:
        value: int | float | None = (
            self.value if not isinstance(self.value, Decimal) else float(self.value)
        )
        return {
            "key": self.key,
            "label": self.label,
            "value": value,
            "unit": self.unit,
            "records": list(self.records),
        }


@dataclass
class FigureSet:
    """The figures of one organisation for one year, in registry order."""

    year: int
    org: Organization
    figures: dict[str, Figure]
    queries: int = 0
    seconds: float = 0.0
    previous: FigureSet | None = None
    org_names: dict[str, str] = field(default_factory=dict)
    #: True when values come from a confirmed report of the year (see ``reports/prior.py``).
    from_prior: bool = False
    #: What the per-part figures break down by: "branch" (党支部) or "unit" (下属单位).
    part: str = "branch"
    #: Keys whose values come from a confirmed report of the year (see ``reports/prior.py``).
    confirmed: set[str] = field(default_factory=set)

    def records_in(self, dataset: str) -> int:
        """How many rows of ``dataset`` the year's figures count: the largest count among the
        figures that count that dataset's own rows (not, say, the 党支部 a rate judges)."""
        counts: dict[str, int] | None = self.__dict__.get("_dataset_counts")
        if counts is None:
            counts = {}
            for figure in self.figures.values():
                if DATASET_OF_MODEL.get(figure.model) != figure.dataset:
                    continue
                counts[figure.dataset] = max(counts.get(figure.dataset, 0), figure.record_count)
            self.__dict__["_dataset_counts"] = counts
        return counts.get(dataset, 0)

    def __iter__(self) -> Iterator[Figure]:
        return iter(self.figures.values())

    def __len__(self) -> int:
        return len(self.figures)

    def __contains__(self, key: object) -> bool:
        return key in self.figures

    def __getitem__(self, key: str) -> Figure:
        return self.figures[key]

    def get(self, key: str) -> Figure | None:
        return self.figures.get(key)

    def value(self, key: str) -> int | Decimal | None:
        figure = self.figures.get(key)
        return None if figure is None else figure.value

    def keys(self) -> list[str]:
        return list(self.figures)

    def branch_keys(self, prefix: str) -> list[Figure]:
        """The figures whose keys start with ``prefix`` (e.g. ``attendance.rate.by_branch.``)."""
        return [f for k, f in self.figures.items() if k.startswith(prefix)]

    def by_part(self, family: str) -> list[Figure]:
        """The per-part figures of a family (``attendance.rate``): each 党支部's, or each
        下属单位's in a 卫健局's report (see ``part``)."""
        return self.branch_keys(f"{family}.by_{self.part}.")

    @property
    def has_activity(self) -> bool:
        """True when the year holds any ledger rows (used to decide whether to compare years)."""
        if self.from_prior:
            return True
        return any(
            f.value
            for f in self.figures.values()
            if f.flow and f.unit != "%" and not f.key.startswith("org.")
        )


def compute_figures(year: int, org: Organization, *, previous: bool = False) -> FigureSet:
    """Compute every registered figure for ``year`` over ``org``'s subtree.

    A fixed number of queries (one per dataset plus the tree), whatever the data size.
    With ``previous=True`` the previous year is computed too (``FigureSet.previous``) so that
    the narrative can state changes; that doubles the fixed number of queries.
    """
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        ctx = Context(year=year, org=org, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))
        _load_orgs(ctx)
        for name, (_model, loader) in DATASETS.items():
            ctx.rows[name] = loader(ctx)
        figures: dict[str, Figure] = {}
        for definition in REGISTRY:
            for key, label, param in definition.expand(ctx):
                rows, value = definition.select(ctx, param)
                source: KeptRecords | DeferredRecords
                if _are_tallies(rows):
                    source = _deferred(ctx, rows, narrow=definition.per == "part")
                else:
                    source = KeptRecords(tuple(r.ident for r in rows), tuple(r.pk for r in rows))
                figures[key] = Figure(
                    key=key,
                    label=label,
                    value=value,
                    unit=definition.unit_of(ctx, param) if definition.unit_of else definition.unit,
                    source=source,
                    model=definition.model,
                    spec=definition.spec,
                    flow=definition.flow,
                    help=definition.help,
                    dataset=definition.dataset or DATASET_OF_MODEL.get(definition.model, ""),
                )
    result = FigureSet(
        year=year,
        org=org,
        figures=figures,
        queries=len(captured.captured_queries),
        org_names={o.code: o.name for o in ctx.orgs},
        part=ctx.part,
    )
    if previous:
        result.previous = compute_figures(year - 1, org)
        # Ledgers without rows that year: the figures of a confirmed report stand in for them.
        from dangjian.reports.prior import overlay_prior_figures

        overlay_prior_figures(result.previous)
        result.queries += result.previous.queries
    result.seconds = round(time.perf_counter() - started, 3)
    return result


def figure_records(
    figure: Figure, queryset: QuerySet[Any] | None = None, pks: Iterable[int] | None = None
) -> QuerySet[Any]:
    """The model rows behind a figure (for the report page's record list); ``pks`` narrows to
    some of them (one page of the list)."""
    manager = queryset if queryset is not None else figure.model._default_manager.all()
    return manager.filter(pk__in=figure.pks if pks is None else pks)
