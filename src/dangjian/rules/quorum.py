"""Exact comparisons of a head count against a fraction of a body.

"More than half" and "two thirds or more" are compared in integers (``Fraction``), never
floats, so 2 of 3 is exactly two thirds and 4 of 8 is exactly not more than half.
"""

from __future__ import annotations

from fractions import Fraction

__all__ = ["at_least", "more_than"]


def _check(count: int, total: int) -> None:
    if count < 0 or total < 0:
        raise ValueError("人数不能为负数")


def more_than(count: int, total: int, fraction: Fraction) -> bool:
    """``count`` is strictly more than ``fraction`` of ``total`` (超过半数 / 超过五分之四)."""
    _check(count, total)
    return count > fraction * total


def at_least(count: int, total: int, fraction: Fraction) -> bool:
    """``count`` is ``fraction`` of ``total`` or more (三分之二以上, 含本数)."""
    _check(count, total)
    return count >= fraction * total
