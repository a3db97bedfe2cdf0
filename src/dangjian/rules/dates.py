"""Calendar arithmetic used by every rule.

Party rules count in calendar months and years ("一个月内", "满一年", "不少于半年") and, for
local 公示 rules, in working days. These helpers fix one reading of each and are the only
place the rules package does date arithmetic.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

__all__ = [
    "add_months",
    "add_working_days",
    "add_years",
    "age_on",
    "is_working_day",
    "last_working_day_of_span",
    "month_bounds",
    "months_between",
    "quarter_bounds",
    "quarter_of",
    "year_bounds",
]


def add_months(d: date, n: int) -> date:
    """Return the same day ``n`` calendar months later (earlier when ``n`` < 0).

    A day that does not exist in the target month is clamped to that month's last day:
    31 January + 1 month is 28 February (29 in a leap year). This is the usual reading of
    "一个月内" / "三个月内" and of "满一年" in the Party's procedural rules, and the civil-law rule
    for periods counted in months (民法典: with no corresponding day, the month's last day ends
    the period).
    """
    index = d.year * 12 + (d.month - 1) + n
    year, month0 = divmod(index, 12)
    month = month0 + 1
    if not 1 <= year <= 9999:
        raise OverflowError(f"date out of range: {d} + {n} months")
    day = min(d.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def add_years(d: date, n: int) -> date:
    """Return the same day ``n`` years later; 29 February becomes 28 February in a common year."""
    return add_months(d, 12 * n)


def months_between(start: date, end: date) -> int:
    """Number of whole months from ``start`` to ``end`` (negative when ``end`` is earlier).

    ``add_months(start, months_between(start, end)) <= end`` always holds for ``end >= start``,
    and adding one more month would pass ``end``.
    """
    if end < start:
        return -months_between(end, start)
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if add_months(start, months) > end:
        months -= 1
    return months


def age_on(birth_date: date, on: date) -> int:
    """Age in full years on ``on``; someone born on 29 February turns a year older on 28 February
    in a common year (the month-end reading of :func:`add_months`)."""
    return months_between(birth_date, on) // 12


def is_working_day(d: date) -> bool:
    """Monday to Friday.

    There is no holiday calendar: 法定节假日 and 调休 working weekends are not known, so a
    span of working days crossing a public holiday comes out shorter than the official count.
    """
    return d.weekday() < 5


def add_working_days(d: date, n: int) -> date:
    """Return the date ``n`` working days (Monday–Friday) after ``d`` (before, when ``n`` < 0).

    ``d`` itself is not counted, so Friday + 1 working day is the next Monday, and a
    Saturday + 1 working day is also that Monday. ``n == 0`` returns ``d`` unchanged.
    No holiday calendar is applied (see :func:`is_working_day`).
    """
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    current = d
    while remaining:
        current += timedelta(days=step)
        if is_working_day(current):
            remaining -= 1
    return current


def last_working_day_of_span(start: date, n: int) -> date:
    """Last day of a span of ``n`` working days beginning on ``start`` (``n`` >= 1).

    ``start`` is the first day when it is a working day; a span announced on a weekend begins
    the next Monday. A 5-working-day 公示 starting on a Monday ends that Friday.
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    first = start if is_working_day(start) else add_working_days(start, 1)
    return add_working_days(first, n - 1)


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """First and last day of a month."""
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def quarter_of(d: date) -> int:
    """Quarter (1–4) that ``d`` falls in."""
    return (d.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    """First and last day of a quarter (1–4)."""
    if not 1 <= quarter <= 4:
        raise ValueError(f"quarter must be 1–4, not {quarter}")
    first_month = 3 * (quarter - 1) + 1
    return date(year, first_month, 1), month_bounds(year, first_month + 2)[1]


def year_bounds(year: int) -> tuple[date, date]:
    """1 January and 31 December of ``year``."""
    return date(year, 1, 1), date(year, 12, 31)
