"""Comparison with the previous year, dataset by dataset — the one place that decides it.

A figure is compared with the previous year only when that year can say something about it:

* the previous year has rows in the figure's own dataset (组织生活, 发展党员, 服务活动 …; see
  ``figures.DATASET_OF_MODEL``) — a ledger taken into use this year has nothing to compare
  with, even if other ledgers go back further; or
* the figure's previous value comes from a confirmed report of that year (``factcheck
  --save-prior``, see ``reports/prior.py``).

How a change is written, as reports write it:

* a percentage figure: “较上年提高1.5个百分点”, “较上年下降2个百分点”;
* no change: “与上年持平”;
* a count whose previous value is below :data:`MIN_PERCENT_BASE` (a growth rate on 1 or 2
  means nothing): “较上年增加9名”, “较上年减少1次”;
* otherwise a rate: “较上年增长25%”, “较上年下降12.5%”, and from a doubling on “较上年增长1.5倍”;
  one decimal, none when it is whole (“100%”, not “100.0%”).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from dangjian.reports.figures import Figure, FigureSet, number_text

__all__ = ["MIN_PERCENT_BASE", "change_text", "comparable", "previous_figure"]

#: A growth rate is stated only on a previous value at least this large; below it, the change.
MIN_PERCENT_BASE = 10
#: From this growth (as a fraction of the previous value) on, a rise is written in 倍.
TIMES_FROM = Decimal(1)

_ONE_DECIMAL = Decimal("0.1")


def _round(value: Decimal) -> str:
    return number_text(value.quantize(_ONE_DECIMAL, rounding=ROUND_HALF_UP))


def comparable(figures: FigureSet, key: str) -> bool:
    """Whether ``key`` may be compared with the previous year (see the module's rules)."""
    previous = figures.previous
    if previous is None:
        return False
    before, now = previous.get(key), figures.get(key)
    if before is None or now is None or before.value is None or now.value is None:
        return False
    if key in previous.confirmed:
        return True
    return previous.records_in(before.dataset) > 0


def previous_figure(figures: FigureSet, key: str) -> Figure | None:
    """The previous year's figure for ``key`` when it may be compared, else None."""
    if not comparable(figures, key):
        return None
    assert figures.previous is not None
    return figures.previous.get(key)


def change_words(current: Decimal | int, previous: Decimal | int, unit: str) -> str:
    """“较上年增加3次”, “较上年增长25%”, “与上年持平” … for two values of one figure."""
    cur, prev = Decimal(current), Decimal(previous)
    diff = cur - prev
    if diff == 0:
        return "与上年持平"
    if unit == "%":
        return f"较上年{'提高' if diff > 0 else '下降'}{_round(abs(diff))}个百分点"
    if prev < MIN_PERCENT_BASE:
        return f"较上年{'增加' if diff > 0 else '减少'}{number_text(abs(diff))}{unit}"
    growth = diff / prev
    if growth >= TIMES_FROM:
        return f"较上年增长{_round(growth)}倍"
    return f"较上年{'增长' if diff > 0 else '下降'}{_round(abs(growth) * 100)}%"


def change_text(figures: FigureSet, key: str) -> str:
    """The change of ``key`` on the previous year as a report writes it, or ``""``."""
    before = previous_figure(figures, key)
    now = figures.get(key)
    if before is None or now is None or before.value is None or now.value is None:
        return ""
    return change_words(now.value, before.value, now.unit)
