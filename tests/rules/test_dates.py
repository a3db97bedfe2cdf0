"""Calendar arithmetic: month ends, leap years, working days, periods."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangjian.rules.dates import (
    add_months,
    add_working_days,
    add_years,
    age_on,
    is_working_day,
    last_working_day_of_span,
    month_bounds,
    months_between,
    quarter_bounds,
    quarter_of,
    year_bounds,
)

dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2024, 1, 30), 1, date(2024, 2, 29)),
        (date(2024, 3, 31), 1, date(2024, 4, 30)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
        (date(2023, 3, 31), -1, date(2023, 2, 28)),
        (date(2023, 12, 15), 1, date(2024, 1, 15)),
        (date(2024, 1, 15), -1, date(2023, 12, 15)),
        (date(2023, 5, 4), 0, date(2023, 5, 4)),
        (date(2023, 5, 4), 25, date(2025, 6, 4)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
    ],
)
def test_add_months_clamps_to_month_end(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_add_months_out_of_range() -> None:
    with pytest.raises(OverflowError):
        add_months(date(9999, 12, 1), 1)


@pytest.mark.parametrize(
    ("start", "years", "expected"),
    [
        (date(2024, 2, 29), 1, date(2025, 2, 28)),
        (date(2024, 2, 29), 4, date(2028, 2, 29)),
        (date(2024, 2, 29), -1, date(2023, 2, 28)),
        (date(2023, 2, 28), 1, date(2024, 2, 28)),
        (date(2023, 3, 1), 1, date(2024, 3, 1)),
    ],
)
def test_add_years_leap_day(start: date, years: int, expected: date) -> None:
    assert add_years(start, years) == expected


@given(dates, st.integers(min_value=-600, max_value=600))
def test_add_months_never_overflows_month_end(d: date, n: int) -> None:
    result = add_months(d, n)
    assert result.day <= d.day
    assert (result.year * 12 + result.month) - (d.year * 12 + d.month) == n
    if result.day < d.day:  # clamped: must be the last day of its month
        assert (result + timedelta(days=1)).day == 1


@given(dates, dates, st.integers(min_value=-600, max_value=600))
def test_add_months_is_monotone(a: date, b: date, n: int) -> None:
    if a <= b:
        assert add_months(a, n) <= add_months(b, n)


@given(dates, st.integers(min_value=0, max_value=600), st.integers(min_value=0, max_value=600))
def test_add_months_monotone_in_n(d: date, m: int, n: int) -> None:
    if m <= n:
        assert add_months(d, m) <= add_months(d, n)


@given(dates)
def test_add_years_one_is_365_or_366_days(d: date) -> None:
    assert (add_years(d, 1) - d).days in (365, 366)


@given(dates, st.integers(min_value=-600, max_value=600))
def test_months_between_inverts_add_months(d: date, n: int) -> None:
    later = add_months(d, n)
    if d.day <= 28:  # no clamping, so the round trip is exact
        assert months_between(d, later) == n


@given(dates, dates)
def test_months_between_is_the_largest_whole_count(a: date, b: date) -> None:
    if a <= b:
        m = months_between(a, b)
        assert m >= 0
        assert add_months(a, m) <= b
        assert add_months(a, m + 1) > b


def test_months_between_boundaries() -> None:
    assert months_between(date(2024, 1, 31), date(2024, 2, 28)) == 0
    assert months_between(date(2024, 1, 31), date(2024, 2, 29)) == 1
    assert months_between(date(2024, 5, 4), date(2024, 6, 3)) == 0
    assert months_between(date(2024, 5, 4), date(2024, 6, 4)) == 1
    assert months_between(date(2024, 6, 4), date(2024, 5, 4)) == -1


def test_age_on_birthday_boundaries() -> None:
    born = date(2006, 5, 4)
    assert age_on(born, date(2024, 5, 3)) == 17
    assert age_on(born, date(2024, 5, 4)) == 18
    assert age_on(born, date(2024, 5, 5)) == 18


def test_age_on_leap_day_birth() -> None:
    born = date(2008, 2, 29)
    assert age_on(born, date(2026, 2, 27)) == 17
    assert age_on(born, date(2026, 2, 28)) == 18
    assert age_on(born, date(2028, 2, 28)) == 19
    assert age_on(born, date(2028, 2, 29)) == 20


def test_working_days_skip_weekends() -> None:
    friday = date(2024, 3, 1)
    assert is_working_day(friday)
    assert not is_working_day(date(2024, 3, 2))
    assert add_working_days(friday, 1) == date(2024, 3, 4)  # Monday
    assert add_working_days(friday, 5) == date(2024, 3, 8)
    assert add_working_days(date(2024, 3, 2), 1) == date(2024, 3, 4)  # Saturday → Monday
    assert add_working_days(date(2024, 3, 4), -1) == friday
    assert add_working_days(friday, 0) == friday


@given(dates.filter(lambda d: d.year < 2200), st.integers(min_value=0, max_value=100))
def test_add_working_days_counts_weekdays(d: date, n: int) -> None:
    result = add_working_days(d, n)
    span = [d + timedelta(days=i) for i in range(1, (result - d).days + 1)]
    assert sum(is_working_day(x) for x in span) == n
    if n:
        assert is_working_day(result)


def test_last_working_day_of_span() -> None:
    assert last_working_day_of_span(date(2024, 3, 4), 5) == date(2024, 3, 8)  # Mon → Fri
    assert last_working_day_of_span(date(2024, 3, 6), 5) == date(2024, 3, 12)  # Wed → Tue
    assert last_working_day_of_span(date(2024, 3, 9), 5) == date(2024, 3, 15)  # Sat → Fri
    assert last_working_day_of_span(date(2024, 3, 4), 1) == date(2024, 3, 4)
    with pytest.raises(ValueError):
        last_working_day_of_span(date(2024, 3, 4), 0)


def test_period_bounds() -> None:
    assert month_bounds(2024, 2) == (date(2024, 2, 1), date(2024, 2, 29))
    assert month_bounds(2023, 2) == (date(2023, 2, 1), date(2023, 2, 28))
    assert month_bounds(2024, 12) == (date(2024, 12, 1), date(2024, 12, 31))
    assert quarter_bounds(2024, 1) == (date(2024, 1, 1), date(2024, 3, 31))
    assert quarter_bounds(2024, 2) == (date(2024, 4, 1), date(2024, 6, 30))
    assert quarter_bounds(2024, 4) == (date(2024, 10, 1), date(2024, 12, 31))
    assert year_bounds(2024) == (date(2024, 1, 1), date(2024, 12, 31))
    with pytest.raises(ValueError):
        quarter_bounds(2024, 5)


@pytest.mark.parametrize(
    ("d", "q"),
    [
        (date(2024, 3, 31), 1),
        (date(2024, 4, 1), 2),
        (date(2024, 6, 30), 2),
        (date(2024, 7, 1), 3),
        (date(2024, 9, 30), 3),
        (date(2024, 10, 1), 4),
        (date(2024, 12, 31), 4),
        (date(2024, 1, 1), 1),
    ],
)
def test_quarter_of(d: date, q: int) -> None:
    assert quarter_of(d) == q


@given(dates)
def test_quarter_bounds_contain_their_dates(d: date) -> None:
    start, end = quarter_bounds(d.year, quarter_of(d))
    assert start <= d <= end
