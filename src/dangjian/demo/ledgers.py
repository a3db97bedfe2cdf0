"""The demo hospital's other ledgers: 党费, 评议考核 and 医德考评, 党风廉政建设, 表彰/品牌/双培养,
组织关系转接, 贯彻落实, 党建+业务指标 and 舆情, who took part in the service activities, 查摆问题
and 工作要点.

Built by :class:`HospitalLedgers` for one ``generator._Hospital``, after its organisations, members,
pipeline and organisational life, and consistent with them: grades go to the members who were at
the December 民主评议 meeting, 责任书 are signed by the real secretaries, honours go to members rated
优秀 the year before, the people in a service activity belong to its branch, and so on.

Randomness comes from a stream of its own (``dangjian-demo:{seed}:{hospital}:ledgers``), so the
data built before these ledgers is exactly what it was without them, and the same seed still gives
the same rows.

Planted problem (``DemoSummary.violations``): a handful of members, in different branches, have
not paid their 党费 for 3–5 months (the warning level of ``RuleConfig.dues_warning_month``, below
``dues_lapse_month``: nobody is 自行脱党). Nothing flags them: the payments are simply missing, and
``dangjian remind`` finds them in the ledger. One 落实措施 of last year was finished late, after its
时限 (the annual report counts it as 逾期 at year end).

Speed: the per-member tables (党费基数, 党费交纳 ≈ 18 rows per member, 民主评议, 医德考评, 服务参与)
bypass the ORM like the attendance rows (``COPY`` on PostgreSQL, ``executemany`` elsewhere), each
followed by one ``INSERT … SELECT`` of its “+” history rows; the small ledgers go through
``generator._bulk``. Everything is linear in the number of members. Transfers are recorded with the
transfers service (``transfer_record``), which also moves the member — one call per transfer, and
there are few (at most 150 + 50 per hospital).
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection, models
from django.utils import timezone

from dangjian import rules
from dangjian.dues.models import DuesBase, DuesCategory, DuesPayment
from dangjian.evaluations.models import (
    BranchAssessment,
    EthicsGrade,
    EthicsRecord,
    MemberEvaluation,
    MemberGrade,
    ReviewGrade,
    SecretaryReview,
    ServiceParticipation,
)
from dangjian.implementation.models import (
    CheckIn,
    CheckInKind,
    Instruction,
    InstructionKind,
    Measure,
    MeasureStatus,
)
from dangjian.indicators.models import DEFAULT_INDICATORS, Indicator, IndicatorValue, OpinionEvent
from dangjian.integrity.models import EducationKind, IntegrityEducation, LetterKind, Responsibility
from dangjian.organizations.models import EmploymentStatus, Member, MemberCategory, Organization
from dangjian.orglife.models import EventType, OrgLifeEvent
from dangjian.problems.models import Problem, ProblemSource
from dangjian.recognition.models import (
    BrandKind,
    CultivationKind,
    DualCultivation,
    Honour,
    HonourKind,
    HonourLevel,
    PartyBrand,
)
from dangjian.rectification.models import RectificationItem
from dangjian.transfers.models import Transfer, TransferKind
from dangjian.workplans.models import WorkPlanItem

from . import names
from .generator import (
    BATCH,
    SENIOR,
    BranchPlan,
    _bulk,
    _copy_history,
    add_months,
    add_years,
    months_between,
    weekday_on_or_after,
)

CENT = Decimal("0.01")

# Monthly income after tax and social insurance (在职), by 职称, for a county hospital (元).
WORKING_INCOME = {
    "主任医师": (13000, 18000),
    "副主任医师": (10000, 14000),
    "主治医师": (7500, 10500),
    "住院医师": (5200, 7500),
    "主任护师": (10000, 13000),
    "副主任护师": (8500, 11000),
    "主管护师": (6500, 9000),
    "护师": (5200, 7000),
    "护士": (4200, 5500),
    "主任技师": (10000, 13500),
    "副主任技师": (8500, 11500),
    "主管技师": (6500, 9000),
    "技师": (5000, 7000),
    "副主任药师": (8500, 11500),
    "主管药师": (6500, 9000),
    "药师": (5000, 7000),
    "高级政工师": (8000, 11000),
    "政工师": (6000, 8500),
    "高级会计师": (8500, 11500),
    "会计师": (6000, 8500),
    "经济师": (6000, 8500),
    "工程师": (6000, 8500),
    "": (4300, 6500),
}
LEADER_INCOME = (13000, 17000)
PENSION = {True: (5500, 8500), False: (3600, 5800)}  # senior 职称 or not
MIDDLE_POSTS = ("科主任", "科副主任", "护士长", "护理部主任", "科长", "副科长", "副主任", "主任")


def _money(rng: random.Random, lo: int, hi: int) -> Decimal:
    return Decimal(rng.randrange(lo * 100, hi * 100)) / 100


# --------------------------------------------------------------------------- raw inserts


def _insert(model: type[models.Model], fields: tuple[str, ...], rows: Iterable[tuple]) -> int:
    """Insert ``rows`` (values of ``fields``, plus the two timestamps) without the ORM, then one
    “+” history row for each (``_copy_history``). PostgreSQL: ``COPY``; elsewhere ``executemany``
    in chunks. Returns the number of rows."""
    before = model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    now = timezone.now()
    qn = connection.ops.quote_name
    columns = ", ".join(qn(c) for c in ("created_at", "updated_at", *fields))
    table = qn(model._meta.db_table)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row((now, now, *row))
                    count += 1
        else:
            stamp = connection.ops.adapt_datetimefield_value(now)
            sql = (
                f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * (len(fields) + 2))})"
            )
            iterator = iter(rows)
            while chunk := list(itertools.islice(iterator, 10 * BATCH)):
                cursor.executemany(sql, [(stamp, stamp, *row) for row in chunk])
                count += len(chunk)
    if count:
        _copy_history(model, "id > %s", [before])
    return count


# --------------------------------------------------------------------------- counts and digest

#: Summary label → model, in the order ``DemoSummary`` prints them.
LEDGER_MODELS = (
    ("党费基数", DuesBase),
    ("党费交纳", DuesPayment),
    ("民主评议", MemberEvaluation),
    ("述职评议", SecretaryReview),
    ("支部考核", BranchAssessment),
    ("医德考评", EthicsRecord),
    ("责任书", Responsibility),
    ("警示教育和集体谈话", IntegrityEducation),
    ("表彰", Honour),
    ("党建品牌和示范点", PartyBrand),
    ("双培养", DualCultivation),
    ("组织关系转接", Transfer),
    ("贯彻落实事项", Instruction),
    ("落实措施", Measure),
    ("督导督办", CheckIn),
    ("业务指标", IndicatorValue),
    ("舆情", OpinionEvent),
    ("服务活动参与", ServiceParticipation),
    ("查摆问题", Problem),
    ("工作要点", WorkPlanItem),
)
_NATURAL_KEY = {Member: "member_no", Organization: "code"}


def ledger_counts() -> dict[str, int]:
    return {label: model.objects.count() for label, model in LEDGER_MODELS}


def ledger_digest_rows() -> Iterator[tuple]:
    """Every row of these ledgers by natural keys (no pks, no timestamps), for ``data_digest``."""
    for _, model in LEDGER_MODELS:
        columns = []
        for f in model._meta.concrete_fields:
            if f.name in ("id", "created_at", "updated_at"):
                continue
            columns.append(
                f"{f.name}__{_NATURAL_KEY.get(f.related_model, 'code')}"
                if f.is_relation
                else f.attname
            )
        yield (model.__name__,)
        yield from model.objects.order_by(*columns).values_list(*columns)


# --------------------------------------------------------------------------- the ledgers


@dataclass
class _Move:
    member: Member
    date: dt.date
    from_plan: BranchPlan
    from_org: Organization
    to_org: Organization
    note: str


class HospitalLedgers:
    """The other ledgers of one hospital (``generator._Hospital``), from their own random stream."""

    def __init__(self, hospital) -> None:
        self.h = hospital
        self.rng = random.Random(f"dangjian-demo:{hospital.ctx.seed}:{hospital.index}:ledgers")
        self.as_of: dt.date = hospital.as_of
        self.start: dt.date = hospital.start
        self.moves: list[_Move] = []
        self.excellent: dict[int, list[tuple[BranchPlan, Member]]] = {}  # year → rated 优秀

    @property
    def working_plans(self) -> list[BranchPlan]:
        return [p for p in self.h.plans if p.kind != "retired"]

    def ordinary(self, plan: BranchPlan) -> list[Member]:
        """Members of ``plan`` without a Party post, beyond the committee and the 院领导."""
        return [m for m in plan.members[len(plan.committee) + plan.leaders :] if m.party_post == ""]

    def leader(self, admin_post: str) -> Member | None:
        return next((m for m in self.h.leaders if m.admin_post == admin_post), None)

    def owner(self, admin_post: str) -> str:
        person = self.leader(admin_post) or (
            self.h.leaders[0] if self.h.leaders else self.h.plans[0].secretary
        )
        return f"{person.name}（{person.admin_post or '党支部书记'}）"

    def build(self) -> None:
        self._dues()
        self._evaluations()
        self._integrity()
        self._recognition()
        self._implementation()
        self._indicators()
        self._opinions()
        self._participations()
        self._problems()
        self._work_plans()

    # ------------------------------------------------------------------ 组织关系转接

    def plan_transfers(self) -> None:
        """Choose the members who came to their branch by a 院内转接, and put them back in their
        former organisation until ``record_transfers`` moves them (the members are not saved yet).

        Transfers are dated in the year before the organisational life starts, so every meeting
        and grade in the demo's years is in the member's present branch: the membership history
        (``transfers.periods``) and the attendance agree, and each year-end count of members by
        organisation is the same whether or not it reads the transfers.
        """
        h, rng = self.h, self.rng
        year = self.start.year - 1
        working = self.working_plans
        if len(working) < 2:
            return
        # Staff moved between departments (科室调整): ordinary members of long standing.
        wanted = min(150, max(2, round(h.total_members / 100)))
        pool = [
            (p, m)
            for p in working
            for m in self.ordinary(p)
            if m.category == MemberCategory.FULL and m.joined_on < dt.date(year, 1, 1)
        ]
        for plan, member in rng.sample(pool, min(wanted, len(pool))):
            same_kind = [p for p in working if p is not plan and p.kind == plan.kind]
            from_plan = rng.choice(same_kind or [p for p in working if p is not plan])
            day = weekday_on_or_after(dt.date(year, rng.randint(2, 11), rng.randint(1, 28)))
            self._plan_move(member, day, from_plan, "科室调整，组织关系随人员调动转接")
        # Retirement: the 离退休党支部 receives members who retired recently.
        for plan in (p for p in h.plans if p.kind == "retired"):
            wanted = min(50, max(1, round(h.total_members / 300)))
            recent = [
                m
                for m in self.ordinary(plan)
                if dt.date(year - 2, 1, 1) <= add_years(m.birth_date, 60) <= dt.date(year, 11, 30)
                and m.joined_on < dt.date(year - 2, 1, 1)
            ]
            for member in rng.sample(recent, min(wanted, len(recent))):
                retired = add_years(member.birth_date, 60)
                day = weekday_on_or_after(
                    max(dt.date(year, 1, 5), retired + dt.timedelta(days=rng.randint(15, 60)))
                )
                if day.year != year:
                    continue
                former = [
                    p for p in working if member.department in p.template.departments
                ] or working
                self._plan_move(
                    member, day, rng.choice(former), "办理退休手续，组织关系转入离退休党支部"
                )

    def _plan_move(self, member: Member, day: dt.date, from_plan: BranchPlan, note: str) -> None:
        from_org = self.rng.choice(from_plan.groups) if from_plan.groups else from_plan.org
        self.moves.append(_Move(member, day, from_plan, from_org, member.organization, note))
        member.organization = from_org

    def record_transfers(self) -> None:
        """Record each planned transfer with ``transfers.services.transfer_record`` — the same
        validation and the same audited move of the member as on the transfer page."""
        from dangjian.transfers.services import transfer_record

        seq = itertools.count(1)
        for move in sorted(self.moves, key=lambda mv: (mv.date, mv.member.member_no)):
            n = next(seq)
            transfer_record(
                member=move.member,
                kind=TransferKind.INTERNAL,
                date=move.date,
                to_org=move.to_org,
                letter_no=f"院内转〔{move.date.year}〕{n}号",
                note=move.note,
                code=f"{self.h.prefix}-ZJ{move.date.year}-{n:03d}",
            )
            move.member.organization = move.to_org

    # ------------------------------------------------------------------ 党费

    def _income(self, member: Member) -> Decimal:
        rng = self.rng
        if member.employment_status == EmploymentStatus.RETIRED:
            return _money(rng, *PENSION[member.title in SENIOR or member.title.startswith("高级")])
        if member.department == "院领导":
            return _money(rng, *LEADER_INCOME)
        lo, hi = WORKING_INCOME.get(member.title, WORKING_INCOME[""])
        if member.admin_post in MIDDLE_POSTS or member.admin_post.endswith("主任"):
            lo, hi = lo + 1200, hi + 1800
        return _money(rng, lo, hi)

    def _pick_arrears(self) -> dict[int, int]:
        """A handful of members, one per branch in turn, with 3–5 months unpaid (member pk → months)."""
        h, rng, config = self.h, self.rng, rules.DEFAULT_RULES
        low = config.dues_warning_month
        high = max(low, min(low + 2, config.dues_lapse_month - 1))
        current = self.as_of.replace(day=1)
        login = h.login_member() if h.index == 0 else None
        candidates = {
            id(plan): [
                m
                for m in self.ordinary(plan)
                if m.category == MemberCategory.FULL
                and m is not login
                and m.joined_on < add_months(current, -(high + 1))
            ]
            for plan in h.plans
        }
        wanted = max(2, round(h.total_members / 75))
        order = rng.sample(h.plans, len(h.plans))
        picked: dict[int, int] = {}
        while len(picked) < wanted and any(candidates[id(p)] for p in order):
            for plan in order:
                pool = candidates[id(plan)]
                if pool and len(picked) < wanted:
                    i = rng.randrange(len(pool))
                    pool[i], pool[-1] = pool[-1], pool[i]
                    member = pool.pop()
                    months = rng.randint(low, high)
                    picked[member.pk] = months
                    first = add_months(current, -months)
                    h.violations.append(
                        f"党员{member.name}（{member.member_no}，{plan.name}）自{first.year}年{first.month}月起"
                        f"连续{months}个月未交纳党费（欠缴提醒，满{config.dues_lapse_month}个月视为自行脱党）"
                    )
        return picked

    def _dues(self) -> None:
        """党费基数 for this year and last (every member), and the months paid up to ``as_of``."""
        _rng, as_of = self.rng, self.as_of
        years = (as_of.year - 1, as_of.year)
        current = as_of.replace(day=1)
        months = [dt.date(y, m, 1) for y, m in months_between(dt.date(years[0], 1, 1), as_of)]
        arrears = self._pick_arrears()
        bases: list[tuple] = []

        def payments() -> Iterator[tuple]:
            for plan in self.h.plans:
                for member in plan.members:
                    yield from self._member_dues(
                        member, years, months, current, arrears.get(member.pk), bases
                    )

        _insert(
            DuesPayment, ("member_id", "month", "amount_due", "amount_paid", "paid_on"), payments()
        )
        _insert(DuesBase, ("member_id", "year", "category", "monthly_income"), bases)

    def _member_dues(
        self,
        member: Member,
        years: tuple[int, int],
        months: list[dt.date],
        current: dt.date,
        unpaid: int | None,
        bases: list[tuple],
    ) -> Iterator[tuple]:
        rng, as_of, pk = self.rng, self.as_of, member.pk
        retired = member.employment_status == EmploymentStatus.RETIRED
        category = DuesCategory.RETIRED if retired else DuesCategory.IN_SERVICE
        income = self._income(member)
        due: dict[int, Decimal] = {}
        for year in years:
            if year == years[1]:  # this year's base: last year's income and a small rise
                income = (income * Decimal(str(1 + rng.randint(0, 40) / 1000))).quantize(
                    CENT, ROUND_HALF_UP
                )
            if member.joined_on.year <= year:
                bases.append((pk, year, category, income))
                due[year] = rules.monthly_dues(category, income)
        # How the member pays: in the month (most), early next month, or (离退休) a quarter at a time;
        # a few made up three months of last year at once (补交, within the 6 months allowed).
        r = rng.random()
        style = (
            "monthly"
            if unpaid
            else "quarterly"
            if retired and r < 0.5
            else "late"
            if r < 0.12
            else "catch_up"
            if r < 0.14
            else "monthly"
        )
        gap = dt.date(years[0], rng.randint(2, 8), 1) if style == "catch_up" else None
        first = member.joined_on.replace(day=1)
        stop = add_months(current, -unpaid) if unpaid else add_months(current, 1)
        quarter_day: dict[tuple[int, int], dt.date] = {}
        for month in months:
            if month < first or month >= stop:
                continue
            if style == "quarterly":
                key = (month.year, (month.month - 1) // 3)
                if key not in quarter_day:
                    quarter_day[key] = dt.date(month.year, key[1] * 3 + 1, rng.randint(5, 20))
                paid = quarter_day[key]
            elif style == "late":
                paid = add_months(month, 1).replace(day=rng.randint(2, 12))
            elif gap is not None and gap <= month < add_months(gap, 3):
                paid = add_months(gap, 3).replace(day=10)
            else:
                paid = month.replace(day=rng.randint(3, 25))
            paid = max(paid, member.joined_on)
            if paid > as_of:
                continue
            amount = due[month.year]
            yield (pk, month, amount, amount, paid)

    # ------------------------------------------------------------------ 评议考核, 医德考评

    def _evaluations(self) -> None:
        h, rng = self.h, self.rng
        grades: list[tuple] = []
        ethics: list[tuple] = []
        reviews: list[SecretaryReview] = []
        assessments: list[BranchAssessment] = []
        staff_no = {
            id(m): f"{h.prefix}-GH{n:0{h.member_width}d}" for n, m in enumerate(h.all_members, 1)
        }
        weaker = {id(p) for p in [h.overdue_plan, *h.problem_plans]}
        years = sorted({y for p in h.plans for y in p.evaluation_days})
        for year in years:
            present = [
                (p, [m for m in p.members if m.joined_on <= p.evaluation_days[year]])
                for p in h.plans
                if year in p.evaluation_days
            ]
            # 基本合格: rare, among ordinary members (about one in 150).
            ordinary = [
                (p, m)
                for p, people in present
                for m in people
                if m.party_post == "" and m.category == MemberCategory.FULL
            ]
            basic = {
                id(m) for _, m in rng.sample(ordinary, min(len(ordinary), h.total_members // 150))
            }
            for plan, people in present:
                excellent = {
                    id(m)
                    for m in rng.sample(people, round(len(people) * rng.uniform(0.12, 0.2)))
                    if id(m) not in basic
                }
                for m in people:
                    if id(m) in basic:
                        grade, remark = (
                            MemberGrade.BASICALLY_QUALIFIED,
                            "参加组织生活不够经常，发挥作用不够明显",
                        )
                    elif id(m) in excellent:
                        grade, remark = MemberGrade.EXCELLENT, ""
                        self.excellent.setdefault(year, []).append((plan, m))
                    else:
                        grade, remark = MemberGrade.QUALIFIED, ""
                    grades.append((m.pk, year, grade, remark))
                good = 0.3 if id(plan) in weaker else 0.5
                grade = rng.choices(
                    (ReviewGrade.GOOD, ReviewGrade.FAIRLY_GOOD, ReviewGrade.AVERAGE),
                    weights=(good, 0.85 - good, 0.15),
                )[0]
                reviews.append(
                    SecretaryReview(
                        member=plan.secretary,
                        organization=plan.org,
                        year=year,
                        grade=grade,
                        remarks="组织生活落实不够到位"
                        if id(plan) in weaker and grade != ReviewGrade.GOOD
                        else "",
                    )
                )
                assessments.append(
                    BranchAssessment(
                        organization=plan.org,
                        year=year,
                        grade=grade
                        if rng.random() < 0.7
                        else rng.choice((ReviewGrade.GOOD, ReviewGrade.FAIRLY_GOOD)),
                    )
                )
                if plan.kind == "retired":
                    continue
                # 医德考评 of every staff member of the branch (score cut-offs: local practice).
                for m in plan.members:
                    score = Decimal(str(min(99.5, max(72.0, round(rng.gauss(87.0, 4.0), 1)))))
                    ethics_grade = (
                        EthicsGrade.EXCELLENT
                        if score >= 90
                        else EthicsGrade.GOOD
                        if score >= 80
                        else EthicsGrade.AVERAGE
                        if score >= 60
                        else EthicsGrade.POOR
                    )
                    ethics.append(
                        (
                            staff_no[id(m)],
                            m.name,
                            m.department,
                            plan.org.pk,
                            m.pk,
                            year,
                            ethics_grade,
                            score,
                            "",
                        )
                    )
        _insert(MemberEvaluation, ("member_id", "year", "grade", "remarks"), grades)
        _bulk(SecretaryReview, reviews)
        _bulk(BranchAssessment, assessments)
        _insert(
            EthicsRecord,
            (
                "staff_no",
                "name",
                "department",
                "organization_id",
                "member_id",
                "year",
                "grade",
                "score",
                "remarks",
            ),
            ethics,
        )

    # ------------------------------------------------------------------ 党风廉政建设

    def _integrity(self) -> None:
        from dangjian.decisions.models import DecisionCategory, MajorDecision

        h, rng, as_of = self.h, self.rng, self.as_of
        secretary = h.leaders[0] if h.leaders else h.plans[0].secretary
        discipline = self.leader("纪委书记") or secretary
        letters: list[Responsibility] = []
        education: list[IntegrityEducation] = []
        leaders_and_secretaries = len(h.leaders) + len(h.plans)
        middle = len(h.leaders) + sum(1 for m in h.all_members if m.admin_post in MIDDLE_POSTS)
        for year in range(self.start.year, as_of.year + 1):
            signed = weekday_on_or_after(dt.date(year, 2, rng.randint(18, 27)))
            if signed <= as_of:
                for n, plan in enumerate(h.plans, 1):
                    letters.append(
                        Responsibility(
                            code=f"{h.prefix}-ZRS{year}-{n:03d}",
                            kind=LetterKind.TARGET,
                            year=year,
                            organization=plan.org,
                            issuer_signer=secretary.name,
                            signer=plan.secretary.name,
                            signed_on=signed,
                        )
                    )
                n = len(h.plans)
                for plan in self.working_plans:
                    for department in plan.template.departments:
                        if department in names.KEY_DEPARTMENTS:
                            head = next(
                                (
                                    m
                                    for m in plan.members
                                    if m.department == department and m.admin_post in MIDDLE_POSTS
                                ),
                                plan.secretary,
                            )
                            n += 1
                            letters.append(
                                Responsibility(
                                    code=f"{h.prefix}-ZRS{year}-{n:03d}",
                                    kind=LetterKind.SUPERVISION,
                                    year=year,
                                    organization=plan.org,
                                    department=department,
                                    issuer_signer=discipline.name,
                                    signer=head.name,
                                    signed_on=signed,
                                )
                            )
            for month, topic in names.WARNING_EDUCATION:
                day = weekday_on_or_after(
                    dt.date(year, month, 27 if month == 4 else rng.randint(15, 25))
                )
                if day <= as_of:
                    people = leaders_and_secretaries if month == 4 else middle + rng.randint(10, 30)
                    education.append(
                        IntegrityEducation(
                            kind=EducationKind.WARNING,
                            organization=h.committee,
                            date=day,
                            topic=topic,
                            participants=people,
                        )
                    )
            for month, topic in names.COLLECTIVE_TALKS:
                day = weekday_on_or_after(dt.date(year, month, rng.randint(12, 20)))
                if day <= as_of:
                    education.append(
                        IntegrityEducation(
                            kind=EducationKind.COLLECTIVE_TALK,
                            organization=h.committee,
                            date=day,
                            topic=topic,
                            participants=middle,
                        )
                    )
        # A collective talk with the newly appointed after each 干部任免 the 党委会 decided.
        for meeting in (
            MajorDecision.objects.filter(
                organization=h.committee, category=DecisionCategory.CADRE_APPOINTMENT
            )
            .order_by("meeting_date", "code")
            .values_list("meeting_date", flat=True)
        ):
            day = weekday_on_or_after(meeting + dt.timedelta(days=rng.randint(5, 14)))
            if day <= as_of:
                education.append(
                    IntegrityEducation(
                        kind=EducationKind.COLLECTIVE_TALK,
                        organization=h.committee,
                        date=day,
                        topic="新任职中层干部任前集体廉政谈话",
                        participants=rng.randint(3, 8),
                    )
                )
        education.sort(key=lambda e: (e.date, e.kind))
        for n, item in enumerate(education, 1):
            item.code = f"{h.prefix}-JS{n:04d}"
        _bulk(Responsibility, letters)
        _bulk(IntegrityEducation, education)

    # ------------------------------------------------------------------ 表彰, 党建品牌, 双培养

    def _recognition(self) -> None:
        h, rng, as_of = self.h, self.rng, self.as_of
        county = h.ctx.county
        hospital_party = f"中共{h.name}委员会"
        honours: list[Honour] = []
        weaker = {id(p) for p in [h.overdue_plan, *h.problem_plans]}
        for year in range(self.start.year, as_of.year + 1):
            if weekday_on_or_after(dt.date(year, 6, 28)) > as_of:  # awarded at the 七一 meeting
                continue
            seq = itertools.count(1)

            def honour(
                kind: str,
                level: str,
                org: Organization,
                member: Member | None,
                title: str,
                year: int = year,
                seq: Iterator[int] = seq,
            ) -> None:
                honours.append(
                    Honour(
                        code=f"{h.prefix}-BZ{year}-{next(seq):03d}",
                        kind=kind,
                        year=year,
                        level=level,
                        organization=org,
                        member=member,
                        title=title,
                        awarded_by=f"中共{county}委员会"
                        if level == HonourLevel.COUNTY
                        else hospital_party,
                    )
                )

            good = [p for p in self.working_plans if id(p) not in weaker] or self.working_plans
            for i, plan in enumerate(rng.sample(good, min(len(good), max(1, len(h.plans) // 5)))):
                level = (
                    HonourLevel.COUNTY if i == 0 and rng.random() < 0.5 else HonourLevel.HOSPITAL
                )
                honour(HonourKind.ADVANCED_ORG, level, plan.org, None, f"{year}年度先进基层党组织")
            # 优秀共产党员: from those rated 优秀 in last year's 民主评议, else any ordinary member.
            rated = self.excellent.get(year - 1) or [
                (p, m) for p in h.plans for m in self.ordinary(p)
            ]
            awarded = set()
            for i, (_, member) in enumerate(
                rng.sample(rated, min(len(rated), max(2, h.total_members // 40)))
            ):
                level = HonourLevel.COUNTY if i == 0 else HonourLevel.HOSPITAL
                honour(
                    HonourKind.OUTSTANDING_MEMBER,
                    level,
                    member.organization,
                    member,
                    f"{year}年度优秀共产党员",
                )
                awarded.add(id(member))
            workers = [
                m
                for m in (p.committee[min(1, len(p.committee) - 1)] for p in h.plans)
                if id(m) not in awarded
            ]
            for member in rng.sample(workers, min(len(workers), max(1, len(h.plans) // 4))):
                honour(
                    HonourKind.OUTSTANDING_WORKER,
                    HonourLevel.HOSPITAL,
                    member.organization,
                    member,
                    f"{year}年度优秀党务工作者",
                )
        _bulk(Honour, honours)

        # 一支部一特色: about a third of the branches have a brand, one new in the first demo year;
        # the best-run one is also a 党建示范点.
        brands: list[PartyBrand] = []
        branded = rng.sample(h.plans, max(1, round(len(h.plans) / 3)))
        branded.sort(key=lambda p: p.index)
        for i, plan in enumerate(branded):
            name, description = names.BRANDS[plan.key]
            year = (
                self.start.year
                if i == len(branded) - 1
                else rng.randint(self.start.year - 5, self.start.year - 1)
            )
            brands.append(
                PartyBrand(
                    kind=BrandKind.BRAND,
                    organization=plan.org,
                    year=year,
                    description=description,
                    name=f"{plan.label}党支部“{name}”" if plan.named_with_ordinal else f"“{name}”",
                    level=HonourLevel.HOSPITAL,
                )
            )
        site = next((p for p in branded if id(p) not in weaker), branded[0])
        brands.append(
            PartyBrand(
                kind=BrandKind.DEMONSTRATION,
                organization=site.org,
                name=f"{site.name}{names.DEMONSTRATION_SITE}",
                year=rng.randint(self.start.year - 3, self.start.year),
                level=HonourLevel.COUNTY,
                description="党支部标准化规范化建设达标创建，县级示范点",
            )
        )
        for n, brand in enumerate(brands, 1):
            brand.code = f"{h.prefix}-PP{n:03d}"
        _bulk(PartyBrand, brands)

        # 双培养: backbone staff admitted in the demo's years, young members trained as backbone,
        # and members promoted to middle posts.
        steps: list[DualCultivation] = []
        span = max(1, (as_of - self.start).days)

        def some_day() -> dt.date:
            return self.start + dt.timedelta(days=rng.randrange(span))

        admitted = [
            m for m in h.all_members if m.joined_on >= self.start and m.title not in ("", "护士")
        ]
        for m in rng.sample(admitted, len(admitted) // 2):
            steps.append(
                DualCultivation(
                    member=m,
                    kind=CultivationKind.BACKBONE_TO_MEMBER,
                    date=m.joined_on,
                    note=f"{m.title}，{m.department}业务骨干，经“双培养”发展为党员",
                )
            )
        young = [
            m
            for p in self.working_plans
            for m in self.ordinary(p)
            if (as_of - m.birth_date).days < 40 * 365 and m.joined_on < self.start
        ]
        for m in rng.sample(young, min(len(young), max(2, h.total_members // 60))):
            steps.append(
                DualCultivation(
                    member=m,
                    kind=CultivationKind.MEMBER_TO_BACKBONE,
                    date=some_day(),
                    note=rng.choice(names.BACKBONE_NOTES).format(dept=m.department),
                )
            )
        promoted = [
            m
            for p in self.working_plans
            for m in p.members[len(p.committee) + p.leaders :]
            if m.admin_post in ("科副主任", "护士长", "副科长", "科长", "副主任")
        ]
        for m in rng.sample(promoted, min(len(promoted), max(1, h.total_members // 100))):
            steps.append(
                DualCultivation(
                    member=m,
                    kind=CultivationKind.PROMOTED_TO_MIDDLE,
                    date=some_day(),
                    note=f"经民主推荐、组织考察，提拔为{m.department}{m.admin_post}",
                )
            )
        _bulk(DualCultivation, steps)

    # ------------------------------------------------------------------ 贯彻落实

    def _implementation(self) -> None:
        """Two instructions a year, one so far this year (from February), each broken into measures
        with owners, 时限 and 督导/督办 check-ins. Last year's last measure was finished late."""
        h, rng, as_of = self.h, self.rng, self.as_of
        dated: list[tuple[dt.date, tuple]] = []
        sources = list(names.INSTRUCTIONS)
        rng.shuffle(sources)
        for year in range(self.start.year, as_of.year + 1):
            for half in ((2, 4), (6, 8)) if year < as_of.year else ((2, 3),):
                issued = weekday_on_or_after(dt.date(year, rng.randint(*half), rng.randint(3, 25)))
                if issued <= as_of - dt.timedelta(days=20):
                    dated.append((issued, sources[len(dated) % len(sources)]))
        instructions, measures, checkins = [], [], []
        late_year = as_of.year - 1 if self.start.year < as_of.year else None
        for n, (issued, (kind, title, source, steps)) in enumerate(dated, 1):
            instruction = Instruction(
                code=f"{h.prefix}-LS{n:03d}",
                kind=InstructionKind(kind),
                title=title,
                source=source,
                issued_on=issued,
                organization=h.committee,
            )
            instructions.append(instruction)
            last_of_year = issued.year == late_year and not any(
                d.year == late_year and d > issued for d, _ in dated
            )
            for j, (content, post) in enumerate(steps, 1):
                deadline = issued + dt.timedelta(days=rng.randint(60, 240))
                late = last_of_year and j == len(steps)
                if late:  # due in November, finished after the year end (or not yet)
                    deadline = dt.date(late_year, 11, rng.randint(10, 30))
                    done_on = dt.date(late_year + 1, 1, rng.randint(8, 28))
                    completed = done_on if done_on <= as_of else None
                elif deadline < as_of or rng.random() < 0.35:
                    completed = issued + dt.timedelta(
                        days=rng.randint(20, (deadline - issued).days)
                    )
                    completed = completed if completed <= as_of else None
                else:
                    completed = None
                status = (
                    MeasureStatus.DONE
                    if completed
                    else MeasureStatus.IN_PROGRESS
                    if (as_of - issued).days > 30
                    else MeasureStatus.NOT_STARTED
                )
                measure = Measure(
                    code=f"{instruction.code}-{j:02d}",
                    instruction=instruction,
                    content=content,
                    owner=self.owner(post),
                    deadline=deadline,
                    status=status,
                    completed_on=completed,
                )
                measures.append((measure, late))
                # 督导 about every two months until done (督办 once the 时限 has passed), progress rising.
                end = completed or as_of
                day, progress = issued + dt.timedelta(days=rng.randint(20, 45)), 0
                while day < end:
                    progress = min(90, progress + rng.randint(20, 40))
                    checkins.append(
                        CheckIn(
                            measure=measure,
                            kind=CheckInKind.URGING if day > deadline else CheckInKind.SUPERVISION,
                            date=day,
                            progress=progress,
                            note=rng.choice(names.CHECKIN_NOTES),
                            evidence=rng.choice(names.EVIDENCE),
                        )
                    )
                    day += dt.timedelta(days=rng.randint(45, 75))
                if completed:
                    checkins.append(
                        CheckIn(
                            measure=measure,
                            kind=CheckInKind.SUPERVISION,
                            date=completed,
                            progress=100,
                            note="已完成，经督导核实销号",
                            evidence="佐证材料已归档",
                        )
                    )
        for measure, late in measures:
            if late:
                done = f"{measure.completed_on} 才完成" if measure.completed_on else "仍在推进"
                h.violations.append(
                    f"贯彻落实措施 {measure.code}（{measure.content}）完成时限 {measure.deadline}，"
                    f"{measure.deadline.year}年底未完成（逾期），{done}"
                )
        _bulk(Instruction, instructions)
        for measure, _ in measures:
            measure.instruction = (
                measure.instruction
            )  # refresh the pk now that the instruction is saved
        _bulk(Measure, [m for m, _ in measures])
        for checkin in checkins:
            checkin.measure = checkin.measure
        _bulk(CheckIn, checkins)

    # ------------------------------------------------------------------ 党建+业务指标, 舆情

    def _indicators(self) -> None:
        """Each clinical, nursing and 医技 branch reports the indicators quarter by quarter."""
        h, rng, as_of = self.h, self.rng, self.as_of
        listed = list(
            Indicator.objects.filter(active=True)
            .order_by("sort_order", "name")
            .values_list("name", "unit")
        )
        listed = listed or list(DEFAULT_INDICATORS)
        served: dict[
            tuple[int, int, int], int
        ] = {}  # (branch org pk, year, quarter) → people sent down
        for activity, plan in h.service_plans:
            if activity.activity_type in ("下基层帮扶", "结对帮扶"):
                key = (plan.org.pk, activity.date.year, (activity.date.month - 1) // 3 + 1)
                served[key] = served.get(key, 0) + (activity.participants or 0)
        values: list[IndicatorValue] = []
        seq = itertools.count(1)
        for year in range(self.start.year, as_of.year + 1):
            for quarter in range(1, 5):
                if add_months(dt.date(year, 3 * quarter, 1), 1) > as_of + dt.timedelta(days=1):
                    continue  # the quarter is not over
                for plan in (p for p in h.plans if p.kind in ("clinical", "nursing", "medtech")):
                    for name, unit in listed:
                        if name == "患者满意度":
                            value = Decimal(str(round(rng.uniform(93.0, 99.0), 1)))
                        elif name == "投诉":
                            value = Decimal(rng.choices((0, 1, 2, 3), weights=(50, 30, 15, 5))[0])
                        elif name == "新技术新项目":
                            value = Decimal(
                                rng.choices((0, 1, 2), weights=(50, 35, 15))[0]
                                if plan.kind != "nursing"
                                else rng.choices((0, 1), weights=(75, 25))[0]
                            )
                        elif name == "下基层帮扶人次":
                            value = Decimal(served.get((plan.org.pk, year, quarter), 0))
                        else:
                            continue
                        values.append(
                            IndicatorValue(
                                code=f"{h.prefix}-ZB{year}-{next(seq):04d}",
                                organization=plan.org,
                                indicator=name,
                                year=year,
                                period=f"Q{quarter}",
                                value=value,
                                unit=unit,
                            )
                        )
        _bulk(IndicatorValue, values)

    def _opinions(self) -> None:
        h, rng, as_of = self.h, self.rng, self.as_of
        days = (as_of - self.start).days + 1
        count = max(1, round(max(2, h.total_members / 120) * days / 365))
        working = [p for p in h.plans if p.kind in ("clinical", "nursing", "medtech")] or h.plans
        events: list[OpinionEvent] = []
        for _ in range(count):
            day = self.start + dt.timedelta(days=rng.randrange(days))
            source, content, handling, result = rng.choice(names.OPINIONS)
            plan = rng.choice(working)
            department = (
                rng.choice(plan.template.departments) if plan.template.departments else "门诊部"
            )
            handled = day + dt.timedelta(days=rng.randint(1, 10))
            done = handled <= as_of
            events.append(
                OpinionEvent(
                    organization=plan.org,
                    date=day,
                    source=source,
                    content=content.format(dept=department),
                    handling=handling.format(dept=department),
                    result=result if done else "",
                    handled_on=handled if done else None,
                )
            )
        events.sort(key=lambda e: (e.date, e.source))
        for n, event in enumerate(events, 1):
            event.code = f"{h.prefix}-YQ{n:04d}"
        _bulk(OpinionEvent, events)

    # ------------------------------------------------------------------ 服务活动参与党员

    def _participations(self) -> None:
        """Members of the activity's branch, part of its head count (the rest are not members)."""
        rng = self.rng

        def rows() -> Iterator[tuple]:
            for activity, plan in self.h.service_plans:
                wanted = min(
                    len(plan.members),
                    max(1, round((activity.participants or 1) * rng.uniform(0.5, 0.9))),
                )
                chosen = rng.sample(range(len(plan.members)), wanted)
                for i in sorted(chosen):
                    member = plan.members[i]
                    if member.joined_on <= activity.date:
                        yield (activity.pk, member.pk)

        _insert(ServiceParticipation, ("activity_id", "member_id"), rows())

    # ------------------------------------------------------------------ 查摆问题, 工作要点

    def _problems(self) -> None:
        """查摆问题 of each year: four from the 党委's 民主生活会 and one from each of three branches'
        组织生活会 once those December meetings are held, and those found during the year (巡察,
        督查, 考核, 自查) from July on. A problem that the 整改台账 also holds (same organisation, same
        problem) points to that item.

        Own random stream, so the rows built before are what they were without this ledger."""
        h, as_of = self.h, self.as_of
        rng = random.Random(f"dangjian-demo:{h.ctx.seed}:{h.index}:problems")
        life_years = set(
            OrgLifeEvent.objects.filter(
                organization=h.committee, event_type=EventType.LEADERSHIP_LIFE_MEETING
            ).values_list("date__year", flat=True)
        )
        tracked = {
            (org_id, description): pk
            for pk, org_id, description in RectificationItem.objects.filter(
                organization__path__startswith=h.committee.path
            ).values_list("pk", "organization_id", "description")
        }
        rows: list[Problem] = []

        def add(year, source, org, area, text, measures, description=""):
            rows.append(
                Problem(
                    code="",
                    organization=org,
                    year=year,
                    source=source,
                    area=area,
                    text=text,
                    measures=measures,
                    rectification_id=tracked.pop((org.pk, description), None)
                    if description
                    else None,
                )
            )

        working = self.working_plans
        for year in range(self.start.year, as_of.year + 1):
            if year < as_of.year or as_of.month >= 7:
                found = rng.sample(names.IN_YEAR_PROBLEMS, 3)
                for source, level, area, text, measures in sorted(
                    found, key=names.IN_YEAR_PROBLEMS.index
                ):
                    org = h.committee if level == "committee" else rng.choice(working).org
                    add(year, ProblemSource(source), org, area, text, measures)
            if year in life_years:
                chosen = rng.sample(names.COMMITTEE_PROBLEMS, 4)
                for area, text, measures, description in chosen:
                    add(
                        year,
                        ProblemSource.DEMOCRATIC_LIFE,
                        h.committee,
                        area,
                        text,
                        measures,
                        description,
                    )
            held = [plan for plan in working if year in plan.evaluation_days]
            for plan in rng.sample(held, min(3, len(held))):
                area, text, measures, description = rng.choice(names.BRANCH_PROBLEMS)
                add(year, ProblemSource.ORG_LIFE, plan.org, area, text, measures, description)
        for n, problem in enumerate(rows, 1):
            problem.code = f"{h.prefix}-CB{n:04d}"
        _bulk(Problem, rows)

    def _work_plans(self) -> None:
        """The 党委's 年度党建工作要点: eight a year, at least one per area, from the first year on;
        next year's are drawn up in November and December."""
        h, as_of = self.h, self.as_of
        rng = random.Random(f"dangjian-demo:{h.ctx.seed}:{h.index}:workplans")
        last = as_of.year + 1 if as_of.month >= 11 else as_of.year
        areas = list(dict.fromkeys(area for area, *_ in names.WORK_POINTS))
        items: list[WorkPlanItem] = []
        for year in range(self.start.year, last + 1):
            chosen = [rng.choice([p for p in names.WORK_POINTS if p[0] == a]) for a in areas]
            rest = [p for p in names.WORK_POINTS if p not in chosen]
            chosen += rng.sample(rest, 8 - len(chosen))
            chosen.sort(key=names.WORK_POINTS.index)
            for n, (area, text, owner, due) in enumerate(chosen, 1):
                items.append(
                    WorkPlanItem(
                        code=f"{h.prefix}-YD{year}-{n:02d}",
                        organization=h.committee,
                        year=year,
                        area=area,
                        text=text,
                        owner=owner,
                        deadline=dt.date(year, *due) if due else None,
                    )
                )
        _bulk(WorkPlanItem, items)


def bureau_ledgers(bureau: Organization, *, seed: int, start: dt.date, as_of: dt.date) -> None:
    """The 卫健局党委's own 查摆问题 (from its 民主生活会 of each year past) and 工作要点 (each year,
    next year's from November on). Its hospitals' rows are their own (``HospitalLedgers``)."""
    rng = random.Random(f"dangjian-demo:{seed}:bureau:ledgers")
    problems: list[Problem] = []
    plans: list[WorkPlanItem] = []
    last_plan_year = as_of.year + 1 if as_of.month >= 11 else as_of.year
    for year in range(start.year, last_plan_year + 1):
        if dt.date(year, 12, 31) <= as_of:
            for area, text, measures in rng.sample(names.BUREAU_PROBLEMS, 3):
                problems.append(
                    Problem(
                        code=f"{bureau.code}-CB{len(problems) + 1:04d}",
                        organization=bureau,
                        year=year,
                        source=ProblemSource.DEMOCRATIC_LIFE,
                        area=area,
                        text=text,
                        measures=measures,
                    )
                )
        for n, (area, text, owner, due) in enumerate(names.BUREAU_WORK_POINTS, 1):
            plans.append(
                WorkPlanItem(
                    code=f"{bureau.code}-YD{year}-{n:02d}",
                    organization=bureau,
                    year=year,
                    area=area,
                    text=text,
                    owner=owner,
                    deadline=dt.date(year, *due) if due else None,
                )
            )
    _bulk(Problem, problems)
    _bulk(WorkPlanItem, plans)
