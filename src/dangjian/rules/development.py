"""发展党员: the 25 steps of 《中国共产党发展党员工作细则》(2014) and the checks on a case's dates.

DOMAIN.md gives the steps and their limits but no article numbers, so citations name the
document and the step (``《中国共产党发展党员工作细则》（2014） 第2步 党组织派人谈话``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from .config import DEFAULT_RULES, RuleConfig
from .dates import add_months, age_on, last_working_day_of_span
from .quorum import more_than
from .violations import Severity, Violation

__all__ = [
    "FIELD_LABELS",
    "STAGES",
    "STEPS",
    "ConversionStatus",
    "DevelopmentDates",
    "NextStep",
    "Stage",
    "Step",
    "admission_meeting_adopted",
    "admission_meeting_valid",
    "check_development",
    "conversion_status",
    "current_step",
    "next_step",
    "probation_end",
    "publicity_end",
    "step",
]

DOCUMENT = "《中国共产党发展党员工作细则》（2014）"


class Stage(NamedTuple):
    """One of the five stages (阶段)."""

    number: int
    name: str


class Step(NamedTuple):
    """One of the twenty-five steps (步骤), numbered 1–25 in the order of the 细则."""

    number: int
    stage: int
    name: str


STAGES: tuple[Stage, ...] = (
    Stage(1, "入党申请"),
    Stage(2, "入党积极分子的确定和教育培养"),
    Stage(3, "发展对象的确定和考察"),
    Stage(4, "预备党员的接收"),
    Stage(5, "预备党员的教育考察和转正"),
)

_STEP_NAMES: tuple[tuple[int, str], ...] = (
    (1, "递交入党申请书"),
    (1, "党组织派人谈话"),
    (2, "推荐和确定入党积极分子"),
    (2, "上级党委备案"),
    (2, "指定培养联系人"),
    (2, "培养教育考察"),
    (3, "确定发展对象"),
    (3, "报上级党委备案"),
    (3, "确定入党介绍人"),
    (3, "政治审查"),
    (3, "开展集中培训"),
    (4, "支部委员会审查"),
    (4, "上级党委预审"),
    (4, "填写入党志愿书"),
    (4, "支部大会讨论"),
    (4, "上级党委派人谈话"),
    (4, "上级党委审批"),
    (4, "再上级党委组织部门备案"),
    (5, "编入党支部和党小组"),
    (5, "入党宣誓"),
    (5, "继续教育考察"),
    (5, "提出转正申请"),
    (5, "支部大会讨论"),
    (5, "上级党委审批"),
    (5, "材料归档"),
)

STEPS: tuple[Step, ...] = tuple(
    Step(number, stage, name) for number, (stage, name) in enumerate(_STEP_NAMES, start=1)
)


def step(number: int) -> Step:
    """Step ``number`` (1–25)."""
    if not 1 <= number <= len(STEPS):
        raise ValueError(f"发展党员步骤编号应为 1–25，收到 {number}")
    return STEPS[number - 1]


def _cite(number: int) -> str:
    return f"{DOCUMENT} 第{number}步 {STEPS[number - 1].name}"


@dataclass(frozen=True, slots=True)
class DevelopmentDates:
    """The dates of one development case, as the workbook's 发展党员 sheet and the forms carry them.

    Only ``application`` is required; every check is skipped when its inputs are missing.
    ``admission`` is the day the 支部大会 adopted the resolution (step 15), ``approval`` the
    superior committee's approval (step 17), ``conversion`` the 转正 date. A single
    ``extension_until`` date means the 预备期 can be extended only once, as the 细则 requires.
    """

    application: date | None = None
    talk: date | None = None
    activist: date | None = None
    candidate: date | None = None
    political_review: date | None = None
    training_start: date | None = None
    training_end: date | None = None
    training_hours: Decimal | int | None = None
    publicity_start: date | None = None
    admission: date | None = None
    approval: date | None = None
    conversion: date | None = None
    extension_until: date | None = None
    cancelled: date | None = None
    birth_date: date | None = None
    introducer_count: int | None = None
    introducers_full_members: bool | None = None
    youth_league_recommended: bool | None = None


#: Chinese label of each date field (the workbook column where there is one).
FIELD_LABELS: dict[str, str] = {
    "application": "入党申请日期",
    "talk": "谈话日期",
    "activist": "确定积极分子日期",
    "candidate": "确定发展对象日期",
    "political_review": "政治审查日期",
    "training_start": "集中培训开始日期",
    "training_end": "集中培训结束日期",
    "publicity_start": "公示开始日期",
    "admission": "支部大会接收日期",
    "approval": "上级党委审批日期",
    "conversion": "转正日期",
    "extension_until": "延长预备期至",
    "cancelled": "取消预备党员资格日期",
    "birth_date": "出生日期",
    "introducer_count": "入党介绍人",
}

# For each date, the dates that must not be later than it (steps before it in the 细则),
# with the step that sets the order. 政治审查 and 集中培训 are both step-3 work after 确定发展对象
# and are not ordered against each other; 公示 against 接收 has its own, stricter check.
_ORDER: dict[str, tuple[tuple[str, ...], int]] = {
    "talk": (("application",), 2),
    "activist": (("application",), 3),
    "candidate": (("application", "activist"), 7),
    "political_review": (("application", "activist", "candidate"), 10),
    "training_start": (("application", "activist", "candidate"), 11),
    "training_end": (("application", "activist", "candidate", "training_start"), 11),
    "publicity_start": (("application", "activist", "candidate"), 13),
    "admission": (
        ("application", "activist", "candidate", "political_review", "training_end"),
        15,
    ),
    "approval": (("application", "activist", "candidate", "admission"), 17),
    "conversion": (("application", "activist", "candidate", "admission", "approval"), 23),
    "cancelled": (("application", "activist", "candidate", "admission"), 21),
}


def _d(value: date | None) -> str:
    return value.isoformat() if value else "—"


def probation_end(
    admission: date, extension_until: date | None = None, config: RuleConfig = DEFAULT_RULES
) -> date:
    """The day the 预备期 ends: 1 year from the 支部大会 resolution (step 15), or the extension date.

    转正 is due on this day (DOMAIN.md §1: "转正 is due on the day the 预备期 ends"):
    admitted 2023-05-04 → due 2024-05-04; admitted 2020-02-29 → due 2021-02-28.
    """
    if extension_until is not None:
        return extension_until
    return add_months(admission, config.probation_months)


def publicity_end(start: date, config: RuleConfig = DEFAULT_RULES) -> date:
    """Last day of the 公示 of step 13 starting on ``start``.

    The national 细则 sets no period; the default of 5 working days is local practice and
    configurable (``publicity_working_days``). Working days are Monday–Friday with no holiday
    calendar. The 支部大会 (step 15) may meet from the next day.
    """
    return last_working_day_of_span(start, max(config.publicity_working_days, 1))


def admission_meeting_valid(
    voting_members: int, present: int, config: RuleConfig = DEFAULT_RULES
) -> bool:
    """Step 15: the 支部大会 discussing an admission needs more than half of the voting members present."""
    return more_than(present, voting_members, config.admission_quorum_more_than)


def admission_meeting_adopted(
    full_members_due: int, votes_for: int, config: RuleConfig = DEFAULT_RULES
) -> bool:
    """Step 15: adopted when yes votes (written votes of absent members included) exceed half
    of the full members due to attend. Candidates are voted on one by one."""
    return more_than(votes_for, full_members_due, config.admission_adoption_more_than)


class ConversionStatus(StrEnum):
    """Where a 预备党员 stands against the end of the 预备期."""

    PROBATION = "probation"
    EXTENDED = "extended"
    DUE = "due"
    OVERDUE = "overdue"
    CONVERTED = "converted"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        """Chinese label for lists and reminders."""
        return _CONVERSION_LABELS[self]


_CONVERSION_LABELS = {
    ConversionStatus.PROBATION: "预备期内",
    ConversionStatus.EXTENDED: "延长预备期",
    ConversionStatus.DUE: "今日应转正",
    ConversionStatus.OVERDUE: "逾期未转正",
    ConversionStatus.CONVERTED: "已转正",
    ConversionStatus.CANCELLED: "已取消预备党员资格",
}


def conversion_status(
    dates: DevelopmentDates, as_of: date, config: RuleConfig = DEFAULT_RULES
) -> ConversionStatus | None:
    """转正 status on ``as_of``; ``None`` before the 支部大会 has admitted the person.

    Cancelled and converted cases are final. Otherwise the 预备期 ends on
    :func:`probation_end`: before that day the case is in probation (``extended`` when the
    预备期 was extended), on that day 转正 is ``due``, after it ``overdue``
    (DOMAIN.md §1; 《发展党员工作细则》 steps 22–24).
    """
    if dates.admission is None:
        return None
    if dates.cancelled is not None:
        return ConversionStatus.CANCELLED
    if dates.conversion is not None:
        return ConversionStatus.CONVERTED
    end = probation_end(dates.admission, dates.extension_until, config)
    if as_of > end:
        return ConversionStatus.OVERDUE
    if as_of == end:
        return ConversionStatus.DUE
    if dates.extension_until is not None:
        return ConversionStatus.EXTENDED
    return ConversionStatus.PROBATION


# The milestones a case records, in the order of the steps, with the step each one completes.
_MILESTONES: tuple[tuple[str, int], ...] = (
    ("application", 1),
    ("talk", 2),
    ("activist", 3),
    ("candidate", 7),
    ("political_review", 10),
    ("training_end", 11),
    ("publicity_start", 13),
    ("admission", 15),
    ("approval", 17),
    ("conversion", 23),
)


def _last_milestone(dates: DevelopmentDates) -> int | None:
    reached = [i for i, (name, _) in enumerate(_MILESTONES) if getattr(dates, name) is not None]
    return reached[-1] if reached else None


def current_step(dates: DevelopmentDates) -> Step | None:
    """The last step with a recorded date (``None`` when there is none).

    Steps without a date of their own (备案, 志愿书, 宣誓 …) are never returned; a 转正 date
    completes step 23. A cancelled case keeps the step it had reached.
    """
    index = _last_milestone(dates)
    return None if index is None else step(_MILESTONES[index][1])


class NextStep(NamedTuple):
    """The next step a case awaits and the window for it (either bound may be unknown)."""

    step: Step
    earliest: date | None
    latest: date | None


def _latest(*values: date | None) -> date | None:
    present = [v for v in values if v is not None]
    return max(present) if present else None


def next_step(dates: DevelopmentDates, config: RuleConfig = DEFAULT_RULES) -> NextStep | None:
    """The next recorded step after :func:`current_step`, with its earliest and latest dates.

    Windows, from 《中国共产党发展党员工作细则》: step 1 from the 18th birthday; step 2 within
    ``talk_within_months`` of the application; step 7 no earlier than ``activist_min_months``
    after step 3; step 15 after 确定发展对象, 政治审查, 集中培训 and the end of the 公示; step 17
    within ``approval_months`` of step 15 (6 in special cases — not shown here); 转正 (step 23)
    on the day the 预备期 ends. Returns ``None`` once converted or cancelled.
    """
    if dates.conversion is not None or dates.cancelled is not None:
        return None
    index = _last_milestone(dates)
    nxt = 0 if index is None else index + 1
    name, number = _MILESTONES[nxt]
    adult = (
        add_months(dates.birth_date, 12 * config.applicant_min_age) if dates.birth_date else None
    )
    earliest: date | None
    latest: date | None = None
    if name == "application":
        earliest = adult
    elif name == "talk":
        earliest = dates.application
        latest = (
            add_months(dates.application, config.talk_within_months) if dates.application else None
        )
    elif name == "activist":
        earliest = _latest(dates.application, dates.talk, adult)
    elif name == "candidate":
        earliest = (
            add_months(dates.activist, config.activist_min_months) if dates.activist else None
        )
    elif name in ("political_review", "training_end"):
        earliest = dates.candidate
    elif name == "publicity_start":
        earliest = _latest(dates.candidate, dates.political_review, dates.training_end)
    elif name == "admission":
        after_publicity = (
            publicity_end(dates.publicity_start, config) + timedelta(days=1)
            if dates.publicity_start
            else None
        )
        earliest = _latest(
            dates.candidate, dates.political_review, dates.training_end, after_publicity
        )
    elif name == "approval":
        assert dates.admission is not None
        earliest = dates.admission
        latest = add_months(dates.admission, config.approval_months)
    else:  # conversion
        assert dates.admission is not None
        earliest = latest = probation_end(dates.admission, dates.extension_until, config)
    return NextStep(step(number), earliest, latest)


def check_development(
    dates: DevelopmentDates, config: RuleConfig = DEFAULT_RULES, as_of: date | None = None
) -> list[Violation]:
    """Every rule of 《中国共产党发展党员工作细则》(2014) that the case's dates break.

    Checks: the order of the steps; age 18 at application and at 确定积极分子 (step 1);
    推优 for applicants under 28 (local, only when ``youth_league_recommended`` is known); the
    talk within 1 month (step 2); 1 year as 积极分子 before 发展对象 (step 7); 2 正式党员 as
    introducers (step 9); 集中培训 of 3 days or 24 class hours (step 11); 接收 after the 公示
    (step 13, local period); approval within 3 months — a warning up to 6, an error beyond
    (step 17); 延长预备期 of 6–12 months; 转正 not before the 预备期 ends. With ``as_of``, also
    deadlines passed without the step (talk, approval, 转正).
    """
    return list(_check(dates, config, as_of))


def _v(
    code: str, message: str, number: int, field: str | None, severity: Severity = "error"
) -> Violation:
    return Violation(
        code=f"development.{code}",
        message=message,
        rule=_cite(number),
        severity=severity,
        field=field,
    )


def _check(dates: DevelopmentDates, config: RuleConfig, as_of: date | None) -> Iterator[Violation]:
    yield from _check_order(dates)
    yield from _check_ages(dates, config)
    yield from _check_talk(dates, config, as_of)
    yield from _check_candidate(dates, config)
    yield from _check_admission(dates, config)
    yield from _check_approval(dates, config, as_of)
    yield from _check_probation(dates, config, as_of)


def _check_order(dates: DevelopmentDates) -> Iterator[Violation]:
    for name, (before, number) in _ORDER.items():
        value: date | None = getattr(dates, name)
        if value is None:
            continue
        later = [
            (getattr(dates, b), i, b) for i, b in enumerate(before) if getattr(dates, b) is not None
        ]
        later = [item for item in later if item[0] > value]
        if not later:
            continue
        other_date, _, other = max(later)
        yield _v(
            f"{name}_before_{other}",
            f"{FIELD_LABELS[name]}（{_d(value)}）早于{FIELD_LABELS[other]}（{_d(other_date)}），"
            "不符合发展党员程序的先后顺序",
            number,
            name,
        )


def _check_ages(dates: DevelopmentDates, config: RuleConfig) -> Iterator[Violation]:
    birth = dates.birth_date
    if birth is None:
        return
    minimum = config.applicant_min_age
    if dates.application is not None and age_on(birth, dates.application) < minimum:
        yield _v(
            "applicant_under_age",
            f"递交入党申请书时未满{minimum}周岁（出生日期 {_d(birth)}，申请日期 {_d(dates.application)}）",
            1,
            "application",
        )
    if dates.activist is not None and age_on(birth, dates.activist) < minimum:
        yield _v(
            "activist_under_age",
            f"确定为入党积极分子时未满{minimum}周岁（出生日期 {_d(birth)}，确定日期 {_d(dates.activist)}）",
            3,
            "activist",
        )
    league_age = config.league_recommendation_age
    reference = dates.application or dates.activist
    if (
        dates.youth_league_recommended is False
        and reference is not None
        and age_on(birth, reference) < league_age
    ):
        yield _v(
            "league_recommendation_missing",
            f"申请人未满{league_age}周岁，一般应从共青团员中经“推优”产生（本地规定，请核实）",
            3,
            "activist",
            "warning",
        )


def _check_talk(
    dates: DevelopmentDates, config: RuleConfig, as_of: date | None
) -> Iterator[Violation]:
    if dates.application is None:
        return
    deadline = add_months(dates.application, config.talk_within_months)
    months = config.talk_within_months
    if dates.talk is not None:
        if dates.talk > deadline:
            yield _v(
                "talk_late",
                f"党组织应在收到入党申请书后{months}个月内派人谈话（最迟 {_d(deadline)}），"
                f"实际谈话日期 {_d(dates.talk)}",
                2,
                "talk",
            )
        return
    nothing_later = _last_milestone(dates) == 0
    if as_of is not None and as_of > deadline and nothing_later:
        yield _v(
            "talk_overdue",
            f"收到入党申请书已超过{months}个月（期限 {_d(deadline)}），尚未记录谈话",
            2,
            "talk",
            "warning",
        )


def _check_candidate(dates: DevelopmentDates, config: RuleConfig) -> Iterator[Violation]:
    if dates.activist is not None and dates.candidate is not None:
        earliest = add_months(dates.activist, config.activist_min_months)
        if dates.candidate < earliest:
            yield _v(
                "candidate_too_early",
                f"确定为发展对象须经{config.activist_min_months}个月以上培养教育"
                f"（确定积极分子 {_d(dates.activist)}，最早 {_d(earliest)}），实际 {_d(dates.candidate)}",
                7,
                "candidate",
            )
    count = dates.introducer_count
    required = config.introducers_required
    if count is not None and (count > 0 or dates.admission is not None) and count != required:
        yield _v(
            "introducer_count",
            f"应有{required}名正式党员作入党介绍人，记录为{count}名",
            9,
            "introducer_count",
        )
    if dates.introducers_full_members is False:
        yield _v(
            "introducer_not_full_member",
            "入党介绍人须为正式党员",
            9,
            "introducer_count",
        )
    if dates.training_start is not None and dates.training_end is not None:
        days = (dates.training_end - dates.training_start).days + 1
        hours = dates.training_hours
        if 0 < days < config.training_min_days and (
            hours is None or hours < config.training_min_hours
        ):
            yield _v(
                "training_too_short",
                f"集中培训时间不少于{config.training_min_days}天或{config.training_min_hours}学时，"
                f"记录为{days}天" + (f"、{hours}学时" if hours is not None else ""),
                11,
                "training_end",
            )


def _check_admission(dates: DevelopmentDates, config: RuleConfig) -> Iterator[Violation]:
    if dates.admission is None or dates.publicity_start is None:
        return
    last_day = publicity_end(dates.publicity_start, config)
    if dates.admission <= last_day:
        yield _v(
            "admission_before_publicity_end",
            f"公示（{_d(dates.publicity_start)} 起{config.publicity_working_days}个工作日，至 {_d(last_day)}，"
            f"本地规定）期满前不得提交支部大会讨论，支部大会日期为 {_d(dates.admission)}",
            13,
            "admission",
        )


def _check_approval(
    dates: DevelopmentDates, config: RuleConfig, as_of: date | None
) -> Iterator[Violation]:
    admission = dates.admission
    if admission is None:
        return
    normal = add_months(admission, config.approval_months)
    limit = add_months(admission, config.approval_max_months)
    m, mx = config.approval_months, config.approval_max_months
    if dates.approval is not None:
        if dates.approval > limit:
            yield _v(
                "approval_beyond_limit",
                f"上级党委审批超过{mx}个月（支部大会 {_d(admission)}，最迟 {_d(limit)}），"
                f"审批日期 {_d(dates.approval)}",
                17,
                "approval",
            )
        elif dates.approval > normal:
            yield _v(
                "approval_late",
                f"上级党委应在{m}个月内审批（最迟 {_d(normal)}），审批日期 {_d(dates.approval)}；"
                f"特殊情况可延长，但不超过{mx}个月，请注明原因",
                17,
                "approval",
                "warning",
            )
        return
    if as_of is None or dates.cancelled is not None:
        return
    if as_of > limit:
        yield _v(
            "approval_pending_beyond_limit",
            f"支部大会（{_d(admission)}）通过已超过{mx}个月，上级党委仍未审批",
            17,
            "approval",
        )
    elif as_of > normal:
        yield _v(
            "approval_pending_late",
            f"支部大会（{_d(admission)}）通过已超过{m}个月（期限 {_d(normal)}），上级党委尚未审批",
            17,
            "approval",
            "warning",
        )


def _check_probation(
    dates: DevelopmentDates, config: RuleConfig, as_of: date | None
) -> Iterator[Violation]:
    admission = dates.admission
    if admission is None:
        if dates.extension_until is not None:
            yield _v(
                "extension_without_admission",
                "未记录支部大会接收日期，不能延长预备期",
                21,
                "extension_until",
            )
        return
    regular_end = probation_end(admission, None, config)
    if dates.extension_until is not None:
        shortest = add_months(regular_end, config.extension_min_months)
        longest = add_months(regular_end, config.extension_max_months)
        if not shortest <= dates.extension_until <= longest:
            yield _v(
                "extension_length",
                f"延长预备期不能少于{config.extension_min_months}个月、不能超过{config.extension_max_months}个月"
                f"（预备期原定 {_d(regular_end)} 期满，可延长至 {_d(shortest)}–{_d(longest)}），"
                f"记录为延长至 {_d(dates.extension_until)}",
                21,
                "extension_until",
            )
    if dates.conversion is not None and dates.cancelled is not None:
        yield _v("converted_and_cancelled", "同时记录了转正和取消预备党员资格", 23, "cancelled")
    end = probation_end(admission, dates.extension_until, config)
    if dates.conversion is not None and admission <= dates.conversion < end:
        yield _v(
            "conversion_before_probation_end",
            f"预备期 {_d(end)} 期满，转正日期 {_d(dates.conversion)} 早于预备期满",
            22,
            "conversion",
        )
    if as_of is not None and conversion_status(dates, as_of, config) is ConversionStatus.OVERDUE:
        yield _v(
            "conversion_overdue",
            f"预备期已于 {_d(end)} 期满，尚未讨论转正",
            23,
            "conversion",
            "warning",
        )


# Keep the field list and the labels in step: a new date field needs a label.
assert {f.name for f in fields(DevelopmentDates)} - {
    "training_hours",
    "introducers_full_members",
    "youth_league_recommended",
} <= set(FIELD_LABELS)
