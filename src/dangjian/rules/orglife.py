"""组织生活: required meeting frequencies, compliance per period, attendance and quorum.

Sources: 《中国共产党支部工作条例（试行）》(2018) for the branch meetings; 党课 once a quarter
is local practice (the 条例 sets no branch frequency); 《党委（党组）理论学习中心组学习规则》
(2017) for the 中心组 (the yearly counts are local); 民主生活会 once a year for the 班子.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from .config import DEFAULT_RULES, RuleConfig
from .dates import month_bounds, quarter_bounds, quarter_of, year_bounds
from .quorum import more_than
from .rounding import percentage
from .violations import Violation
from .vocabulary import THREE_MEETINGS_ONE_LESSON, Frequency, MeetingType

__all__ = [
    "THREE_MEETINGS_ONE_LESSON",
    "Attendance",
    "AttendanceTally",
    "ComplianceRow",
    "ComplianceStatus",
    "Frequency",
    "MeetingType",
    "Requirement",
    "attendance_rate",
    "check_themed_party_day",
    "committee_meeting_has_quorum",
    "compliance",
    "is_made_up",
    "meetings_without_first_topic",
    "periods",
    "required_count",
    "requirement_for",
    "tally",
    "themed_party_day_in",
]

THEMED_PARTY_DAY_RULE = "《中国共产党支部工作条例（试行）》第十九条：每月相对固定1天开展主题党日"


@dataclass(frozen=True, slots=True)
class Requirement:
    """``count`` meetings of a type are required in every ``per`` period."""

    per: Frequency
    count: int


def requirement_for(
    meeting_type: MeetingType | str, config: RuleConfig = DEFAULT_RULES
) -> Requirement | None:
    """The requirement for a meeting type, or ``None`` when the rules set no frequency.

    Once per period for the types in ``config.meeting_frequencies`` (支部工作条例: 支部党员大会
    quarterly, 支部委员会会议, 党小组会 and 主题党日 monthly, 组织生活会 and 民主评议党员 yearly;
    党课 quarterly — local; 民主生活会 yearly). 理论学习中心组学习 ``study_group_sessions_per_year``
    (12) and 专题研讨 ``study_group_seminars_per_year`` (4) a year — 中心组学习规则, counts local.
    党委会, 第一议题学习, 党建专题会议, 宣讲 and 警示教育 have no frequency.
    """
    kind = MeetingType(meeting_type)
    frequency = config.meeting_frequencies.get(kind)
    if frequency is not None:
        return Requirement(frequency, 1)
    if kind is MeetingType.CENTRAL_GROUP_STUDY:
        return Requirement(Frequency.YEAR, config.study_group_sessions_per_year)
    if kind is MeetingType.SEMINAR:
        return Requirement(Frequency.YEAR, config.study_group_seminars_per_year)
    return None


def _period_containing(per: Frequency, d: date) -> tuple[date, date]:
    if per is Frequency.MONTH:
        return month_bounds(d.year, d.month)
    if per is Frequency.QUARTER:
        return quarter_bounds(d.year, quarter_of(d))
    return year_bounds(d.year)


def periods(per: Frequency, start: date, end: date) -> list[tuple[date, date]]:
    """The whole months, quarters or years lying inside ``start``–``end`` (both inclusive)."""
    result: list[tuple[date, date]] = []
    first, last = _period_containing(per, start)
    if first < start:
        first, last = _period_containing(per, last + timedelta(days=1))
    while last <= end:
        result.append((first, last))
        first, last = _period_containing(per, last + timedelta(days=1))
    return result


def required_count(
    meeting_type: MeetingType | str,
    period_start: date,
    period_end: date,
    config: RuleConfig = DEFAULT_RULES,
) -> int:
    """How many meetings of the type ``period_start``–``period_end`` requires.

    The requirement's count times the whole periods inside the range: a monthly meeting needs
    3 in a quarter and 12 in a year; a quarterly one needs 0 in a single month, because no
    whole quarter lies inside it. 0 for types with no frequency. Sources: :func:`requirement_for`.
    """
    requirement = requirement_for(meeting_type, config)
    if requirement is None:
        return 0
    return requirement.count * len(periods(requirement.per, period_start, period_end))


class ComplianceStatus(StrEnum):
    """Whether a period's requirement is met."""

    HELD = "held"
    MISSING = "missing"
    PENDING = "pending"

    @property
    def label(self) -> str:
        """Chinese label."""
        return {"held": "已开展", "missing": "未开展", "pending": "未到期"}[self.value]


@dataclass(frozen=True, slots=True)
class ComplianceRow:
    """One period of a compliance table."""

    start: date
    end: date
    label: str
    required: int
    held: int
    status: ComplianceStatus


def _label(per: Frequency, start: date) -> str:
    if per is Frequency.MONTH:
        return f"{start.year}年{start.month}月"
    if per is Frequency.QUARTER:
        return f"{start.year}年第{quarter_of(start)}季度"
    return f"{start.year}年"


def compliance(
    meeting_type: MeetingType | str,
    held_dates: Iterable[date],
    year: int,
    config: RuleConfig = DEFAULT_RULES,
    as_of: date | None = None,
) -> list[ComplianceRow]:
    """Per-period rows for ``year``: required, held, and status.

    ``held`` when enough meetings fall in the period; ``pending`` when it is short but the
    period is not over on ``as_of`` (default: every period is over); ``missing`` otherwise.
    Empty for types with no frequency. Which dates count is the caller's choice — e.g. pass
    专题研讨 dates with the 中心组 dates when they were 中心组 sessions.
    """
    requirement = requirement_for(meeting_type, config)
    if requirement is None:
        return []
    held_list = list(held_dates)
    rows: list[ComplianceRow] = []
    for start, end in periods(requirement.per, *year_bounds(year)):
        held = sum(1 for d in held_list if start <= d <= end)
        if held >= requirement.count:
            status = ComplianceStatus.HELD
        elif as_of is not None and as_of <= end:
            status = ComplianceStatus.PENDING
        else:
            status = ComplianceStatus.MISSING
        rows.append(
            ComplianceRow(
                start, end, _label(requirement.per, start), requirement.count, held, status
            )
        )
    return rows


def themed_party_day_in(year: int, month: int, config: RuleConfig = DEFAULT_RULES) -> date | None:
    """The fixed 主题党日 of a month, or ``None`` when no day is fixed.

    支部工作条例第十九条: 每月相对固定1天. A fixed day past the month's end (31 in April, 30 in
    February) falls on the month's last day.
    """
    day = config.themed_party_day_of_month
    if not day:
        return None
    last = month_bounds(year, month)[1]
    return date(year, month, min(day, last.day))


def check_themed_party_day(held_on: date, config: RuleConfig = DEFAULT_RULES) -> list[Violation]:
    """A warning when a 主题党日 is held on another day than the month's fixed day.

    "相对固定" allows moving it (shifts, emergencies), so this is a warning, never a refusal.
    """
    fixed = themed_party_day_in(held_on.year, held_on.month, config)
    if fixed is None or fixed == held_on:
        return []
    return [
        Violation(
            "orglife.themed_party_day_not_fixed",
            f"主题党日固定在每月{config.themed_party_day_of_month}日（本月为{fixed.month}月{fixed.day}日），"
            f"本次在{held_on.month}月{held_on.day}日举行，请在会议记录中说明调整原因",
            THEMED_PARTY_DAY_RULE,
            "warning",
            "date",
        )
    ]


def meetings_without_first_topic(
    committee_meetings: Iterable[date], first_topic_studies: Iterable[date]
) -> list[date]:
    """党委会 dates with no 第一议题学习 recorded on the same day, in order.

    Every 党委会 opens with study of the latest 重要讲话/指示批示 (第一议题, DOMAIN.md §7).
    """
    studied = set(first_topic_studies)
    return sorted(d for d in set(committee_meetings) if d not in studied)


def committee_meeting_has_quorum(
    members: int, present: int, config: RuleConfig = DEFAULT_RULES
) -> bool:
    """A 支部委员会会议 needs more than half of the 委员 present (支部工作条例)."""
    return more_than(present, members, config.branch_committee_quorum_more_than)


class Attendance(StrEnum):
    """出勤 in the workbook's 参会记录 sheet."""

    PRESENT = "出席"
    EXCUSED = "请假"
    ABSENT = "缺席"


def is_made_up(status: Attendance | str, makeup_recorded: bool) -> bool:
    """A member who missed the meeting (缺席, or 请假) and has 补学 recorded has made it up.

    Being present needs no making up, so this is ``False`` for 出席.
    """
    return Attendance(status) is not Attendance.PRESENT and makeup_recorded


@dataclass(frozen=True, slots=True)
class AttendanceTally:
    """Counts of 参会记录 by 出勤; ``made_up`` counts the absences with 补学 recorded."""

    present: int = 0
    excused: int = 0
    absent: int = 0
    made_up: int = 0

    @property
    def total(self) -> int:
        """出席 + 请假 + 缺席."""
        return self.present + self.excused + self.absent

    @property
    def rate(self) -> Decimal | None:
        """参会率 as the report defines it: 出席 / (出席 + 请假 + 缺席), % with one decimal."""
        return attendance_rate(self.present, self.total)

    @property
    def rate_with_makeup(self) -> Decimal | None:
        """(出席 + 补学) / total, % with one decimal: absences made up count as attended."""
        return attendance_rate(self.present + self.made_up, self.total)


def tally(records: Iterable[tuple[Attendance | str, bool]]) -> AttendanceTally:
    """Count ``(出勤, 补学 recorded)`` pairs."""
    counts = {a: 0 for a in Attendance}
    made_up = 0
    for status, makeup in records:
        kind = Attendance(status)
        counts[kind] += 1
        made_up += is_made_up(kind, makeup)
    return AttendanceTally(
        counts[Attendance.PRESENT], counts[Attendance.EXCUSED], counts[Attendance.ABSENT], made_up
    )


def attendance_rate(attended: int, total: int) -> Decimal | None:
    """``attended / total`` in percent, one decimal, rounded half up; ``None`` with no records."""
    if attended > total:
        raise ValueError("出席人数不能多于应到人数")
    return percentage(attended, total)
