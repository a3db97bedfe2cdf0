"""One number per indicator for a year, from values typed per department and period. Pure Python.

A department may type an indicator for the whole year, per quarter or per month. For each
department only its coarsest grain counts — the 全年 value if typed, else the quarters, else the
months — so that a value typed twice (a year and its quarters) is never counted twice. Then:

* a count (件, 项, 人次 …) is the sum over the chosen rows and over departments;
* a rate (unit ``%``) is the mean of the chosen rows of a department, then the mean over
  departments (unweighted: the ledger does not know each department's denominator).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True, slots=True)
class Entry:
    ident: str
    org: int
    period: str  # "Y", "Q1".."Q4", "M01".."M12"
    value: Decimal
    unit: str


def _grain(period: str) -> int:
    return 0 if period == "Y" else 1 if period.startswith("Q") else 2


def chosen(entries: Iterable[Entry]) -> list[Entry]:
    """The entries that count: per organisation, those of its coarsest period grain."""
    by_org: dict[int, list[Entry]] = {}
    for entry in entries:
        by_org.setdefault(entry.org, []).append(entry)
    result = []
    for rows in by_org.values():
        grain = min(_grain(e.period) for e in rows)
        result.extend(e for e in rows if _grain(e.period) == grain)
    return result


def total(entries: Iterable[Entry], unit: str) -> Decimal | None:
    """The year's value of one indicator (entries of that indicator only); None without data."""
    rows = chosen(entries)
    if not rows:
        return None
    if unit != "%":
        return plain(sum((e.value for e in rows), Decimal(0)))
    by_org: dict[int, list[Decimal]] = {}
    for entry in rows:
        by_org.setdefault(entry.org, []).append(entry.value)
    means = [sum(values, Decimal(0)) / len(values) for values in by_org.values()]
    return (sum(means, Decimal(0)) / len(means)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def plain(value: Decimal) -> Decimal:
    """7.00 → 7, 2.50 → 2.5: a sum written the way a report writes it."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()
