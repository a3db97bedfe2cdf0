"""主题党日 on a fixed day (支部工作条例第十九条: 每月相对固定1天): boundaries, month ends, leap years."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangjian.rules import DEFAULT_RULES, check_themed_party_day, themed_party_day_in


def fixed(day: int):
    return DEFAULT_RULES.with_overrides({"themed_party_day_of_month": day})


def test_no_day_fixed_by_default_means_no_warning() -> None:
    assert DEFAULT_RULES.themed_party_day_of_month == 0
    assert themed_party_day_in(2025, 3, DEFAULT_RULES) is None
    assert check_themed_party_day(date(2025, 3, 7)) == []


@pytest.mark.parametrize(
    ("day", "year", "month", "expected"),
    [
        (15, 2025, 3, date(2025, 3, 15)),
        (31, 2025, 4, date(2025, 4, 30)),  # April has 30 days: its last day
        (30, 2024, 2, date(2024, 2, 29)),  # leap February
        (29, 2025, 2, date(2025, 2, 28)),  # common February
        (29, 2024, 2, date(2024, 2, 29)),
        (1, 2025, 12, date(2025, 12, 1)),
    ],
)
def test_fixed_day_of_each_month(day: int, year: int, month: int, expected: date) -> None:
    assert themed_party_day_in(year, month, fixed(day)) == expected


@pytest.mark.parametrize(
    ("held_on", "warned"),
    [(date(2025, 6, 14), True), (date(2025, 6, 15), False), (date(2025, 6, 16), True)],
)
def test_the_day_before_of_and_after(held_on: date, warned: bool) -> None:
    found = check_themed_party_day(held_on, fixed(15))
    assert bool(found) is warned
    if warned:
        (violation,) = found
        assert violation.severity == "warning"  # 相对固定: moving it is allowed, never refused
        assert violation.field == "date" and "第十九条" in violation.rule
        assert (
            "每月15日" in violation.message
            and f"{held_on.month}月{held_on.day}日" in violation.message
        )


def test_out_of_range_day_is_refused_in_chinese() -> None:
    with pytest.raises(ValueError, match="1–31"):
        fixed(32)
    with pytest.raises(ValueError, match="不能为负数"):
        fixed(-1)


@given(st.integers(1, 31), st.dates(date(1990, 1, 1), date(2100, 12, 31)))
def test_exactly_one_day_a_month_is_free_of_warnings(day: int, some_day: date) -> None:
    config = fixed(day)
    first = some_day.replace(day=1)
    month_days = [
        first + timedelta(days=i)
        for i in range(31)
        if (first + timedelta(days=i)).month == first.month
    ]
    quiet = [d for d in month_days if not check_themed_party_day(d, config)]
    assert quiet == [themed_party_day_in(first.year, first.month, config)]
    assert quiet[0].day == min(day, month_days[-1].day)
