"""Decimal rounding shared by dues amounts and reported rates.

Chinese financial and statistical practice rounds half up (四舍五入); Python's ``round`` rounds
half to even and floats cannot represent 0.5% exactly, so every amount and rate goes through
:func:`round_half_up` on a :class:`~decimal.Decimal`.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

__all__ = ["percentage", "round_half_up"]


def round_half_up(value: Decimal | int, places: int) -> Decimal:
    """Round to ``places`` decimal places, half up: 0.125 → 0.13, 2.45 → 2.5 (places=1)."""
    exponent = Decimal(1).scaleb(-places)
    return Decimal(value).quantize(exponent, rounding=ROUND_HALF_UP)


def percentage(part: int | Decimal, whole: int | Decimal, places: int = 1) -> Decimal | None:
    """``part / whole`` in percent, rounded half up to ``places`` decimals; ``None`` when ``whole`` is 0.

    Used for figures such as 参会率 and 问题完成率 ("in % with one decimal").
    """
    if whole == 0:
        return None
    if whole < 0 or part < 0:
        raise ValueError("percentage of negative counts")
    return round_half_up(Decimal(part) * 100 / Decimal(whole), places)
