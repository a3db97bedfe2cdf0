"""Comparison with the previous year: per dataset, and written as reports write it."""

import datetime as dt
from decimal import Decimal

import pytest

from dangjian.factcheck.prior import PriorValue, save_prior_figures
from dangjian.reports.comparison import MIN_PERCENT_BASE, change_text, change_words, comparable
from dangjian.reports.figures import compute_figures, number_text


@pytest.mark.parametrize(
    ("current", "previous", "unit", "expected"),
    [
        (5, 5, "次", "与上年持平"),
        # Below the base of 10 a rate means nothing: the change in units.
        (10, 1, "名", "较上年增加9名"),
        (10, 9, "名", "较上年增加1名"),
        (3, 9, "次", "较上年减少6次"),
        (428, 0, "次", "较上年增加428次"),
        # From a base of 10 on: a rate, one decimal, none when whole.
        (11, 10, "名", "较上年增长10%"),
        (15, 12, "次", "较上年增长25%"),
        (9, 12, "次", "较上年下降25%"),
        (62, 53, "人次", "较上年增长17%"),
        (47, 40, "名", "较上年增长17.5%"),
        # From a doubling on: 倍, as reports write it (“增长1.5倍” is +150%).
        (19, 10, "次", "较上年增长90%"),
        (20, 10, "次", "较上年增长1倍"),
        (25, 10, "次", "较上年增长1.5倍"),
        (0, 10, "次", "较上年下降100%"),
        # Percentages: 个百分点.
        (Decimal("88.5"), Decimal("87.0"), "%", "较上年提高1.5个百分点"),
        (Decimal("85.0"), Decimal("88.0"), "%", "较上年下降3个百分点"),
        (Decimal("100.0"), Decimal("100.0"), "%", "与上年持平"),
    ],
)
def test_change_words(current, previous, unit, expected):
    assert change_words(current, previous, unit) == expected


def test_the_base_boundary_is_ten():
    assert MIN_PERCENT_BASE == 10
    assert change_words(MIN_PERCENT_BASE - 1 + 3, MIN_PERCENT_BASE - 1, "名") == "较上年增加3名"
    assert change_words(MIN_PERCENT_BASE + 3, MIN_PERCENT_BASE, "名") == "较上年增长30%"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("100.0"), "100"),
        (Decimal("88.5"), "88.5"),
        (Decimal("0.0"), "0"),
        (Decimal("12.50"), "12.5"),
        (7, "7"),
    ],
)
def test_numbers_are_written_without_a_trailing_zero(value, text):
    assert number_text(value) == text


def test_compared_only_where_the_previous_year_has_rows_in_the_same_dataset(year2025):
    """The fixture's 2024 has one 主题党日 (组织生活), one 三重一大 and one case admitted in
    2024 (发展党员), but no 服务活动: those are not compared, even though 2024 has other rows."""
    figures = compute_figures(2025, year2025.h.committee, previous=True)
    assert comparable(figures, "meetings.主题党日")
    assert change_text(figures, "meetings.主题党日") == "较上年增加1次"
    assert comparable(figures, "decisions.三重一大")
    assert comparable(figures, "development.new_probationary")
    assert not comparable(figures, "services.total")
    assert not comparable(figures, "services.people_served")
    assert change_text(figures, "services.people_served") == ""


def test_a_confirmed_prior_figure_is_compared_in_a_dataset_without_rows(year2025):
    h = year2025.h
    save_prior_figures(
        h.committee, 2024, [PriorValue("services.people_served", Decimal(40), "人次")]
    )
    figures = compute_figures(2025, h.committee, previous=True)
    assert comparable(figures, "services.people_served")
    # 180 on 40: the base is large enough for a rate, and it more than doubled.
    assert change_text(figures, "services.people_served") == "较上年增长3.5倍"
    # The other 服务活动 figures stay uncompared: only the confirmed key is.
    assert not comparable(figures, "services.total")


def test_no_previous_year_no_comparison(year2025):
    figures = compute_figures(2025, year2025.h.committee)
    assert not comparable(figures, "meetings.主题党日")
    assert change_text(figures, "meetings.主题党日") == ""


def test_a_ledger_taken_into_use_this_year_is_not_compared(hospital):
    """No rows at all before 2025 (the suite's bare hospital has members and organisations)."""
    from tests.factories import ServiceActivityFactory

    ServiceActivityFactory(
        organization=hospital.branch_a, date=dt.date(2025, 3, 1), people_served=9
    )
    figures = compute_figures(2025, hospital.committee, previous=True)
    assert figures.value("services.people_served") == 9
    assert not comparable(figures, "services.people_served")
