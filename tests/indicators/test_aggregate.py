"""One value per indicator and year: the coarsest period per department, sums for counts, means
for rates."""

from decimal import Decimal

from dangjian.indicators.aggregate import Entry, chosen, total


def e(ident, org, period, value, unit="件"):
    return Entry(ident, org, period, Decimal(value), unit)


def test_counts_are_summed_over_departments_without_double_counting():
    entries = [
        e("a-year", 1, "Y", "10"),
        e("a-q1", 1, "Q1", "4"),  # department 1: the year wins
        e("b-q1", 2, "Q1", "2"),
        e("b-q2", 2, "Q2", "3"),
        e("b-m1", 2, "M01", "9"),  # quarters win
        e("c-m1", 3, "M01", "1"),
        e("c-m2", 3, "M02", "1"),
    ]
    assert sorted(x.ident for x in chosen(entries)) == ["a-year", "b-q1", "b-q2", "c-m1", "c-m2"]
    assert total(entries, "件") == Decimal("17")


def test_rates_are_averaged_per_department_then_over_departments():
    entries = [
        e("a-q1", 1, "Q1", "90", "%"),
        e("a-q2", 1, "Q2", "96", "%"),  # department 1: 93
        e("b-y", 2, "Y", "98", "%"),
    ]
    assert total(entries, "%") == Decimal("95.5")


def test_nothing_to_aggregate():
    assert total([], "件") is None
    assert total([e("z", 1, "Y", "0")], "件") == Decimal("0")


def test_sums_are_written_without_trailing_zeros():
    assert str(total([e("a", 1, "Y", "7.00"), e("b", 2, "Y", "3.00")], "件")) == "10"
    assert str(total([e("a", 1, "Y", "2.50")], "件")) == "2.5"
