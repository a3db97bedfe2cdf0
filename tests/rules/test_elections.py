"""换届: the 内科第一党支部 elected its committee on 2023-06-30 for a 3-year term."""

from datetime import date

import pytest

from dangjian.rules.config import DEFAULT_RULES
from dangjian.rules.elections import (
    ElectionStatus,
    check_postponement,
    election_meeting_valid,
    election_reminders,
    election_status,
    is_overdue_at,
    term_end,
)

ELECTED = date(2023, 6, 30)


def test_term_end_by_org_type() -> None:
    assert term_end(ELECTED, DEFAULT_RULES.term_years_for("党支部")) == date(2026, 6, 30)
    assert term_end(ELECTED, DEFAULT_RULES.term_years_for("党委")) == date(2028, 6, 30)
    assert term_end(date(2024, 2, 29), 3) == date(2027, 2, 28)
    assert term_end(date(2024, 2, 29), 4) == date(2028, 2, 29)


@pytest.mark.parametrize(
    ("on", "status", "within"),
    [
        (date(2025, 12, 29), ElectionStatus.OK, None),
        (date(2025, 12, 30), ElectionStatus.DUE_SOON, 6),
        (date(2026, 3, 29), ElectionStatus.DUE_SOON, 6),
        (date(2026, 3, 30), ElectionStatus.DUE_SOON, 3),
        (date(2026, 6, 30), ElectionStatus.DUE_SOON, 3),
        (date(2026, 7, 1), ElectionStatus.OVERDUE, None),
    ],
)
def test_status_on_each_boundary(on: date, status: ElectionStatus, within: int | None) -> None:
    state = election_status(ELECTED, 3, on)
    assert (state.status, state.within_months) == (status, within)
    assert state.term_end == date(2026, 6, 30)


def test_status_messages_are_chinese() -> None:
    assert "逾期未换届" in election_status(ELECTED, 3, date(2026, 7, 1)).message
    assert "不足3个月" in election_status(ELECTED, 3, date(2026, 4, 1)).message
    assert ElectionStatus.OVERDUE.label == "逾期未换届"


def test_reminder_offsets_are_configurable() -> None:
    config = DEFAULT_RULES.with_overrides({"election_reminder_months": [12]})
    state = election_status(ELECTED, 3, date(2025, 6, 30), config)
    assert (state.status, state.within_months) == (ElectionStatus.DUE_SOON, 12)


@pytest.mark.parametrize(
    ("on", "overdue"),
    [(date(2026, 6, 29), False), (date(2026, 6, 30), False), (date(2026, 7, 1), True)],
)
def test_is_overdue_at(on: date, overdue: bool) -> None:
    assert is_overdue_at(ELECTED, 3, on) is overdue


@pytest.mark.parametrize(
    ("elected", "overdue_at_year_end"),
    [
        (date(2021, 12, 30), True),  # term ended 2024-12-30, before year end
        (date(2021, 12, 31), False),  # term ends on 31 December itself: due, not yet overdue
        (date(2022, 1, 1), False),
    ],
)
def test_report_counts_terms_ended_before_year_end(
    elected: date, overdue_at_year_end: bool
) -> None:
    assert is_overdue_at(elected, 3, date(2024, 12, 31)) is overdue_at_year_end


def test_reminders_at_6_and_3_months_then_monthly() -> None:
    assert election_reminders(ELECTED, 3, date(2026, 9, 30)) == [
        date(2025, 12, 30),
        date(2026, 3, 30),
        date(2026, 7, 1),
        date(2026, 8, 1),
        date(2026, 9, 1),
    ]
    assert election_reminders(ELECTED, 3, date(2025, 12, 29)) == []
    assert election_reminders(ELECTED, 3, date(2025, 12, 30)) == [date(2025, 12, 30)]


def test_monthly_reminders_from_a_month_end_do_not_drift() -> None:
    reminders = election_reminders(date(2021, 1, 30), 3, date(2024, 5, 31))
    assert reminders[2:] == [
        date(2024, 1, 31),
        date(2024, 2, 29),
        date(2024, 3, 31),
        date(2024, 4, 30),
        date(2024, 5, 31),
    ]


@pytest.mark.parametrize(("present", "valid"), [(40, False), (41, True)])
def test_election_meeting_needs_more_than_four_fifths(present: int, valid: bool) -> None:
    assert election_meeting_valid(50, present) is valid


def test_election_meeting_small_branch() -> None:
    assert election_meeting_valid(5, 4) is False  # exactly 4/5 is not more than
    assert election_meeting_valid(5, 5) is True
    assert election_meeting_valid(7, 6) is True


def test_postponement_within_a_year_needs_approval() -> None:
    assert check_postponement(ELECTED, 3, date(2026, 6, 30)) == []
    [v] = check_postponement(ELECTED, 3, date(2027, 6, 30))
    assert (v.code, v.severity) == ("election.rescheduled", "warning")
    [v] = check_postponement(ELECTED, 3, date(2027, 7, 1))
    assert (v.code, v.severity) == ("election.rescheduled_too_far", "error")
    [v] = check_postponement(ELECTED, 3, date(2025, 6, 29))
    assert v.code == "election.rescheduled_too_far"
