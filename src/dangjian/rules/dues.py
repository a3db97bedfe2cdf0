"""党费: monthly amounts and arrears.

Source: 《关于中国共产党党费收缴、使用和管理的规定》(2008). Boundaries: "以上/以下" include the
number on the lower band's side — the text reads "3000元以下（含3000元）…3000元以上至5000元
（含5000元）…10000元以上", so an income exactly on a boundary pays the lower rate: 3000.00 元 →
0.5%, 3000.01 元 → 1%; 10000.00 元 → 1.5%; 离退休 5000.00 元 → 0.5%. Amounts are ``Decimal``,
rounded half up to 0.01 元.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from enum import StrEnum

from .config import DEFAULT_RULES, DuesBand, RuleConfig
from .dates import add_months
from .rounding import round_half_up

__all__ = [
    "ArrearsStatus",
    "DuesCategory",
    "arrears_status",
    "dues_rate",
    "monthly_dues",
    "unpaid_months",
]

DOCUMENT = "《关于中国共产党党费收缴、使用和管理的规定》（2008）"


class DuesCategory(StrEnum):
    """Which rule sets a member's dues."""

    IN_SERVICE = "在职"
    RETIRED = "离退休"
    STUDENT = "学生"
    UNEMPLOYED = "下岗失业"
    RELIEF = "依靠抚恤或救济生活"
    FARMER = "农民"


_FIXED = frozenset({DuesCategory.STUDENT, DuesCategory.UNEMPLOYED, DuesCategory.RELIEF})


def _rate(bands: tuple[DuesBand, ...], income: Decimal) -> Decimal:
    for upper, rate in bands:
        if upper is None or income <= upper:
            return rate
    raise AssertionError("the last band has no upper bound")  # pragma: no cover


def dues_rate(
    category: DuesCategory | str, income: Decimal | int, config: RuleConfig = DEFAULT_RULES
) -> Decimal:
    """The rate for 在职 (wage after tax and social insurance) or 离退休 (pension) income.

    在职: ≤ 3000 元 0.5%, ≤ 5000 1%, ≤ 10000 1.5%, above 2%; 离退休: ≤ 5000 0.5%, above 1%.
    Upper bounds are inclusive (module docstring). 党费规定 (2008).
    """
    kind = DuesCategory(category)
    amount = Decimal(income)
    if amount < 0:
        raise ValueError("月收入不能为负数")
    if kind is DuesCategory.IN_SERVICE:
        return _rate(config.dues_bands_in_service, amount)
    if kind is DuesCategory.RETIRED:
        return _rate(config.dues_bands_retired, amount)
    raise ValueError(f"{kind.value}党员不按收入比例交纳党费")


def monthly_dues(
    category: DuesCategory | str,
    income: Decimal | int | None = None,
    config: RuleConfig = DEFAULT_RULES,
    farmer_amount: Decimal | None = None,
) -> Decimal:
    """Monthly dues in 元, rounded half up to 0.01.

    在职 and 离退休: ``income`` × :func:`dues_rate` (``income`` required). 学生, 下岗失业,
    依靠抚恤或救济生活: 0.2 元 (``dues_fixed_amount``). 农民: ``farmer_amount`` if given, which
    must lie within 0.2–1 元, else the minimum. 党费规定 (2008).
    """
    kind = DuesCategory(category)
    if kind in _FIXED:
        return round_half_up(config.dues_fixed_amount, 2)
    if kind is DuesCategory.FARMER:
        if farmer_amount is None:
            return round_half_up(config.dues_farmer_min, 2)
        if not config.dues_farmer_min <= farmer_amount <= config.dues_farmer_max:
            raise ValueError(
                f"农民党员每月交纳党费 {config.dues_farmer_min}–{config.dues_farmer_max} 元，"
                f"收到 {farmer_amount} 元"
            )
        return round_half_up(farmer_amount, 2)
    if income is None:
        raise ValueError(f"{kind.value}党员须按月收入计算党费，未提供月收入")
    return round_half_up(Decimal(income) * dues_rate(kind, income, config), 2)


def _month(d: date) -> date:
    return d.replace(day=1)


def unpaid_months(paid_months: Iterable[date], liable_from: date, as_of: date) -> int:
    """Consecutive unpaid months ending with the last month that is over on ``as_of``.

    A month is unpaid once it has ended without payment: on 10 February, January counts and
    February not yet. ``paid_months`` are any dates inside the months paid (advance and
    quarterly payments list every month they cover); months before ``liable_from``'s month are
    never owed. 党费规定 (2008): arrears may be made up within 6 months.
    """
    paid = {_month(d) for d in paid_months}
    first = _month(liable_from)
    month = add_months(_month(as_of), -1)
    count = 0
    while month >= first and month not in paid:
        count += 1
        month = add_months(month, -1)
    return count


class ArrearsStatus(StrEnum):
    """What the platform does about arrears."""

    OK = "ok"
    WARNING = "warning"
    LAPSE = "lapse"

    @property
    def label(self) -> str:
        """Chinese label."""
        return {"ok": "正常", "warning": "欠缴提醒", "lapse": "连续未交纳达到处置期限"}[self.value]


def arrears_status(months_unpaid: int, config: RuleConfig = DEFAULT_RULES) -> ArrearsStatus:
    """``warning`` from the 3rd consecutive unpaid month (platform rule, ``dues_warning_month``);
    ``lapse`` at 6 (``dues_lapse_month``): 6 months unpaid without good reason counts as
    自行脱党 (党章; 党费规定) — the platform flags it, the 支部 decides whether there was a reason.
    """
    if months_unpaid < 0:
        raise ValueError("欠缴月数不能为负数")
    if months_unpaid >= config.dues_lapse_month:
        return ArrearsStatus.LAPSE
    if months_unpaid >= config.dues_warning_month:
        return ArrearsStatus.WARNING
    return ArrearsStatus.OK
