"""组织生活: frequencies, per-period compliance, attendance and committee quorum."""

from datetime import date
from decimal import Decimal

import pytest

from dangjian.rules.config import DEFAULT_RULES
from dangjian.rules.orglife import (
    THREE_MEETINGS_ONE_LESSON,
    AttendanceTally,
    ComplianceStatus,
    Frequency,
    MeetingType,
    Requirement,
    attendance_rate,
    committee_meeting_has_quorum,
    compliance,
    is_made_up,
    meetings_without_first_topic,
    periods,
    required_count,
    requirement_for,
    tally,
)

WORKBOOK_TYPES = [
    "支部党员大会",
    "支部委员会会议",
    "党小组会",
    "党课",
    "主题党日",
    "组织生活会",
    "民主评议党员",
    "民主生活会",
    "党委会",
    "理论学习中心组学习",
    "第一议题学习",
    "专题研讨",
    "党建专题会议",
    "宣讲",
    "警示教育",
]


def test_meeting_types_are_the_workbook_names() -> None:
    assert [t.value for t in MeetingType] == WORKBOOK_TYPES
    assert {t.value for t in THREE_MEETINGS_ONE_LESSON} == {
        "支部党员大会",
        "支部委员会会议",
        "党小组会",
        "党课",
    }


@pytest.mark.parametrize(
    ("kind", "requirement"),
    [
        ("支部党员大会", Requirement(Frequency.QUARTER, 1)),
        ("支部委员会会议", Requirement(Frequency.MONTH, 1)),
        ("党小组会", Requirement(Frequency.MONTH, 1)),
        ("党课", Requirement(Frequency.QUARTER, 1)),
        ("主题党日", Requirement(Frequency.MONTH, 1)),
        ("组织生活会", Requirement(Frequency.YEAR, 1)),
        ("民主评议党员", Requirement(Frequency.YEAR, 1)),
        ("民主生活会", Requirement(Frequency.YEAR, 1)),
        ("理论学习中心组学习", Requirement(Frequency.YEAR, 12)),
        ("专题研讨", Requirement(Frequency.YEAR, 4)),
        ("党委会", None),
        ("宣讲", None),
    ],
)
def test_requirements(kind: str, requirement: Requirement | None) -> None:
    assert requirement_for(kind) == requirement


def test_unknown_meeting_type_is_rejected() -> None:
    with pytest.raises(ValueError):
        requirement_for("茶话会")


def test_periods_are_whole_periods_inside_the_range() -> None:
    assert periods(Frequency.QUARTER, date(2024, 1, 1), date(2024, 6, 30)) == [
        (date(2024, 1, 1), date(2024, 3, 31)),
        (date(2024, 4, 1), date(2024, 6, 30)),
    ]
    assert periods(Frequency.QUARTER, date(2024, 1, 2), date(2024, 6, 30)) == [
        (date(2024, 4, 1), date(2024, 6, 30))
    ]
    assert periods(Frequency.QUARTER, date(2024, 1, 1), date(2024, 6, 29)) == [
        (date(2024, 1, 1), date(2024, 3, 31))
    ]
    assert periods(Frequency.MONTH, date(2024, 2, 1), date(2024, 2, 29)) == [
        (date(2024, 2, 1), date(2024, 2, 29))
    ]
    assert periods(Frequency.MONTH, date(2024, 2, 1), date(2024, 2, 28)) == []


@pytest.mark.parametrize(
    ("kind", "start", "end", "count"),
    [
        ("主题党日", date(2024, 1, 1), date(2024, 12, 31), 12),
        ("主题党日", date(2024, 4, 1), date(2024, 6, 30), 3),
        ("支部党员大会", date(2024, 1, 1), date(2024, 12, 31), 4),
        ("支部党员大会", date(2024, 1, 1), date(2024, 1, 31), 0),
        ("组织生活会", date(2024, 1, 1), date(2024, 12, 31), 1),
        ("组织生活会", date(2024, 1, 1), date(2025, 12, 31), 2),
        ("理论学习中心组学习", date(2024, 1, 1), date(2024, 12, 31), 12),
        ("专题研讨", date(2024, 1, 1), date(2024, 12, 31), 4),
        ("党委会", date(2024, 1, 1), date(2024, 12, 31), 0),
    ],
)
def test_required_count(kind: str, start: date, end: date, count: int) -> None:
    assert required_count(kind, start, end) == count


def test_required_count_follows_config() -> None:
    config = DEFAULT_RULES.with_overrides(
        {"meeting_frequencies": {"党课": "month"}, "study_group_sessions_per_year": 6}
    )
    assert required_count("党课", date(2024, 1, 1), date(2024, 12, 31), config) == 12
    assert required_count("理论学习中心组学习", date(2024, 1, 1), date(2024, 12, 31), config) == 6


def test_quarterly_compliance_with_pending_periods() -> None:
    held = [date(2024, 3, 31), date(2024, 4, 1), date(2024, 5, 20), date(2023, 12, 31)]
    rows = compliance("支部党员大会", held, 2024, as_of=date(2024, 9, 30))
    assert [(r.label, r.required, r.held, r.status) for r in rows] == [
        ("2024年第1季度", 1, 1, ComplianceStatus.HELD),
        ("2024年第2季度", 1, 2, ComplianceStatus.HELD),
        ("2024年第3季度", 1, 0, ComplianceStatus.PENDING),  # 30 Sep: the quarter's last day
        ("2024年第4季度", 1, 0, ComplianceStatus.PENDING),
    ]
    next_day = compliance("支部党员大会", held, 2024, as_of=date(2024, 10, 1))
    assert next_day[2].status is ComplianceStatus.MISSING


def test_monthly_compliance_defaults_to_every_period_over() -> None:
    rows = compliance("主题党日", [date(2024, 2, 29)], 2024)
    assert len(rows) == 12
    assert rows[1].status is ComplianceStatus.HELD
    assert rows[1].label == "2024年2月"
    assert [r.status for r in rows].count(ComplianceStatus.MISSING) == 11


def test_study_group_needs_twelve_a_year() -> None:
    eleven = [date(2024, m, 10) for m in range(1, 12)]
    [row] = compliance("理论学习中心组学习", eleven, 2024, as_of=date(2025, 1, 1))
    assert (row.required, row.held, row.status) == (12, 11, ComplianceStatus.MISSING)
    [row] = compliance("理论学习中心组学习", [*eleven, date(2024, 12, 31)], 2024)
    assert row.status is ComplianceStatus.HELD


def test_types_without_frequency_have_no_rows() -> None:
    assert compliance("党委会", [date(2024, 1, 5)], 2024) == []


def test_committee_meetings_need_first_topic_study() -> None:
    meetings = [date(2024, 1, 5), date(2024, 2, 2), date(2024, 3, 1)]
    studies = [date(2024, 1, 5), date(2024, 3, 1)]
    assert meetings_without_first_topic(meetings, studies) == [date(2024, 2, 2)]


@pytest.mark.parametrize(
    ("members", "present", "quorum"), [(5, 2, False), (5, 3, True), (4, 2, False), (4, 3, True)]
)
def test_committee_meeting_quorum_more_than_half(members: int, present: int, quorum: bool) -> None:
    assert committee_meeting_has_quorum(members, present) is quorum


def test_made_up_absences() -> None:
    assert is_made_up("缺席", True)
    assert is_made_up("请假", True)
    assert not is_made_up("缺席", False)
    assert not is_made_up("出席", True)
    with pytest.raises(ValueError):
        is_made_up("迟到", True)


def test_tally_and_rates() -> None:
    records = [("出席", False)] * 7 + [("请假", True), ("缺席", True), ("缺席", False)]
    t = tally(records)
    assert t == AttendanceTally(present=7, excused=1, absent=2, made_up=2)
    assert t.total == 10
    assert t.rate == Decimal("70.0")
    assert t.rate_with_makeup == Decimal("90.0")
    assert tally([]).rate is None


@pytest.mark.parametrize(
    ("attended", "total", "rate"),
    [
        (1, 3, Decimal("33.3")),
        (2, 3, Decimal("66.7")),
        (1, 8, Decimal("12.5")),
        (1, 16, Decimal("6.3")),  # 6.25 rounds half up, not to even
        (3, 16, Decimal("18.8")),  # 18.75
        (5, 5, Decimal("100.0")),
        (0, 5, Decimal("0.0")),
    ],
)
def test_attendance_rate_one_decimal_half_up(attended: int, total: int, rate: Decimal) -> None:
    assert attendance_rate(attended, total) == rate


def test_attendance_rate_rejects_impossible_counts() -> None:
    assert attendance_rate(0, 0) is None
    with pytest.raises(ValueError):
        attendance_rate(6, 5)
