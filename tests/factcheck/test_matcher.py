"""Matching draft figures to report figure keys: synonyms, units, changes, sub-organisations."""

from decimal import Decimal

import pytest

from dangjian.factcheck.matcher import SYNONYMS, candidates, match_figure, units_compatible
from dangjian.ingest import ingest_text
from dangjian.reports.figures import REGISTRY, compute_figures


def test_synonyms_name_registry_keys():
    assert set(SYNONYMS) <= {d.key for d in REGISTRY}


@pytest.mark.parametrize(
    ("draft", "unit", "figure_unit", "ok"),
    [
        ("名", "名", "名", True),
        ("人", "人", "名", True),
        ("场", "场", "次", True),
        ("项", "项", "个", True),
        ("人次", "人次", "名", False),
        ("次", "次", "%", False),
        ("%", "%", "%", True),
        ("名", "名", "人次", False),
    ],
)
def test_unit_compatibility(draft, unit, figure_unit, ok):
    assert units_compatible(unit, figure_unit) is ok


def _keys(text, figures):
    cands = candidates(figures)
    subs = [n for c, n in figures.org_names.items() if c != figures.org.code]
    out = []
    for f in ingest_text(text).figures:
        start = f.clause.find(f.text)
        out.append(match_figure(f.label, f.clause, f.unit, start, cands, subs))
    return out


def test_matches_by_label_and_synonym(hospital):
    figures = compute_figures(2025, hospital.committee)
    text = (
        "全院共有党员4名，其中预备党员1名。召开支部党员大会6场，“三会一课”20次。"
        "新确定入党积极分子3名，收到入党申请书5份。全年党员参会率达95%。"
        "集体研究“三重一大”事项12项。"
    )
    keys = [m.figure.key if m.figure else None for m in _keys(text, figures)]
    assert keys == [
        "members.total",
        "members.probationary",
        "meetings.支部党员大会",
        "meetings.三会一课",
        "development.activists",
        None,  # 份 is not a unit of any people count
        "attendance.rate",
        "decisions.三重一大",
    ]


def test_branch_figures_and_sub_organisations(hospital):
    figures = compute_figures(2025, hospital.committee)
    matches = _keys("内科党支部共有党员2名。外科党支部开展主题党日活动3次。", figures)
    assert matches[0].figure.key == f"members.by_branch.{hospital.branch_a.code}"
    # No per-branch 主题党日 figure: a sub-organisation's count is not the committee's.
    assert matches[1].figure is None and "下级党组织" in matches[1].reason


def test_changes_and_wrong_units_are_unmatched(hospital):
    figures = compute_figures(2025, hospital.committee)
    matches = _keys("开展主题党日活动12次，较上年增加3次。发展党员9人次。", figures)
    assert matches[0].figure.key == "meetings.主题党日"
    assert matches[1].figure is None and "变化量" in matches[1].reason
    assert matches[2].figure is None and "人次" in matches[2].reason


def test_clause_words_do_not_match_another_noun(hospital):
    # From corpus 002: the clause mentions 支部 and 党员, but what is counted is 层面 and 医务工作者.
    figures = compute_figures(2025, hospital.committee)
    matches = _keys(
        "全院各支部均按要求从线上线下两个层面开展学习。"
        "院党委组织各支部党员一行10余名医务工作者组成义诊服务队。",
        figures,
    )
    assert [m.figure for m in matches] == [None, None]


def test_targets_in_the_plans_for_next_year_are_not_compared(hospital):
    """“三、下一步工作打算” states plans (“开展主题党日活动不少于12次”), not what the year did:
    such a number is set aside with its reason; the same words before that heading are checked."""
    from dangjian.factcheck.check import PLAN_REASON, check_result

    figures = compute_figures(2025, hospital.committee)
    text = (
        "一、主要工作\n全年开展主题党日活动7次。\n"
        "二、下一步工作打算\n一是开展主题党日活动不少于12次。\n"
        "附件\n主题党日活动7次\n"
    )
    result = check_result(ingest_text(text), figures)
    set_aside = [i for i in result.unmatched if i.reason == PLAN_REASON]
    assert [i.draft.text for i in set_aside] == ["不少于12次"]  # the qualifier is part of the claim
    checked = [i.draft.text for i in result.agree + result.differ]
    assert checked.count("7次") == 2


@pytest.fixture
def indicators2025(hospital):
    """党建+业务指标 of 2025, as tests/indicators enter them: 患者满意度 A 95.0 / B 95.4 → 95.2%;
    新技术新项目 A 3 + B 2 → 5项."""
    from tests.factories import IndicatorValueFactory

    h = hospital
    for code, org, value in (("S-A", h.branch_a, "95.0"), ("S-B", h.branch_b, "95.4")):
        IndicatorValueFactory(
            code=code, organization=org, indicator="患者满意度", value=Decimal(value), unit="%"
        )
    for code, org, value in (("N-A", h.branch_a, 3), ("N-B", h.branch_b, 2)):
        IndicatorValueFactory(
            code=code, organization=org, indicator="新技术新项目", value=value, unit="项"
        )
    return h


def test_indicator_figures_are_matched(indicators2025):
    """A figure declared per indicator (``indicators.{name}``) is matchable like any other: the
    stated 患者满意度 and 新技术新项目 agree with the ledger, a changed number is a difference."""
    from dangjian.factcheck.check import check_result

    figures = compute_figures(2025, indicators2025.committee)
    assert figures["indicators.患者满意度"].value == Decimal("95.2")
    matches = _keys("患者满意度达到95.2%。开展新技术新项目5项。", figures)
    assert [m.figure.key if m.figure else None for m in matches] == [
        "indicators.患者满意度",
        "indicators.新技术新项目",
    ]

    result = check_result(ingest_text("患者满意度达到95.2%，开展新技术新项目5项。"), figures)
    assert [(i.draft.text, i.figure.key) for i in result.agree] == [
        ("95.2%", "indicators.患者满意度"),
        ("5项", "indicators.新技术新项目"),
    ]
    assert not result.differ

    result = check_result(ingest_text("患者满意度达到96.8%，开展新技术新项目7项。"), figures)
    assert not result.agree
    assert [(i.draft.text, i.figure.key, i.ledger_value) for i in result.differ] == [
        ("96.8%", "indicators.患者满意度", 95.2),
        ("7项", "indicators.新技术新项目", 5),
    ]
