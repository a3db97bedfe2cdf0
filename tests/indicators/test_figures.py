"""党建+业务指标 and 舆情 in the report, counted by hand."""

import datetime as dt
from decimal import Decimal

import pytest

from dangjian.reports.figures import compute_figures
from dangjian.reports.narrative import build_report
from dangjian.reports.render import to_markdown
from tests.factories import IndicatorValueFactory, OpinionEventFactory

D = dt.date


@pytest.fixture
def year(hospital):
    h = hospital
    v = IndicatorValueFactory
    # 患者满意度 (%): A has Q1 96 and Q2 98 → 97; B has the year 95 (its Q4 91 is not counted) → (97+95)/2 = 96.0
    v(
        code="S-A1",
        organization=h.branch_a,
        indicator="患者满意度",
        period="Q1",
        value=Decimal("96"),
        unit="%",
    )
    v(
        code="S-A2",
        organization=h.branch_a,
        indicator="患者满意度",
        period="Q2",
        value=Decimal("98"),
        unit="%",
    )
    v(
        code="S-B",
        organization=h.branch_b,
        indicator="患者满意度",
        period="Y",
        value=Decimal("95"),
        unit="%",
    )
    v(
        code="S-B4",
        organization=h.branch_b,
        indicator="患者满意度",
        period="Q4",
        value=Decimal("91"),
        unit="%",
    )
    # 投诉 (件): A months 2 + 1, B year 4 → 7; the 2024 row is another year.
    v(code="C-A1", organization=h.branch_a, indicator="投诉", period="M01", value=2)
    v(code="C-A2", organization=h.branch_a, indicator="投诉", period="M07", value=1)
    v(code="C-B", organization=h.branch_b, indicator="投诉", period="Y", value=4)
    v(code="C-OLD", organization=h.branch_b, indicator="投诉", period="Y", value=50, year=2024)
    v(code="N-A", organization=h.branch_a, indicator="新技术新项目", value=3, unit="项")
    # 舆情 found in 2025: O1 handled in 2025, O2 handled only in 2026, O3 open; O4 is from 2024.
    OpinionEventFactory(
        code="O1",
        organization=h.branch_a,
        date=D(2025, 1, 1),
        handled_on=D(2025, 1, 5),
        result="已答复",
    )
    OpinionEventFactory(
        code="O2",
        organization=h.branch_b,
        date=D(2025, 12, 30),
        handled_on=D(2026, 1, 2),
        result="已答复",
    )
    OpinionEventFactory(code="O3", organization=h.committee, date=D(2025, 6, 1))
    OpinionEventFactory(code="O4", organization=h.committee, date=D(2024, 12, 31))
    return h


def test_hand_count(year):
    f = compute_figures(2025, year.committee)
    satisfaction = f["indicators.患者满意度"]
    assert (satisfaction.value, satisfaction.unit) == (Decimal("96.0"), "%")
    assert sorted(satisfaction.records) == ["S-A1", "S-A2", "S-B"]
    assert (f.value("indicators.投诉"), f["indicators.投诉"].unit) == (Decimal("7"), "件")
    assert f.value("indicators.新技术新项目") == Decimal("3")
    assert "indicators.下基层帮扶人次" not in f  # nothing typed: no figure
    assert sorted(f["opinion.total"].records) == ["O1", "O2", "O3"]
    assert f["opinion.handled"].records == ("O1",)
    assert f.value("opinion.rate") == Decimal("33.3")
    # Branch B alone: its year value wins over its Q4; A's values are not there.
    b = compute_figures(2025, year.branch_b)
    assert b.value("indicators.患者满意度") == Decimal("95.0")
    assert b.value("indicators.投诉") == Decimal("4")
    assert b["opinion.total"].records == ("O2",)


def test_narrative_lists_the_indicators_and_opinion_handling(year):
    text = to_markdown(build_report(compute_figures(2025, year.committee)))
    # The 党建+业务 indicators are in the appendix; the prose carries the Party-building figures.
    assert "| 患者满意度 | `indicators.患者满意度` | 96 |" in text
    assert "全年发现涉院舆情3件，舆情处置率33.3%" in text


def test_query_count_does_not_grow(year):
    before = compute_figures(2025, year.committee).queries
    for n in range(20):
        IndicatorValueFactory(organization=year.branch_a, indicator=f"指标{n}")
        OpinionEventFactory(organization=year.branch_b)
    after = compute_figures(2025, year.committee)
    assert after.queries == before
    assert after.value("indicators.指标7") == Decimal("3")
