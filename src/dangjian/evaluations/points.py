"""党员积分: each member's yearly points, computed from the ledgers with a fixed number of queries.

What counts (values configurable in ``PointRule``; the defaults are local practice, not a
national rule — the UI says so):

* 组织生活: each event attended (出席, or 缺席/请假 made up by 补学) that is not a study session;
* 学习教育: each study session attended the same way (党课, 理论学习中心组学习, 第一议题学习,
  专题研讨, 宣讲, 警示教育);
* 讲党课: each 党课 whose 讲课人 is the member (same name, in the member's own organisation line);
* 服务活动: each ``ServiceParticipation``;
* 民主评议优秀: a bonus for the year's 民主评议 grade 优秀;
* 缺席扣分: each 缺席 (not 请假) without 补学 — a deduction;
* 手工调整: the sum of the year's ``PointAdjustment`` rows.

``compute`` reads seven datasets (rules, members, attendance, lectures, services, evaluations,
adjustments) with one query each, whatever the number of members; ``recompute`` stores the
result in ``PointTotal``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Q, Sum

from dangjian.orglife.models import AttendanceStatus, EventType, OrgLifeEvent

DEFAULT_POINTS: dict[str, Decimal] = {
    "attendance": Decimal("2"),
    "study": Decimal("1"),
    "lecture": Decimal("5"),
    "service": Decimal("2"),
    "excellent": Decimal("10"),
    "absence": Decimal("-2"),
}

STUDY_TYPES = (
    EventType.PARTY_LECTURE,
    EventType.CENTRAL_GROUP_STUDY,
    EventType.FIRST_TOPIC_STUDY,
    EventType.SEMINAR,
    EventType.OUTREACH_TALK,
    EventType.WARNING_EDUCATION,
)

COMPONENTS = ("attendance", "study", "lecture", "service", "evaluation", "absence", "adjustment")


@dataclass
class Breakdown:
    """One member's points for a year: the counts behind them and each component."""

    member_id: int
    counts: dict[str, int] = field(default_factory=dict)
    attendance: Decimal = Decimal(0)
    study: Decimal = Decimal(0)
    lecture: Decimal = Decimal(0)
    service: Decimal = Decimal(0)
    evaluation: Decimal = Decimal(0)
    absence: Decimal = Decimal(0)
    adjustment: Decimal = Decimal(0)

    @property
    def total(self) -> Decimal:
        return sum((getattr(self, name) for name in COMPONENTS), Decimal(0))


def point_values() -> dict[str, Decimal]:
    """The configured value of each rule (one query), defaults for the kinds not configured."""
    from .models import PointRule

    values = dict(DEFAULT_POINTS)
    values.update(PointRule.objects.values_list("kind", "points"))
    return values


def compute(
    year: int, *, member_ids: Iterable[int] | None = None, org=None
) -> dict[int, Breakdown]:
    """Every member's breakdown for ``year`` (all members, ``member_ids`` only, or ``org``'s subtree)."""
    from dangjian.organizations.models import Member

    from .models import MemberEvaluation, MemberGrade, PointAdjustment, ServiceParticipation

    values = point_values()
    members = Member.objects.all()
    if member_ids is not None:
        members = members.filter(pk__in=list(member_ids))
    if org is not None:
        members = members.filter(organization__path__startswith=org.path)
    people = list(members.values_list("pk", "name", "organization__path"))
    result = {pk: Breakdown(pk) for pk, _name, _path in people}
    if not result:
        return result

    # Narrow the ledgers the same way as the members, without a parameter per member.
    def scoped(prefix: str) -> Q:
        condition = Q()
        if member_ids is not None:
            condition &= Q(**{f"{prefix}__in": list(result)})
        if org is not None:
            condition &= Q(
                **{f"{prefix.removesuffix('_id')}__organization__path__startswith": org.path}
            )
        return condition

    made_up = Q(status=AttendanceStatus.PRESENT) | Q(makeup_on__isnull=False)
    study = Q(event__event_type__in=STUDY_TYPES)
    from dangjian.orglife.models import Attendance

    for row in (
        Attendance.objects.filter(scoped("member_id"), event__date__year=year)
        .values("member_id")
        .annotate(
            attended=Count("pk", filter=made_up & ~study),
            studied=Count("pk", filter=made_up & study),
            absent=Count("pk", filter=Q(status=AttendanceStatus.ABSENT, makeup_on__isnull=True)),
        )
    ):
        if row["member_id"] not in result:
            continue
        counts = result[row["member_id"]].counts
        counts.update(attendance=row["attended"], study=row["studied"], absence=row["absent"])

    # 讲课人 is a name: a lecture counts for the member of that name whose organisation lies on
    # the event organisation's line (the branch, its 党小组, or the 党委 above).
    by_name: dict[str, list[tuple[int, str]]] = {}
    for pk, name, path in people:
        by_name.setdefault(name.strip(), []).append((pk, path))
    for lecturer, event_path in (
        OrgLifeEvent.objects.filter(date__year=year, event_type=EventType.PARTY_LECTURE)
        .exclude(lecturer="")
        .values_list("lecturer", "organization__path")
    ):
        for pk, path in by_name.get(lecturer.strip(), []):
            if path.startswith(event_path) or event_path.startswith(path):
                counts = result[pk].counts
                counts["lecture"] = counts.get("lecture", 0) + 1

    for member_id, n in (
        ServiceParticipation.objects.filter(scoped("member_id"), activity__date__year=year)
        .values("member_id")
        .annotate(n=Count("pk"))
        .values_list("member_id", "n")
    ):
        if member_id in result:
            result[member_id].counts["service"] = n

    for member_id in MemberEvaluation.objects.filter(
        scoped("member_id"), year=year, grade=MemberGrade.EXCELLENT
    ).values_list("member_id", flat=True):
        if member_id in result:
            result[member_id].counts["excellent"] = 1

    adjustments = dict(
        PointAdjustment.objects.filter(scoped("member_id"), year=year)
        .values("member_id")
        .annotate(s=Sum("points"))
        .values_list("member_id", "s")
    )

    for pk, breakdown in result.items():
        c = breakdown.counts
        breakdown.attendance = c.get("attendance", 0) * values["attendance"]
        breakdown.study = c.get("study", 0) * values["study"]
        breakdown.lecture = c.get("lecture", 0) * values["lecture"]
        breakdown.service = c.get("service", 0) * values["service"]
        breakdown.evaluation = c.get("excellent", 0) * values["excellent"]
        breakdown.absence = c.get("absence", 0) * values["absence"]
        breakdown.adjustment = adjustments.get(pk) or Decimal(0)
    return result


def recompute(year: int, *, member_ids: Iterable[int] | None = None, org=None) -> int:
    """Rebuild the stored ``PointTotal`` rows of ``year`` (for the members given, or all); returns rows."""
    from .models import PointTotal

    member_ids = None if member_ids is None else list(member_ids)
    breakdowns = compute(year, member_ids=member_ids, org=org)
    with transaction.atomic():
        stale = PointTotal.objects.filter(year=year)
        if member_ids is not None:
            stale = stale.filter(member_id__in=member_ids)
        if org is not None:
            stale = stale.filter(member__organization__path__startswith=org.path)
        stale.delete()
        PointTotal.objects.bulk_create(
            [
                PointTotal(
                    member_id=pk,
                    year=year,
                    total=b.total,
                    **{name: getattr(b, name) for name in COMPONENTS},
                )
                for pk, b in breakdowns.items()
            ],
            batch_size=500,
        )
    return len(breakdowns)
