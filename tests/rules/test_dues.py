"""党费: bands at their boundaries, fixed amounts, rounding and arrears."""

from datetime import date
from decimal import Decimal

import pytest

from dangjian.rules.config import DEFAULT_RULES
from dangjian.rules.dues import (
    ArrearsStatus,
    arrears_status,
    dues_rate,
    monthly_dues,
    unpaid_months,
)


@pytest.mark.parametrize(
    ("income", "rate", "amount"),
    [
        ("2999.99", "0.005", "15.00"),
        ("3000", "0.005", "15.00"),  # 3000元以下（含3000元）
        ("3000.01", "0.01", "30.00"),
        ("5000", "0.01", "50.00"),
        ("5000.01", "0.015", "75.00"),
        ("10000", "0.015", "150.00"),
        ("10000.01", "0.02", "200.00"),
        ("0", "0.005", "0.00"),
    ],
)
def test_in_service_bands(income: str, rate: str, amount: str) -> None:
    assert dues_rate("在职", Decimal(income)) == Decimal(rate)
    assert monthly_dues("在职", Decimal(income)) == Decimal(amount)


@pytest.mark.parametrize(
    ("income", "rate"),
    [("4999.99", "0.005"), ("5000", "0.005"), ("5000.01", "0.01")],
)
def test_retired_bands(income: str, rate: str) -> None:
    assert dues_rate("离退休", Decimal(income)) == Decimal(rate)


def test_rounding_half_up_to_the_fen() -> None:
    assert monthly_dues("在职", Decimal(3001)) == Decimal("30.01")
    assert monthly_dues("在职", Decimal("2345.67")) == Decimal("11.73")  # 11.72835
    assert monthly_dues("在职", Decimal(2001)) == Decimal("10.01")  # 10.005 → 10.01, not 10.00
    assert monthly_dues("在职", 4321) == Decimal("43.21")


def test_fixed_and_farmer_amounts() -> None:
    for category in ("学生", "下岗失业", "依靠抚恤或救济生活"):
        assert monthly_dues(category) == Decimal("0.20")
    assert monthly_dues("农民") == Decimal("0.20")
    assert monthly_dues("农民", farmer_amount=Decimal(1)) == Decimal("1.00")
    with pytest.raises(ValueError, match="农民党员"):
        monthly_dues("农民", farmer_amount=Decimal("1.01"))
    with pytest.raises(ValueError):
        monthly_dues("农民", farmer_amount=Decimal("0.19"))


def test_bad_inputs() -> None:
    with pytest.raises(ValueError, match="未提供月收入"):
        monthly_dues("在职")
    with pytest.raises(ValueError):
        monthly_dues("在职", Decimal(-1))
    with pytest.raises(ValueError):
        dues_rate("学生", Decimal(1000))
    with pytest.raises(ValueError):
        monthly_dues("个体户", Decimal(1000))


def test_overridden_bands() -> None:
    config = DEFAULT_RULES.with_overrides({"dues_bands_retired": [(4000, "0.005"), (None, "0.01")]})
    assert monthly_dues("离退休", Decimal(4500), config) == Decimal("45.00")


def test_unpaid_months_counts_ended_months_only() -> None:
    paid = [date(2024, 1, 15)]
    joined = date(2023, 1, 1)
    assert unpaid_months(paid, joined, date(2024, 2, 29)) == 0  # February not over yet
    assert unpaid_months(paid, joined, date(2024, 3, 1)) == 1
    assert unpaid_months(paid, joined, date(2024, 4, 30)) == 2
    assert unpaid_months(paid, joined, date(2024, 5, 1)) == 3
    assert unpaid_months(paid, joined, date(2024, 8, 1)) == 6


def test_unpaid_months_respects_liability_start_and_advance_payment() -> None:
    assert unpaid_months([], date(2024, 3, 20), date(2024, 6, 1)) == 3  # March, April, May
    advance = [date(2024, m, 1) for m in range(1, 13)]
    assert unpaid_months(advance, date(2023, 1, 1), date(2024, 11, 1)) == 0
    gap = [date(2024, 1, 1), date(2024, 3, 1)]
    assert (
        unpaid_months(gap, date(2023, 1, 1), date(2024, 4, 1)) == 0
    )  # only consecutive arrears count


@pytest.mark.parametrize(
    ("months", "status"),
    [
        (0, ArrearsStatus.OK),
        (2, ArrearsStatus.OK),
        (3, ArrearsStatus.WARNING),
        (5, ArrearsStatus.WARNING),
        (6, ArrearsStatus.LAPSE),
        (7, ArrearsStatus.LAPSE),
    ],
)
def test_arrears_warning_from_third_month_lapse_at_sixth(
    months: int, status: ArrearsStatus
) -> None:
    assert arrears_status(months) is status


def test_arrears_status_rejects_negative() -> None:
    with pytest.raises(ValueError):
        arrears_status(-1)
