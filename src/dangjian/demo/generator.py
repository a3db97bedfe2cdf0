"""The demo hospital: a deterministic, realistic 县人民医院 with two years of Party ledgers.

``build_demo()`` fills an empty database with one (or, with ``units > 1``, several) hospital
Party committees: the organisation tree, members with valid identity numbers, 三会一课 and
other organisational life with attendance, the development pipeline, the rectification ledger,
“三重一大” decisions and service activities; and, in ``ledgers.py``, 党费, 评议考核 and 医德考评,
党风廉政建设, 表彰/党建品牌/双培养, 组织关系转接, 贯彻落实, 党建+业务指标 and 舆情, and who took part in
the service activities. The same arguments give the same data, row for row (only primary keys and
timestamps differ).

The data contains real rule violations — not flags, just dates and counts that break the rules in
DOMAIN.md — so that the rules engine has something to find. ``DemoSummary.violations`` lists them.

Speed: organisations are saved one by one (``Organization.save`` computes the materialised
path); everything else goes in with ``bulk_create`` in batches, and the ledgers through
``simple_history.utils.bulk_create_with_history`` so that the audit trail has a “+” row for each
created record (on PostgreSQL the same rows go in by ``COPY``, see ``_bulk``). Attendance rows
(≈50 per member) bypass the ORM (``COPY`` on PostgreSQL, ``executemany`` elsewhere, in chunks);
their history rows follow in one ``INSERT … SELECT`` at the end, so they are audited too.
Rows are inserted in chunks so memory stays flat at 100k members.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import itertools
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from math import ceil

from django.db import connection, models, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from dangjian.core import clock, idcard
from dangjian.core.dbstats import refresh_planner_statistics
from dangjian.decisions.models import DecisionCategory, MajorDecision
from dangjian.development.models import DevelopmentCase
from dangjian.organizations.models import (
    EmploymentStatus,
    Gender,
    Member,
    MemberCategory,
    Organization,
    OrgType,
    name_initials,
)
from dangjian.orglife.models import Attendance, AttendanceStatus, EventType, OrgLifeEvent
from dangjian.outreach.models import ServiceActivity
from dangjian.rectification.models import RectificationItem, RectificationStatus

from . import names

BATCH = 2000
CHANGE_REASON = "演示数据"
MIN_BRANCH_SIZE = 5


class DemoError(Exception):
    """A reason the demo cannot be built (message in Chinese, for the command line)."""


@dataclass
class DemoSummary:
    seed: int
    as_of: dt.date
    start: dt.date
    units: int
    hospitals: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    violations: list[str] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        lines = [
            f"已载入演示数据（seed={self.seed}，截至 {self.as_of:%Y-%m-%d}，"
            f"组织生活自 {self.start:%Y-%m-%d} 起）：{'、'.join(self.hospitals)}",
            "  " + "，".join(f"{label} {count}" for label, count in self.counts.items()),
        ]
        if self.violations:
            lines.append("数据中特意保留的问题（供规则检查发现）：")
            lines += [f"  - {item}" for item in self.violations]
        lines += [f"注意：{note}" for note in self.notes]
        return "\n".join(lines)


# --------------------------------------------------------------------------- dates


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def weekday_on_or_after(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def months_between(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


# --------------------------------------------------------------------------- branch templates


@dataclass(frozen=True)
class Template:
    key: str
    label: str
    kind: str  # clinical, nursing, medtech, admin, retired
    weight: float
    departments: tuple[str, ...]


TEMPLATES = {
    t.key: t
    for t in (
        Template(
            "neike",
            "内科",
            "clinical",
            1.3,
            ("心血管内科", "呼吸与危重症医学科", "消化内科", "神经内科", "内分泌科", "肾内科"),
        ),
        Template(
            "waike",
            "外科",
            "clinical",
            1.3,
            ("普通外科", "骨科", "泌尿外科", "神经外科", "胸心外科", "麻醉科"),
        ),
        Template("fuchan", "妇产科", "clinical", 0.7, ("妇科", "产科")),
        Template("erke", "儿科", "clinical", 0.6, ("儿科", "新生儿科")),
        Template("jizhen", "急诊重症", "clinical", 0.8, ("急诊科", "重症医学科")),
        Template(
            "yiji",
            "医技",
            "medtech",
            1.0,
            ("检验科", "医学影像科", "药学部", "病理科", "超声医学科", "输血科"),
        ),
        Template(
            "huli",
            "护理",
            "nursing",
            1.6,
            (
                "护理部",
                "内科病区",
                "外科病区",
                "门诊部",
                "手术室",
                "急诊科",
                "重症医学科",
                "妇产科病区",
            ),
        ),
        Template(
            "jiguan1",
            "机关第一",
            "admin",
            0.9,
            ("党委办公室", "院长办公室", "人力资源部", "宣传科", "纪检监察室", "工会"),
        ),
        Template(
            "jiguan2",
            "机关第二",
            "admin",
            0.8,
            ("医务部", "财务科", "总务科", "信息科", "医保办", "质控科"),
        ),
        Template("lituixiu", "离退休", "retired", 1.2, ()),
    )
}
DISPLAY_ORDER = (
    "neike",
    "waike",
    "fuchan",
    "erke",
    "jizhen",
    "yiji",
    "huli",
    "jiguan1",
    "jiguan2",
    "lituixiu",
)
# Which branches a smaller hospital keeps first (内科 always: the demo logins live there).
PRIORITY = (
    "neike",
    "jiguan1",
    "huli",
    "lituixiu",
    "waike",
    "yiji",
    "fuchan",
    "erke",
    "jizhen",
    "jiguan2",
)
EXTRA_CYCLE = ("neike", "waike", "huli", "yiji", "fuchan", "erke", "jizhen")
FIXED_DAYS = (5, 8, 10, 12, 15, 18, 20, 22, 25, 26, 28, 16, 6, 9, 14)

TITLES = {
    # (title, min age, max age, weight)
    "clinical": (
        ("主任医师", 45, 59, 10),
        ("副主任医师", 38, 56, 22),
        ("主治医师", 30, 46, 36),
        ("住院医师", 24, 32, 24),
        ("主管护师", 30, 50, 5),
        ("主管技师", 30, 50, 3),
    ),
    "nursing": (
        ("主任护师", 48, 59, 3),
        ("副主任护师", 40, 56, 12),
        ("主管护师", 30, 50, 40),
        ("护师", 25, 38, 30),
        ("护士", 22, 27, 15),
    ),
    "medtech": (
        ("主任技师", 46, 59, 4),
        ("副主任技师", 38, 56, 12),
        ("主管技师", 30, 48, 28),
        ("技师", 24, 35, 20),
        ("副主任药师", 40, 56, 6),
        ("主管药师", 30, 48, 16),
        ("药师", 24, 35, 14),
    ),
    "admin": (
        ("高级政工师", 42, 59, 8),
        ("政工师", 30, 50, 18),
        ("高级会计师", 40, 59, 6),
        ("会计师", 28, 50, 14),
        ("经济师", 28, 50, 14),
        ("工程师", 28, 50, 12),
        ("", 24, 40, 28),
    ),
    "retired": (
        ("主任医师", 60, 85, 20),
        ("副主任医师", 60, 85, 25),
        ("副主任护师", 60, 80, 20),
        ("主管护师", 60, 78, 15),
        ("高级政工师", 60, 85, 10),
        ("", 60, 88, 10),
    ),
}
SENIOR = {
    "主任医师",
    "副主任医师",
    "主任护师",
    "副主任护师",
    "主任技师",
    "副主任技师",
    "副主任药师",
}
FEMALE_SHARE = {"clinical": 0.45, "nursing": 0.93, "medtech": 0.55, "admin": 0.55, "retired": 0.5}
LEADER_POSTS = (  # (行政职务, 党内职务)
    ("党委书记", "党委书记"),
    ("院长", "党委副书记"),
    ("党委副书记", "党委副书记"),
    ("纪委书记", "纪委书记"),
    ("副院长", "党委委员"),
    ("副院长", "党委委员"),
    ("副院长", "党委委员"),
    ("工会主席", "党委委员"),
    ("总会计师", "党委委员"),
)
ALL_DEPARTMENTS = tuple(
    itertools.chain.from_iterable(
        TEMPLATES[k].departments
        for k in DISPLAY_ORDER
        if TEMPLATES[k].kind in ("clinical", "nursing", "medtech")
    )
)


@dataclass
class BranchPlan:
    template: Template
    ordinal: int
    named_with_ordinal: bool
    size: int = 0
    index: int = 0
    org: Organization | None = None
    groups: list[Organization] = field(default_factory=list)
    group_members: list[list[Member]] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    committee: list[Member] = field(default_factory=list)
    leaders: int = 0
    fixed_day: int = 10
    # Year → day of the December 民主评议党员 meeting (set by ``_org_life``; ledgers.py grades on it).
    evaluation_days: dict[int, dt.date] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return self.template.key

    @property
    def label(self) -> str:
        if self.named_with_ordinal:
            return f"{self.template.label}第{names.chinese_number(self.ordinal)}"
        return self.template.label

    @property
    def name(self) -> str:
        return f"{self.label}党支部"

    @property
    def kind(self) -> str:
        return self.template.kind

    @property
    def secretary(self) -> Member:
        return self.committee[0]

    def committee_posts(self) -> list[str]:
        if self.size < 7:
            return ["书记"]
        posts = ["书记"]
        if self.size >= 25:
            posts.append("副书记")
        posts += ["组织委员", "宣传委员"]
        if self.size >= 15:
            posts.append("纪检委员")
        return posts

    def group_count(self) -> int:
        rest = self.size - len(self.committee_posts()) - self.leaders
        if rest < 16:
            return 0
        return min(6, max(2, rest // 12))


def plan_branches(count: int) -> list[BranchPlan]:
    keys = list(PRIORITY[: min(count, len(PRIORITY))])
    keys += [EXTRA_CYCLE[i % len(EXTRA_CYCLE)] for i in range(max(0, count - len(PRIORITY)))]
    per_key = {key: keys.count(key) for key in keys}
    plans = []
    for key in DISPLAY_ORDER:
        for ordinal in range(1, per_key.get(key, 0) + 1):
            plans.append(BranchPlan(TEMPLATES[key], ordinal, per_key[key] > 1))
    return plans


def allocate(total: int, weights: list[float], minimum: int) -> list[int]:
    """Split ``total`` by weight (largest remainder), each part at least ``minimum``."""
    n = len(weights)
    spare = total - minimum * n
    weight_sum = sum(weights)
    raw = [spare * w / weight_sum for w in weights]
    parts = [int(r) for r in raw]
    order = sorted(range(n), key=lambda i: (-(raw[i] - parts[i]), i))
    for i in order[: spare - sum(parts)]:
        parts[i] += 1
    return [minimum + p for p in parts]


# --------------------------------------------------------------------------- progress


class _Reporter:
    def __init__(self, enabled: bool, total: int):
        self.progress = None
        if enabled:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            self.progress = Progress(
                TextColumn("[bold]{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
            )
            self.task = self.progress.add_task("载入演示数据", total=total)

    def __enter__(self) -> _Reporter:
        if self.progress:
            self.progress.start()
        return self

    def __exit__(self, *exc) -> None:
        if self.progress:
            self.progress.stop()

    def step(self, description: str, advance: int = 1) -> None:
        if self.progress:
            self.progress.update(self.task, description=description, advance=advance)


# --------------------------------------------------------------------------- the build


@dataclass
class _Context:
    seed: int
    as_of: dt.date
    start: dt.date
    years: int
    county: str
    region: str
    reporter: _Reporter
    summary: DemoSummary
    id_numbers: set[str] = field(default_factory=set)
    initials: dict[str, str] = field(default_factory=dict)


def build_demo(
    *,
    seed: int = 1,
    members: int = 300,
    branches: int = 10,
    units: int = 1,
    years: int = 2,
    as_of: dt.date | None = None,
    progress: bool | None = None,
) -> DemoSummary:
    """Fill an empty database with the demo hospital(s) and the demo logins.

    ``members`` and ``branches`` are per hospital; ``units > 1`` puts a 卫健局 党委 over that
    many hospital 党委. ``years`` counts calendar years of organisational life, the current one
    included: 2 means the whole of last year and this year up to ``as_of`` (default today).
    Raises ``DemoError`` when the database already holds organisations or the sizes make no sense.
    """
    if Organization.objects.exists():
        raise DemoError(
            "数据库中已有党组织数据，演示数据只能载入空数据库。"
            "如需体验，请另建一个数据库（设置 DANGJIAN_DATABASE_URL）后再运行 dangjian demo。"
        )
    if branches < 1 or units < 1 or years < 1:
        raise DemoError("党支部数、单位数和年数都至少为 1。")
    if members < branches * MIN_BRANCH_SIZE:
        raise DemoError(
            f"每个党支部至少需要 {MIN_BRANCH_SIZE} 名党员：{branches} 个党支部至少需要 "
            f"{branches * MIN_BRANCH_SIZE} 名党员（--members）。"
        )
    as_of = as_of or clock.today()
    start = dt.date(as_of.year - years + 1, 1, 1)
    county, region = random.Random(f"dangjian-demo:{seed}").choice(names.COUNTIES)
    summary = DemoSummary(seed=seed, as_of=as_of, start=start, units=units)
    reporter = _Reporter(bool(progress), total=units * (branches + 7) + 1)
    ctx = _Context(seed, as_of, start, years, county, region, reporter, summary)
    with reporter, transaction.atomic():
        attendance_before = (
            Attendance.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        )
        bureau = None
        if units > 1:
            bureau = _save_org(
                code="WJJ",
                name=f"{county}卫生健康局党委",
                org_type=OrgType.PARTY_COMMITTEE,
                parent=None,
                founded_on=dt.date(1984, 7, 1),
                last_election_on=add_years(dt.date(as_of.year, 3, 18), -2),
                sort_order=0,
            )
        hospitals = [
            _Hospital(ctx, index, bureau, units, members, branches).build()
            for index in range(units)
        ]
        if bureau is not None:
            from .ledgers import bureau_ledgers

            bureau_ledgers(bureau, seed=seed, start=start, as_of=as_of)
        _copy_history(Attendance, "id > %s", [attendance_before])
        reporter.step("创建演示账号")
        _create_logins(ctx, hospitals, bureau)
    refresh_planner_statistics()
    summary.counts = {
        "党组织": Organization.objects.count(),
        "党员": Member.objects.count(),
        "组织生活": OrgLifeEvent.objects.count(),
        "参会记录": Attendance.objects.count(),
        "发展党员": DevelopmentCase.objects.count(),
        "整改事项": RectificationItem.objects.count(),
        "三重一大": MajorDecision.objects.count(),
        "服务活动": ServiceActivity.objects.count(),
    }
    from .ledgers import ledger_counts

    summary.counts.update(ledger_counts())
    return summary


def _save_org(**fields) -> Organization:
    org = Organization(**fields)
    org._change_reason = CHANGE_REASON
    org.save()
    return org


def _bulk(model, objs: list) -> list:
    """Insert ``objs`` in batches with one “+” history row each; the objects get their pks.

    SQLite (and any other database): ``simple_history.utils.bulk_create_with_history``.
    PostgreSQL: the same rows, faster — pks drawn from the table's sequence, the rows sent by
    ``COPY``, and the history rows by one ``INSERT … SELECT`` per batch (``_copy_history``).
    """
    if not objs:
        return objs
    if connection.vendor != "postgresql":
        for obj in objs:
            obj._change_reason = CHANGE_REASON
        return bulk_create_with_history(
            objs, model, batch_size=BATCH, default_change_reason=CHANGE_REASON
        )
    now = timezone.now()
    fields = model._meta.concrete_fields
    stamps = {
        f.attname
        for f in fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    }
    qn = connection.ops.quote_name
    table = model._meta.db_table
    columns = ", ".join(qn(f.column) for f in fields)
    with connection.cursor() as cursor:
        for i in range(0, len(objs), 10 * BATCH):
            batch = objs[i : i + 10 * BATCH]
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, len(batch)],
            )
            ids = [row[0] for row in cursor.fetchall()]
            for obj, pk in zip(batch, ids, strict=True):
                obj.pk = pk
                for attname in stamps:
                    setattr(obj, attname, now)
                obj._state.adding, obj._state.db = False, connection.alias
            with cursor.cursor.copy(f"COPY {qn(table)} ({columns}) FROM STDIN") as copy:
                for obj in batch:
                    # File fields hold a FieldFile, which COPY cannot adapt: send its name.
                    copy.write_row(
                        [
                            (getattr(obj, f.attname).name or "")
                            if isinstance(f, models.FileField)
                            else getattr(obj, f.attname)
                            for f in fields
                        ]
                    )
            _copy_history(model, "id = ANY(%s)", [ids])
    return objs


def _copy_history(model, where: str, params: list) -> None:
    """One “+” historical row for each row of ``model`` matching ``where``, in one statement."""
    history = model.history.model
    qn = connection.ops.quote_name
    columns = ", ".join(qn(f.column) for f in history.tracked_fields)
    sql = (
        f"INSERT INTO {qn(history._meta.db_table)} ({columns}, history_date, history_change_reason, "
        f"history_type, history_user_id, ip_address) "
        f"SELECT {columns}, %s, %s, '+', NULL, NULL FROM {qn(model._meta.db_table)} WHERE {where}"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql, [connection.ops.adapt_datetimefield_value(timezone.now()), CHANGE_REASON, *params]
        )


def _insert_attendance(rows: list[tuple[int, int, str, dt.date | None]]) -> None:
    """Attendance rows without the ORM: at ~150k rows ``bulk_create`` spends most of its time
    preparing values. PostgreSQL gets them by ``COPY``, other databases by ``executemany``.
    History rows are written afterwards in one statement (``_copy_history``), so the
    audit trail stays complete."""
    if not rows:
        return
    now = timezone.now()
    table = connection.ops.quote_name(Attendance._meta.db_table)
    columns = "created_at, updated_at, event_id, member_id, status, makeup_on"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for event, member, status, makeup in rows:
                    copy.write_row((now, now, event, member, status, makeup))
            return
        ops = connection.ops
        stamp = ops.adapt_datetimefield_value(now)
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s, %s)",
            [
                (
                    stamp,
                    stamp,
                    event,
                    member,
                    status,
                    ops.adapt_datefield_value(makeup) if makeup else None,
                )
                for event, member, status, makeup in rows
            ],
        )


class _Hospital:
    """One hospital 党委 and everything under it, built from its own random stream."""

    def __init__(
        self,
        ctx: _Context,
        index: int,
        parent: Organization | None,
        units: int,
        members: int,
        branches: int,
    ):
        self.ctx = ctx
        self.rng = random.Random(f"dangjian-demo:{ctx.seed}:{index}")
        self.index = index
        self.parent = parent
        self.prefix = f"H{index + 1:0{max(2, len(str(units)))}d}"
        self.total_members = members
        self.plans = plan_branches(branches)
        self.as_of, self.start = ctx.as_of, ctx.start
        self.name = self._hospital_name(index)
        self.leaders: list[Member] = []
        self.member_seq = itertools.count(1)
        self.member_width = max(5, len(str(members)))
        self.event_seq = itertools.count(1)
        self.pending_events: list[
            tuple[OrgLifeEvent, list[tuple[Member, str, dt.date | None]]]
        ] = []
        self.committee_meetings: list[tuple[OrgLifeEvent, int]] = []  # 党委会 and present count
        self.violations: list[str] = []
        self.problem_plans: list[BranchPlan] = []  # branches with a planted org-life gap
        self.service_plans: list[tuple[ServiceActivity, BranchPlan]] = []  # each activity's branch

    # ------------------------------------------------------------------ helpers

    def _hospital_name(self, index: int) -> str:
        county = self.ctx.county
        fixed = ("人民医院", "中医医院", "妇幼保健院", "第二人民医院")
        if index < len(fixed):
            return county + fixed[index]
        town = names.TOWNS[(index - len(fixed)) % len(names.TOWNS)]
        round_ = (index - len(fixed)) // len(names.TOWNS)
        return f"{county}{town}{'' if round_ == 0 else names.chinese_number(round_ + 1)}中心卫生院"

    def pick_plan(self, preferred: Iterable[str], exclude: Iterable[BranchPlan] = ()) -> BranchPlan:
        excluded = {id(p) for p in exclude}
        candidates = [p for p in self.plans if id(p) not in excluded and p.kind != "retired"]
        candidates = candidates or list(self.plans)
        for key in preferred:
            for plan in candidates:
                if plan.key == key and plan.ordinal == 1:
                    return plan
        return candidates[-1]

    def person(self, gender: str, age_min: int, age_max: int, on: dt.date | None = None):
        rng = self.rng
        on = on or self.as_of
        birth = add_years(on, -rng.randint(age_min, age_max)) - dt.timedelta(
            days=rng.randint(1, 364)
        )
        surname = rng.choices(
            [s for s, _ in names.SURNAMES], weights=[w for _, w in names.SURNAMES]
        )[0]
        male = gender == Gender.MALE
        if birth.year < 1960 and rng.random() < 0.5:
            given = rng.choice(names.ELDER_MALE if male else names.ELDER_FEMALE)
        elif rng.random() < 0.25:
            given = rng.choice(names.MALE_CHARS if male else names.FEMALE_CHARS)
        else:
            given = rng.choice(names.FIRST_CHARS) + rng.choice(
                names.MALE_CHARS if male else names.FEMALE_CHARS
            )
        region = self.ctx.region if rng.random() < 0.8 else rng.choice(names.COUNTIES)[1]
        while True:
            sequence = rng.randrange(1, 500) * 2 - (1 if male else 0)  # odd: male
            number = idcard.make(f"{region}{birth:%Y%m%d}{sequence:03d}")
            if number not in self.ctx.id_numbers:
                self.ctx.id_numbers.add(number)
                break
        return surname + given, birth, number

    def phone(self) -> str:
        return (
            "1" + self.rng.choice("3589") + "".join(str(self.rng.randrange(10)) for _ in range(9))
        )

    def initials(self, name: str) -> str:
        cached = self.ctx.initials.get(name)
        if cached is None:
            cached = self.ctx.initials[name] = name_initials(name)
        return cached

    def theme(self, day: dt.date) -> str:
        month = f"{day:%Y-%m}"
        for first, last, topics in names.PERIOD_THEMES:
            if first <= month <= last and self.rng.random() < 0.6:
                return self.rng.choice(topics)
        return self.rng.choice(names.GENERAL_THEMES)

    def next_event_code(self) -> str:
        return f"{self.prefix}-HD{next(self.event_seq):06d}"

    def login_member(self) -> Member:
        """The ordinary 内科 member behind the demo's 普通党员 login."""
        neike = self.pick_plan(("neike",))
        return next(
            (
                m
                for m in neike.members[len(neike.committee) :]
                if m.party_post == ""
                and m.category == MemberCategory.FULL
                and m.employment_status == EmploymentStatus.WORKING
            ),
            neike.members[-1],
        )

    # ------------------------------------------------------------------ build

    def build(self) -> _Hospital:
        from .ledgers import HospitalLedgers

        self.ctx.summary.hospitals.append(self.name)
        self._organizations()
        self._members()
        self.ctx.reporter.step(f"{self.name}：发展党员")
        self._development()
        # 组织关系转接 go through the transfers service, which moves members already saved: the
        # movers are saved in their former organisation first.
        ledgers = HospitalLedgers(self)
        ledgers.plan_transfers()
        _bulk(Member, self.all_members)
        _bulk(DevelopmentCase, self.dev_cases)
        ledgers.record_transfers()
        self._org_life()
        self.ctx.reporter.step(f"{self.name}：整改台账、服务活动")
        self._rectification()
        self._services()
        self.ctx.reporter.step(f"{self.name}：党费、评议考核、党风廉政等台账")
        ledgers.build()
        self.ctx.summary.violations += [f"{self.name}：{v}" for v in self.violations]
        return self

    def _organizations(self) -> None:
        rng, as_of = self.rng, self.as_of
        self.ctx.reporter.step(f"{self.name}：党组织")
        self.committee = _save_org(
            code=self.prefix,
            name=f"{self.name}党委",
            org_type=OrgType.PARTY_COMMITTEE,
            parent=self.parent,
            founded_on=dt.date(rng.randint(1950, 1985), 7, 1),
            last_election_on=add_years(
                dt.date(as_of.year, rng.randint(3, 11), rng.randint(5, 25)), -2
            ),
            sort_order=self.index + 1,
        )
        sizes = allocate(
            self.total_members, [p.template.weight for p in self.plans], MIN_BRANCH_SIZE
        )
        for i, (plan, size) in enumerate(zip(self.plans, sizes, strict=True)):
            plan.size, plan.index = size, i
            plan.fixed_day = FIXED_DAYS[i % len(FIXED_DAYS)]
        leader_plan = self.pick_plan(("jiguan1",))
        leaders = 9 if self.total_members >= 150 else 7 if self.total_members >= 60 else 5
        leader_plan.leaders = max(
            0, min(leaders, leader_plan.size - len(leader_plan.committee_posts()) - 1)
        )
        self.leader_plan = leader_plan
        # 换届: most branches elected together in the last December but one; a few since.
        batch_election = dt.date(as_of.year - 2, 12, rng.randint(20, 28))
        if add_years(batch_election, 3) <= as_of:
            batch_election = add_years(as_of, -2)
        self.overdue_plan = self.pick_plan(("erke", "yiji", "waike", "huli", "jiguan2"))
        self.due_soon_plan = self.pick_plan(
            ("fuchan", "jiguan2", "jizhen"), exclude=[self.overdue_plan]
        )
        width = max(2, len(str(len(self.plans))))
        for plan in self.plans:
            if plan is self.overdue_plan:
                elected = add_years(as_of, -3) - dt.timedelta(days=rng.randint(100, 200))
            elif plan is self.due_soon_plan:
                elected = add_years(as_of, -3) + dt.timedelta(days=rng.randint(40, 80))
            elif rng.random() < 0.2:
                elected = as_of - dt.timedelta(days=rng.randint(90, 300))
            else:
                elected = batch_election
            founded = dt.date(rng.randint(1985, min(2015, elected.year - 1)), rng.randint(1, 12), 1)
            plan.org = _save_org(
                code=f"{self.prefix}-ZB{plan.index + 1:0{width}d}",
                name=plan.name,
                org_type=OrgType.BRANCH,
                parent=self.committee,
                founded_on=founded,
                last_election_on=elected,
                sort_order=plan.index + 1,
            )
            for j in range(plan.group_count()):
                plan.groups.append(
                    _save_org(
                        code=f"{plan.org.code}-XZ{j + 1}",
                        name=f"{plan.name if plan.named_with_ordinal else plan.label}第{names.chinese_number(j + 1)}党小组",
                        org_type=OrgType.GROUP,
                        parent=plan.org,
                        founded_on=max(founded, dt.date(2016 + j % 4, 3, 1)),
                        sort_order=j + 1,
                    )
                )
                plan.group_members.append([])
        ob = self.overdue_plan
        self.violations.append(
            f"{ob.name}（{ob.org.code}）逾期未换届：本届选举日期 {ob.org.last_election_on}，届期3年已满"
        )
        ds = self.due_soon_plan
        self.violations.append(
            f"{ds.name}（{ds.org.code}）即将换届：本届选举日期 {ds.org.last_election_on}，3个月内届满（提醒，非违规）"
        )

    def _new_member(
        self,
        plan: BranchPlan,
        *,
        title_kind: str | None = None,
        post: str = "",
        admin_post: str = "",
        department: str = "",
        title: str | None = None,
        age: tuple[int, int] | None = None,
    ) -> Member:
        rng = self.rng
        kind = plan.kind
        if title is None:
            options = TITLES[title_kind or kind]
            choice = rng.choices(options, weights=[o[3] for o in options])[0]
            title, age_min, age_max = choice[0], choice[1], choice[2]
        else:
            age_min, age_max = next(
                ((o[1], o[2]) for o in TITLES[title_kind or kind] if o[0] == title), (35, 55)
            )
        if age:
            age_min, age_max = age
        female_share = FEMALE_SHARE[kind]
        if "护" in title:
            female_share = 0.93
        gender = Gender.FEMALE if rng.random() < female_share else Gender.MALE
        name, birth, number = self.person(gender, age_min, age_max)
        retired = kind == "retired"
        if not department:
            if plan.template.departments:
                department = rng.choice(plan.template.departments)
            else:
                department = rng.choice(ALL_DEPARTMENTS)
        age_now = (self.as_of - birth).days // 365
        join_age = rng.randint(19, max(19, min(35 if not retired else 45, age_now - 3)))
        joined = add_years(birth, join_age) + dt.timedelta(days=rng.randint(0, 300))
        latest = self.start - dt.timedelta(days=rng.randint(60, 900))
        joined = min(joined, latest)
        return Member(
            member_no=f"{self.prefix}-DY{next(self.member_seq):0{self.member_width}d}",
            name=name,
            name_initials=self.initials(name),
            organization=plan.org,
            category=MemberCategory.FULL,
            gender=gender,
            birth_date=birth,
            id_number=number,
            joined_on=joined,
            full_member_on=add_years(joined, 1),
            department=department,
            admin_post=admin_post,
            title=title,
            party_post=post,
            phone=self.phone(),
            employment_status=EmploymentStatus.RETIRED if retired else EmploymentStatus.WORKING,
            is_dual_leader=False,
        )

    def _members(self) -> None:
        rng = self.rng
        self.no_dual_plan = self.pick_plan(("jizhen", "fuchan", "waike"))
        all_members: list[Member] = []
        for plan in self.plans:
            self.ctx.reporter.step(f"{self.name}：{plan.name} 党员")
            kind, depts = plan.kind, plan.template.departments
            posts = plan.committee_posts()
            # The secretary: a professional leader (双带头人) in clinical, nursing and 医技 branches.
            if kind == "clinical":
                dual = plan is not self.no_dual_plan
                secretary = self._new_member(
                    plan,
                    post="书记",
                    department=depts[0],
                    admin_post="科主任" if dual else "",
                    title="主任医师" if dual else "主治医师",
                    age=(45, 57) if dual else (34, 44),
                )
                secretary.is_dual_leader = dual
            elif kind == "nursing":
                secretary = self._new_member(
                    plan,
                    post="书记",
                    department="护理部",
                    admin_post="护理部主任",
                    title="主任护师",
                    age=(48, 57),
                )
                secretary.is_dual_leader = True
            elif kind == "medtech":
                secretary = self._new_member(
                    plan,
                    post="书记",
                    department=depts[0],
                    admin_post="科主任",
                    title="主任技师",
                    age=(46, 57),
                )
                secretary.is_dual_leader = True
            elif kind == "admin":
                post_name = f"{depts[0]}主任" if plan.ordinal == 1 else "副主任"
                secretary = self._new_member(
                    plan,
                    post="书记",
                    department=depts[0],
                    admin_post=post_name,
                    title_kind="admin",
                    title="高级政工师",
                    age=(42, 56),
                )
            else:
                secretary = self._new_member(plan, post="书记", title="高级政工师", age=(62, 72))
            committee = [secretary]
            for post in posts[1:]:
                committee.append(self._new_member(plan, post=post, age=None))
            plan.committee = committee
            body: list[Member] = []
            for i in range(plan.leaders):
                admin_post, party_post = LEADER_POSTS[i]
                title = (
                    "高级政工师"
                    if admin_post in ("党委书记", "纪委书记", "工会主席")
                    else ("高级会计师" if admin_post == "总会计师" else "主任医师")
                )
                leader = self._new_member(
                    plan,
                    post=party_post,
                    admin_post=admin_post,
                    department="院领导",
                    title_kind="admin" if title != "主任医师" else "clinical",
                    title=title,
                    age=(46, 58),
                )
                self.leaders.append(leader)
                body.append(leader)
            rest = [self._new_member(plan) for _ in range(plan.size - len(committee) - len(body))]
            # Department heads and head nurses among the seniors.
            if kind in ("clinical", "medtech"):
                heads = iter([m for m in rest if m.title in SENIOR])
                for dept in depts[1:]:
                    head = next(heads, None)
                    if head is None:
                        break
                    head.department, head.admin_post = dept, "科主任"
                for m in heads:
                    if rng.random() < 0.3:
                        m.admin_post = "科副主任"
            elif kind == "nursing":
                for m in rest:
                    if m.title in ("主任护师", "副主任护师", "主管护师") and rng.random() < 0.3:
                        m.admin_post = "护士长"
            elif kind == "admin":
                for m in rest:
                    if rng.random() < 0.2:
                        m.admin_post = rng.choice(("科长", "副科长", "副主任"))
            if plan.groups:
                for i, m in enumerate(rest):
                    g = i % len(plan.groups)
                    m.organization = plan.groups[g]
                    plan.group_members[g].append(m)
                for gm in plan.group_members:
                    gm[0].party_post = "党小组组长"
            plan.members = committee + body + rest
            all_members += plan.members
        self.all_members = all_members

    # ------------------------------------------------------------------ 发展党员

    def _dates_before_admission(self, admitted: dt.date) -> dict[str, dt.date]:
        rng = self.rng
        publicity = admitted - dt.timedelta(days=rng.randint(10, 20))
        training = publicity - dt.timedelta(days=rng.randint(10, 40))
        review = training - dt.timedelta(days=rng.randint(10, 40))
        candidate = review - dt.timedelta(days=rng.randint(20, 60))
        activist = candidate - dt.timedelta(days=rng.randint(370, 480))
        talked = activist - dt.timedelta(days=rng.randint(30, 150))
        applied = talked - dt.timedelta(days=rng.randint(5, 25))
        return {
            "applied_on": applied,
            "talked_on": talked,
            "activist_on": activist,
            "candidate_on": candidate,
            "political_review_on": review,
            "training_completed_on": training,
            "publicity_started_on": publicity,
            "admitted_on": admitted,
        }

    def _introducers(self, plan: BranchPlan, exclude: Member | None = None) -> str:
        full = [m for m in plan.members if m.category == MemberCategory.FULL and m is not exclude]
        return "、".join(m.name for m in self.rng.sample(full, 2)) if len(full) >= 2 else ""

    def _development(self) -> None:
        rng, as_of = self.rng, self.as_of
        k = max(1, round(self.total_members / 100))
        working = [p for p in self.plans if p.kind != "retired"]
        pool = {
            id(p): [
                m
                for m in p.members[len(p.committee) + p.leaders :]
                if m.party_post == "" and (as_of - m.birth_date).days < 40 * 365
            ]
            for p in working
        }
        cases: list[DevelopmentCase] = []

        shuffled = [(p, m) for p in working for m in pool[id(p)]]
        rng.shuffle(shuffled)
        taken: set[int] = set()

        def take(plan: BranchPlan | None) -> tuple[BranchPlan, Member] | None:
            """A random young ordinary member (of ``plan``, if given) not taken before."""
            if plan is None:
                while shuffled:
                    p, m = shuffled.pop()
                    if id(m) not in taken:
                        taken.add(id(m))
                        return p, m
                return None
            for p, m in reversed(shuffled):
                if p is plan and id(m) not in taken:
                    taken.add(id(m))
                    return p, m
            return None

        def member_case(p: BranchPlan, m: Member, admitted: dt.date, **extra) -> DevelopmentCase:
            dates = self._dates_before_admission(admitted)
            m.joined_on, m.category, m.full_member_on = admitted, MemberCategory.PROBATIONARY, None
            converted = extra.get("converted_on")
            if converted:
                m.category, m.full_member_on = MemberCategory.FULL, converted
            return DevelopmentCase(
                name=m.name,
                id_number=m.id_number,
                organization=p.org,
                approved_on=admitted + dt.timedelta(days=rng.randint(15, 60)),
                introducers=self._introducers(p, exclude=m),
                **dates,
                **extra,
            )

        # Converted on time (预备期 one year from the 支部大会).
        for _ in range(3 * k):
            got = take(None)
            if got:
                admitted = as_of - dt.timedelta(days=rng.randint(370, 365 * self.ctx.years + 150))
                cases.append(member_case(*got, admitted, converted_on=add_years(admitted, 1)))
        # Still in probation.
        for _ in range(2 * k):
            got = take(None)
            if got:
                cases.append(member_case(*got, as_of - dt.timedelta(days=rng.randint(20, 330))))
        # Planted: probation ended, not converted, not extended.
        overdue_plan = self.pick_plan(("huli", "waike", "neike"))
        got = take(overdue_plan) or take(None)
        if got:
            case = member_case(*got, as_of - dt.timedelta(days=rng.randint(400, 450)))
            cases.append(case)
            self.violations.append(
                f"预备党员{got[1].name}（{got[1].member_no}，{got[0].name}）预备期已于 "
                f"{add_years(case.admitted_on, 1)} 届满，未讨论转正也未延长预备期"
            )
        # Probation extended by six months (still a 预备党员, legitimately).
        got = take(None)
        if got:
            admitted = as_of - dt.timedelta(days=rng.randint(380, 420))
            cases.append(
                member_case(
                    *got, admitted, probation_extended_to=add_months(add_years(admitted, 1), 6)
                )
            )

        def outsider(plan: BranchPlan, age=(21, 35)):
            gender = Gender.FEMALE if rng.random() < FEMALE_SHARE[plan.kind] else Gender.MALE
            return self.person(gender, *age)

        cumulative = list(itertools.accumulate(p.size for p in working))

        def branch() -> BranchPlan:
            return rng.choices(working, cum_weights=cumulative)[0]

        def add(plan: BranchPlan, **dates) -> DevelopmentCase:
            name, _, number = outsider(plan)
            case = DevelopmentCase(name=name, id_number=number, organization=plan.org, **dates)
            cases.append(case)
            return case

        for _ in range(2 * k):  # applied, the talk still to come (within a month)
            add(branch(), applied_on=as_of - dt.timedelta(days=rng.randint(2, 20)))
        plan = branch()
        late = add(plan, applied_on=as_of - dt.timedelta(days=rng.randint(45, 70)))
        self.violations.append(
            f"入党申请人{late.name}（{plan.name}）{late.applied_on} 递交申请，超过1个月未派人谈话"
        )
        for _ in range(2 * k):  # talked
            applied = as_of - dt.timedelta(days=rng.randint(40, 200))
            add(
                branch(),
                applied_on=applied,
                talked_on=applied + dt.timedelta(days=rng.randint(7, 28)),
            )
        for _ in range(3 * k):  # activists, less than a year so far
            activist = as_of - dt.timedelta(days=rng.randint(30, 330))
            talked = activist - dt.timedelta(days=rng.randint(30, 150))
            add(
                branch(),
                applied_on=talked - dt.timedelta(days=rng.randint(5, 25)),
                talked_on=talked,
                activist_on=activist,
            )
        for _i in range(2 * k):  # 发展对象
            plan = branch()
            candidate = as_of - dt.timedelta(days=rng.randint(20, 150))
            activist = candidate - dt.timedelta(days=rng.randint(370, 480))
            talked = activist - dt.timedelta(days=rng.randint(30, 150))
            review = candidate + dt.timedelta(days=rng.randint(15, 40))
            add(
                plan,
                applied_on=talked - dt.timedelta(days=rng.randint(5, 25)),
                talked_on=talked,
                activist_on=activist,
                candidate_on=candidate,
                political_review_on=review if review <= as_of else None,
                introducers=self._introducers(plan),
            )
        # Planted: 发展对象 less than a year after becoming 积极分子.
        plan = self.pick_plan(("jizhen", "neike", "erke"))
        candidate = as_of - dt.timedelta(days=rng.randint(30, 90))
        activist = candidate - dt.timedelta(days=rng.randint(280, 320))
        talked = activist - dt.timedelta(days=rng.randint(30, 60))
        early = add(
            plan,
            applied_on=talked - dt.timedelta(days=rng.randint(5, 25)),
            talked_on=talked,
            activist_on=activist,
            candidate_on=candidate,
            introducers=self._introducers(plan),
        )
        self.violations.append(
            f"发展对象{early.name}（{plan.name}）{activist} 确定为积极分子，{candidate} 即确定为发展对象，不满1年"
        )
        self.dev_cases = cases  # saved by build(), with the members

    # ------------------------------------------------------------------ 组织生活

    def _status(self, day: dt.date, retired: bool = False) -> tuple[str, dt.date | None]:
        rng = self.rng
        r = rng.random()
        present = 0.78 if retired else 0.9
        if r < present:
            return AttendanceStatus.PRESENT, None
        status = (
            AttendanceStatus.EXCUSED
            if r < present + (0.16 if retired else 0.07)
            else AttendanceStatus.ABSENT
        )
        makeup = None
        if rng.random() < 0.6:
            makeup = day + dt.timedelta(days=rng.randint(2, 21))
            if makeup > self.as_of:
                makeup = None
        return status, makeup

    def _event(
        self,
        org: Organization,
        event_type: str,
        day: dt.date,
        people: list[Member],
        *,
        topic: str = "",
        host: str = "",
        lecturer: str = "",
        hours: str = "1.5",
        statuses: list[tuple[str, dt.date | None]] | None = None,
        retired: bool = False,
    ) -> OrgLifeEvent:
        event = OrgLifeEvent(
            code=self.next_event_code(),
            organization=org,
            event_type=event_type,
            date=day,
            topic=topic,
            host=host,
            lecturer=lecturer,
            location=self.rng.choice(names.LOCATIONS),
            duration_hours=Decimal(hours),
        )
        attendees = [m for m in people if m.joined_on <= day]
        if statuses is None:
            statuses = [self._status(day, retired) for _ in attendees]
            if event_type == EventType.BRANCH_COMMITTEE_MEETING:
                # 委员 rarely miss their own meeting: keep it quorate (more than half present).
                while 2 * sum(s == AttendanceStatus.PRESENT for s, _ in statuses) <= len(statuses):
                    i = next(
                        i for i, (s, _) in enumerate(statuses) if s != AttendanceStatus.PRESENT
                    )
                    statuses[i] = (AttendanceStatus.PRESENT, None)
        self.pending_events.append(
            (event, [(m, s, mk) for m, (s, mk) in zip(attendees, statuses, strict=False)])
        )
        if len(self.pending_events) >= BATCH:
            self._flush_events()
        return event

    def _flush_events(self) -> None:
        if not self.pending_events:
            return
        _bulk(OrgLifeEvent, [event for event, _ in self.pending_events])
        rows = [
            (event.pk, m.pk, s, mk)
            for event, attendance in self.pending_events
            for m, s, mk in attendance
        ]
        self.pending_events = []
        for i in range(0, len(rows), 10 * BATCH):
            _insert_attendance(rows[i : i + 10 * BATCH])

    def _complete_periods(self) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
        """The (year, quarter) and (year, month) where planted gaps go: in the first year, when over."""
        as_of, year = self.as_of, self.start.year
        quarter = next(
            ((year, q) for q in (2, 1, 3, 4) if add_months(dt.date(year, 3 * q, 1), 1) <= as_of),
            None,
        )
        month = next(
            (
                (year, m)
                for m in (8, 1, 2, 3, 4, 5, 6, 7)
                if add_months(dt.date(year, m, 1), 1) <= as_of
            ),
            None,
        )
        return quarter, month

    def _org_life(self) -> None:
        rng, as_of = self.rng, self.as_of
        months = months_between(self.start, as_of)
        no_lecture_plan = self.pick_plan(("waike", "huli", "yiji"), exclude=[self.overdue_plan])
        neike = self.pick_plan(("neike",))
        no_themed_day_plan = neike
        no_quorum_plan = self.pick_plan(
            ("yiji", "jiguan2", "waike", "huli"), exclude=[no_lecture_plan, self.overdue_plan]
        )
        skip_quarter, skip_month = self._complete_periods()
        self.problem_plans = [no_lecture_plan, no_themed_day_plan, no_quorum_plan]
        no_quorum_meeting = None
        for plan in self.plans:
            self.ctx.reporter.step(f"{self.name}：{plan.name} 组织生活")
            org, everyone, secretary = plan.org, plan.members, plan.secretary
            retired = plan.kind == "retired"
            host = secretary.name
            lecture_quarter = {}
            for year in sorted({y for y, _ in months}):
                quarter = rng.choice((1, 2, 3)) if year < as_of.year else 1
                if plan is no_lecture_plan and skip_quarter == (year, quarter):
                    quarter = 3
                lecture_quarter[year] = quarter
            for year, month in months:

                def day_in(
                    lo: int, hi: int, weekday: bool = True, year: int = year, month: int = month
                ) -> dt.date:
                    d = dt.date(year, month, rng.randint(lo, hi))
                    return weekday_on_or_after(d) if weekday else d

                theme = self.theme(dt.date(year, month, 1))
                # 主题党日 on the branch's fixed day.
                fixed = dt.date(year, month, plan.fixed_day)
                if fixed <= as_of and not (
                    plan is no_themed_day_plan and skip_month == (year, month)
                ):
                    activity = rng.choice(names.THEMED_DAY_ACTIVITIES)
                    self._event(
                        org,
                        EventType.THEMED_PARTY_DAY,
                        fixed,
                        everyone,
                        topic=f"{activity}：{theme}",
                        host=host,
                        hours="2.0",
                        retired=retired,
                    )
                # 支部委员会会议 monthly, where there is a committee (3 or more 委员).
                if len(plan.committee) >= 3:
                    d = day_in(2, 8)
                    if d <= as_of:
                        statuses = None
                        if (
                            plan is no_quorum_plan
                            and no_quorum_meeting is None
                            and (year, month) >= (self.start.year, 4)
                        ):
                            n = len(plan.committee)
                            statuses = [(AttendanceStatus.PRESENT, None)] * (n // 2) + [
                                (AttendanceStatus.EXCUSED, None)
                            ] * (n - n // 2)
                        event = self._event(
                            org,
                            EventType.BRANCH_COMMITTEE_MEETING,
                            d,
                            plan.committee,
                            topic=f"研究支部{month}月份工作",
                            host=host,
                            hours="1.0",
                            statuses=statuses,
                            retired=retired,
                        )
                        if statuses is not None:
                            no_quorum_meeting = event
                            present = len(plan.committee) // 2
                            self.violations.append(
                                f"{plan.name}支部委员会会议 {event.code}（{d}）仅 {present} 名委员出席"
                                f"（共 {len(plan.committee)} 名），不足半数"
                            )
                # 党小组会 monthly in every group.
                for group, group_members in zip(plan.groups, plan.group_members, strict=True):
                    d = day_in(12, 24)
                    if d <= as_of:
                        self._event(
                            group,
                            EventType.GROUP_MEETING,
                            d,
                            group_members,
                            topic=theme,
                            host=group_members[0].name,
                            hours="1.0",
                            retired=retired,
                        )
                quarter = (month - 1) // 3 + 1
                # 支部党员大会 in the middle month of each quarter.
                if month % 3 == 2:
                    d = day_in(10, 24)
                    if d <= as_of:
                        self._event(
                            org,
                            EventType.BRANCH_GENERAL_MEETING,
                            d,
                            everyone,
                            topic=f"第{names.chinese_number(quarter)}季度支部党员大会：{theme}",
                            host=host,
                            retired=retired,
                        )
                # 党课 in the last month of each quarter; the secretary lectures once a year.
                if month % 3 == 0:
                    d = day_in(14, 26)
                    skipped = plan is no_lecture_plan and skip_quarter == (year, quarter)
                    if d <= as_of and not skipped:
                        if lecture_quarter[year] == quarter:
                            lecturer = secretary.name
                        else:
                            others = plan.committee[1:] or [secretary]
                            lecturer = rng.choice(others).name
                        self._event(
                            org,
                            EventType.PARTY_LECTURE,
                            d,
                            everyone,
                            topic=f"专题党课：{theme}",
                            host=host,
                            lecturer=lecturer,
                            retired=retired,
                        )
                # 组织生活会 and 民主评议党员 in December.
                if month == 12:
                    d = day_in(15, 24)
                    if d <= as_of:
                        self._event(
                            org,
                            EventType.ORG_LIFE_MEETING,
                            d,
                            everyone,
                            topic=f"{year}年度组织生活会",
                            host=host,
                            hours="3.0",
                            retired=retired,
                        )
                        self._event(
                            org,
                            EventType.MEMBER_EVALUATION,
                            d,
                            everyone,
                            topic=f"{year}年度民主评议党员",
                            host=host,
                            hours="1.5",
                            retired=retired,
                        )
                        plan.evaluation_days[year] = d
        if skip_quarter:
            self.violations.append(
                f"{no_lecture_plan.name}（{no_lecture_plan.org.code}）{skip_quarter[0]}年第"
                f"{names.chinese_number(skip_quarter[1])}季度未上党课"
            )
        if skip_month:
            self.violations.append(
                f"{no_themed_day_plan.name}（{no_themed_day_plan.org.code}）{skip_month[0]}年{skip_month[1]}月"
                "未开展主题党日"
            )
        self._committee_life(months)
        self._flush_events()
        self._decisions()

    def _committee_life(self, months: list[tuple[int, int]]) -> None:
        """The 党委: 党委会 with 第一议题, 中心组学习, 民主生活会, and the 七一 党课 by the 党委书记."""
        rng, as_of = self.rng, self.as_of
        leaders = self.leaders or [self.plans[0].secretary]
        chair = leaders[0].name
        secretaries = [p.secretary for p in self.plans]
        meetings: list[dt.date] = []
        for year, month in months:
            for lo, hi in ((6, 12), (20, 25)):
                d = weekday_on_or_after(dt.date(year, month, rng.randint(lo, hi)))
                if d <= as_of:
                    meetings.append(d)
        due = len(leaders)
        no_quorum_at = min(9, len(meetings) - 1)
        cadre_at = min(17, len(meetings) - 2) if len(meetings) > 2 else None
        no_first_topic_at = min(4, len(meetings) - 1) if len(meetings) > 5 else None
        per_year: dict[int, int] = {}
        for i, d in enumerate(meetings):
            per_year[d.year] = per_year.get(d.year, 0) + 1
            if i == no_quorum_at:
                present = due // 2
            elif i == cadre_at:
                present = ceil(2 * due / 3) - 1
            else:
                present = due - rng.choice((0, 0, 0, 1, 1, 2) if due >= 9 else (0, 0, 1))
            absent = set(rng.sample(range(1, due), due - present)) if due > 1 else set()
            statuses = [
                (AttendanceStatus.EXCUSED, None)
                if j in absent
                else (AttendanceStatus.PRESENT, None)
                for j in range(due)
            ]
            event = self._event(
                self.committee,
                EventType.COMMITTEE_MEETING,
                d,
                leaders,
                topic=f"{d.year}年第{per_year[d.year]}次党委会",
                host=chair,
                statuses=statuses,
                hours="2.0",
            )
            self.committee_meetings.append((event, present))
            if i == no_first_topic_at:
                self.violations.append(f"党委会 {event.code}（{d}）未开展第一议题学习")
            else:
                self._event(
                    self.committee,
                    EventType.FIRST_TOPIC_STUDY,
                    d,
                    leaders,
                    topic=rng.choice(names.FIRST_TOPICS),
                    host=chair,
                    statuses=statuses,
                    hours="0.5",
                )
        self.no_quorum_at, self.cadre_at = no_quorum_at, cadre_at
        for year, month in months:
            d = weekday_on_or_after(dt.date(year, month, rng.randint(13, 18)))
            if d > as_of:
                continue
            topic = rng.choice(names.CENTRAL_GROUP_TOPICS)
            self._event(
                self.committee,
                EventType.CENTRAL_GROUP_STUDY,
                d,
                leaders,
                topic=f"集中学习：{topic}",
                host=chair,
                hours="3.5",
            )
            if month in (3, 6, 9, 11):
                self._event(
                    self.committee,
                    EventType.SEMINAR,
                    d,
                    leaders,
                    topic=f"专题研讨：{topic}",
                    host=chair,
                    hours="3.0",
                )
            if month in (1, 4, 7, 10):
                q = weekday_on_or_after(dt.date(year, month, rng.randint(20, 26)))
                if q <= as_of:
                    self._event(
                        self.committee,
                        EventType.PARTY_BUILDING_MEETING,
                        q,
                        leaders + secretaries,
                        topic=f"第{names.chinese_number((month - 1) // 3 + 1)}季度党建工作例会",
                        host=chair,
                        hours="2.0",
                    )
            warning = weekday_on_or_after(dt.date(year, 4, 27))
            if month == 4 and warning <= as_of:
                self._event(
                    self.committee,
                    EventType.WARNING_EDUCATION,
                    warning,
                    leaders + secretaries,
                    topic="观看警示教育片，以案促改",
                    host=chair,
                    hours="2.0",
                )
            if month == 6:
                july_lecture = weekday_on_or_after(dt.date(year, 6, 28))
                if july_lecture <= as_of:
                    self._event(
                        self.committee,
                        EventType.PARTY_LECTURE,
                        july_lecture,
                        leaders + secretaries,
                        topic="“七一”专题党课",
                        host=leaders[min(1, len(leaders) - 1)].name,
                        lecturer=chair,
                    )
            if month == 11:
                self._event(
                    self.committee,
                    EventType.OUTREACH_TALK,
                    d,
                    [],
                    topic="县委宣讲团来院宣讲",
                    host=chair,
                    hours="2.0",
                )
            if month == 12:
                life = weekday_on_or_after(dt.date(year, 12, rng.randint(22, 28)))
                if life <= as_of:
                    self._event(
                        self.committee,
                        EventType.LEADERSHIP_LIFE_MEETING,
                        life,
                        leaders,
                        topic=f"{year}年度领导班子民主生活会",
                        host=chair,
                        hours="4.0",
                        statuses=[(AttendanceStatus.PRESENT, None)] * len(leaders),
                    )

    def _decisions(self) -> None:
        rng = self.rng
        categories = list(DecisionCategory)
        decisions: list[MajorDecision] = []
        seq = itertools.count(1)
        for i, (event, present) in enumerate(self.committee_meetings):
            due = len(self.leaders) or 1
            if i == self.no_quorum_at:
                picks = [DecisionCategory.LARGE_FUNDS]
            elif i == self.cadre_at:
                picks = [DecisionCategory.CADRE_APPOINTMENT]
            else:
                count = rng.choices((0, 1, 2), weights=(4, 4, 2))[0]
                picks = [
                    categories[len(decisions) + j]
                    if len(decisions) + j < 4
                    else rng.choices(categories, weights=(4, 2, 2, 3))[0]
                    for j in range(count)
                ]
            for category in picks:
                topic = rng.choice(names.DECISION_TOPICS[category])
                decision = MajorDecision(
                    code=f"{self.prefix}-SZ{next(seq):04d}",
                    organization=self.committee,
                    meeting_date=event.date,
                    category=category,
                    topic=f"研究{topic}",
                    members_due=due,
                    members_present=present,
                    result=f"表决通过（同意{present}票）"
                    if rng.random() < 0.8
                    else "原则同意，按程序报批",
                )
                decisions.append(decision)
                if i == self.no_quorum_at:
                    self.violations.append(
                        f"“三重一大”事项 {decision.code}（{category}，{event.date}）应到{due}人、实到{present}人，"
                        "未超过半数即作出决定"
                    )
                elif i == self.cadre_at:
                    self.violations.append(
                        f"“三重一大”事项 {decision.code}（{category}，{event.date}）应到{due}人、实到{present}人，"
                        "干部任免未达三分之二以上到会"
                    )
        _bulk(MajorDecision, decisions)

    # ------------------------------------------------------------------ 整改台账, 服务活动

    def _rectification(self) -> None:
        rng, as_of = self.rng, self.as_of
        count = max(12, self.total_members // 25)
        sources = list(names.RECTIFICATION_PROBLEMS)
        working = [p for p in self.plans if p.kind != "retired"]
        overdue_plan = self.pick_plan(("waike", "huli", "neike"))
        span = max(30, (as_of - self.start).days - 20)
        items: list[RectificationItem] = []
        for i in range(count):
            source = sources[i % len(sources)]
            problem, measure = rng.choice(names.RECTIFICATION_PROBLEMS[source])
            committee_level = source in ("民主生活会", "巡察", "主题教育检视")
            plan = None if committee_level else rng.choice(working)
            owner = (
                f"{self.leaders[0].name}（党委书记）"
                if committee_level and self.leaders
                else plan.secretary.name
                if plan
                else ""
            )
            if rng.random() < 0.4:  # raised since the last 民主生活会/组织生活会: mostly still open
                raised = as_of - dt.timedelta(days=rng.randint(20, min(span, 150)))
            else:
                raised = self.start + dt.timedelta(days=rng.randint(0, span))
            deadline = raised + dt.timedelta(days=rng.randint(60, 180))
            completed = None
            if deadline < as_of or rng.random() < 0.4:
                completed = raised + dt.timedelta(days=rng.randint(20, (deadline - raised).days))
                if completed > as_of:
                    completed = None
            items.append(
                RectificationItem(
                    code="",
                    organization=plan.org if plan else self.committee,
                    description=problem,
                    source=source,
                    raised_on=raised,
                    measures=measure,
                    owner=owner,
                    deadline=deadline,
                    completed_on=completed,
                    status=RectificationStatus.DONE
                    if completed
                    else RectificationStatus.IN_PROGRESS,
                )
            )
        # Planted: two items past their deadline and still open.
        for source, org, owner in (
            ("巡察", self.committee, f"{self.leaders[0].name}（党委书记）" if self.leaders else ""),
            ("组织生活会", overdue_plan.org, overdue_plan.secretary.name),
        ):
            problem, measure = names.RECTIFICATION_PROBLEMS[source][0]
            raised = as_of - dt.timedelta(days=rng.randint(150, 220))
            deadline = as_of - dt.timedelta(days=rng.randint(20, 60))
            items.append(
                RectificationItem(
                    code="",
                    organization=org,
                    description=problem,
                    source=source,
                    raised_on=raised,
                    measures=measure,
                    owner=owner,
                    deadline=deadline,
                    status=RectificationStatus.IN_PROGRESS,
                )
            )
        items.sort(key=lambda item: (item.raised_on, item.source))
        for n, item in enumerate(items, 1):
            item.code = f"{self.prefix}-ZG{n:04d}"
        for item in items:
            if item.status == RectificationStatus.IN_PROGRESS and item.deadline < as_of:
                self.violations.append(
                    f"整改事项 {item.code}（{item.organization.name}，{item.source}）整改时限 {item.deadline} 已过，"
                    "仍在推进（逾期）"
                )
        _bulk(RectificationItem, items)

    def _services(self) -> None:
        rng, as_of = self.rng, self.as_of
        per_year = max(12, self.total_members // 8)
        days = (as_of - self.start).days + 1
        count = max(6, round(per_year * days / 365))
        types = [t for t, _ in names.SERVICE_WEIGHTS]
        weights = [w for _, w in names.SERVICE_WEIGHTS]
        ranges = {
            "义诊": ((5, 20), (60, 400)),
            "志愿服务": ((3, 15), (30, 300)),
            "结对帮扶": ((2, 8), (20, 150)),
            "医疗保障": ((2, 6), (0, 40)),
            "下基层帮扶": ((1, 5), (30, 200)),
            "党员先锋岗": ((5, 30), (200, 2000)),
        }
        dates = sorted(self.start + dt.timedelta(days=rng.randrange(days)) for _ in range(count))
        cumulative = list(
            itertools.accumulate(p.size * (0.3 if p.kind == "retired" else 1) for p in self.plans)
        )
        activities = []
        for n, day in enumerate(dates, 1):
            kind = rng.choices(types, weights=weights)[0]
            plan = rng.choices(self.plans, cum_weights=cumulative)[0]
            org = self.committee if rng.random() < 0.1 else plan.org
            (p_lo, p_hi), (s_lo, s_hi) = ranges[kind]
            activities.append(
                ServiceActivity(
                    code=f"{self.prefix}-FW{n:05d}",
                    organization=org,
                    activity_type=kind,
                    date=day,
                    content=names.SERVICE_CONTENT[kind].format(town=rng.choice(names.TOWNS)),
                    participants=min(rng.randint(p_lo, p_hi), max(p_lo, plan.size)),
                    people_served=rng.randint(s_lo, s_hi),
                )
            )
            self.service_plans.append((activities[-1], plan))
        _bulk(ServiceActivity, activities)


# --------------------------------------------------------------------------- logins


def _create_logins(ctx: _Context, hospitals: list[_Hospital], bureau: Organization | None) -> None:
    from django.contrib.auth.models import User

    from dangjian.organizations.models import Profile

    from .logins import DEMO_LOGINS

    first = hospitals[0]
    neike = first.pick_plan(("neike",))
    ordinary = first.login_member()
    targets = {
        "all": (None, None),
        "neike": (neike.org, neike.secretary),
        "neike_member": (None, ordinary),
        "bureau": (bureau, None),
    }
    from django.contrib.auth.hashers import make_password

    hashes: dict[str, str] = {}  # PBKDF2 is slow by design: hash each distinct password once
    for login in DEMO_LOGINS:
        if login.only_with_units and bureau is None:
            continue
        if User.objects.filter(username=login.username).exists():
            ctx.summary.notes.append(f"用户 {login.username} 已存在，未改动其密码和角色")
            continue
        organization, member = targets[login.target]
        user = User.objects.create_user(
            login.username, first_name=(member.name if member else login.title)[:150]
        )
        if login.password not in hashes:
            hashes[login.password] = make_password(login.password)
        user.password = hashes[login.password]
        user.save(update_fields=["password"])
        Profile.objects.create(user=user, role=login.role, organization=organization, member=member)
        ctx.summary.logins.append(login.username)


# --------------------------------------------------------------------------- digest


def data_digest() -> str:
    """SHA-256 over every demo row by natural keys (codes, 党员编号, 身份证号), without pks/timestamps.

    Two builds with the same arguments give the same digest; used by the tests.
    """
    h = hashlib.sha256()

    def feed(rows: Iterable[tuple]) -> None:
        for row in rows:
            h.update(repr(row).encode())
            h.update(b"\n")

    feed(
        Organization.objects.order_by("code").values_list(
            "code",
            "name",
            "org_type",
            "parent__code",
            "depth",
            "founded_on",
            "last_election_on",
            "term_years",
            "sort_order",
        )
    )
    feed(
        Member.objects.order_by("member_no").values_list(
            "member_no",
            "name",
            "name_initials",
            "organization__code",
            "category",
            "gender",
            "birth_date",
            "id_number",
            "joined_on",
            "full_member_on",
            "department",
            "admin_post",
            "title",
            "party_post",
            "phone",
            "employment_status",
            "is_dual_leader",
        )
    )
    feed(
        OrgLifeEvent.objects.order_by("code").values_list(
            "code",
            "organization__code",
            "event_type",
            "date",
            "topic",
            "host",
            "lecturer",
            "location",
            "duration_hours",
        )
    )
    feed(
        Attendance.objects.order_by("event__code", "member__member_no").values_list(
            "event__code", "member__member_no", "status", "makeup_on"
        )
    )
    feed(
        DevelopmentCase.objects.order_by("id_number").values_list(
            *[
                f.attname if not f.is_relation else "organization__code"
                for f in DevelopmentCase._meta.concrete_fields
                if f.name not in ("id", "created_at", "updated_at")
            ]
        )
    )
    for model, key in (
        (RectificationItem, "code"),
        (MajorDecision, "code"),
        (ServiceActivity, "code"),
    ):
        feed(
            model.objects.order_by(key).values_list(
                *[
                    f.attname if not f.is_relation else "organization__code"
                    for f in model._meta.concrete_fields
                    if f.name not in ("id", "created_at", "updated_at")
                ]
            )
        )
    from .ledgers import ledger_digest_rows

    feed(ledger_digest_rows())
    from django.contrib.auth.models import User

    feed(
        User.objects.order_by("username").values_list(
            "username",
            "first_name",
            "is_superuser",
            "profile__role",
            "profile__organization__code",
            "profile__member__member_no",
        )
    )
    return h.hexdigest()
