"""The demo hospital's annual report reads as a report a 党办 would sign (issue 17).

Built once for the module (the demo takes about two seconds); every test reads it.
"""

import re

import pytest

from dangjian.organizations.models import Organization
from dangjian.reports.figures import compute_figures
from dangjian.reports.narrative import build_report
from dangjian.reports.render import to_docx, to_json

from .demo_reports import (
    ISSUED,
    YEAR,
    demo_database,
    factcheck_docx,
    narrative_text,
    number_density,
    unmatched_levels,
    without_recorded,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with demo_database(django_db_blocker) as summary:
        yield summary


@pytest.fixture
def hospital(demo, db):
    return Organization.objects.get(parent=None)


@pytest.fixture
def report(hospital):
    return build_report(compute_figures(YEAR, hospital, previous=True), issued_on=ISSUED)


@pytest.fixture
def text(report):
    return narrative_text(report)


def test_number_density_is_that_of_a_real_report(text):
    # corpus/000 states about 8 numbers per 1,000 characters; the issue measured 37 here.
    assert number_density(text) <= 20, number_density(text)


def test_no_comparison_with_a_dataset_empty_the_year_before(report, text):
    # 2024 has no 组织生活 in the demo: “三会一课428次（较上年增加428次）” must not happen.
    assert report.figures.previous.records_in("events") == 0
    assert report.figures.records_in("events") > 0
    assert "“三会一课”" in text
    sentence = next(s for s in re.split("[。]", text) if "“三会一课”" in s and "开展" in s)
    assert "较上年" not in sentence
    assert "%" not in "".join(re.findall(r"较上年[^，。]*", text)) or all(
        "增长" in c or "下降" in c for c in re.findall(r"较上年[^，。]*%", text)
    )
    assert ".0%" not in text and "100.0" not in text


def test_zeros_are_left_out_or_written_as_facts(text):
    assert not re.search(r"(?<![\d.])0(?:个|名|次|项|件|份|人次)", text)
    assert "正在推进0" not in text and "把0名" not in text


def test_each_fact_once_and_no_platform_words(hospital, text):
    # The recorded 查摆问题 and 工作要点 speak for themselves (“学习的系统性还不够”).
    own = without_recorded(text, Organization.objects.filter(path__startswith=hospital.path))
    for word in ("台账记录", "平台", "系统"):
        assert word not in own, word
    assert text.count("民主评议党员") <= 1
    assert text.count("双带头人”党支部书记") == 1
    # 警示教育 is counted from the 党风廉政建设 ledger only (one definition).
    assert len(re.findall(r"警示教育\d+次", text)) == 1
    assert "廉政警示教育" in text


def test_no_contradiction_between_practice_and_problems(report, text):
    if report.figures.value("decisions.without_quorum"):
        assert "决策未达法定人数" in text
        assert "严格落实党委会议事规则" not in text


def test_typical_practice_names_concrete_items(report, text):
    first = report.sections[0]
    assert first.title == "主要工作及成效"
    # The service with most people served (not a standing 党员先锋岗), by where it went.
    assert "赴龙泉镇开展健康义诊" in text
    # The highest-level honour, by name; brands and 示范点 by name; 主题党日 forms.
    assert "被中共宾阳县委员会评为“2025年度先进基层党组织”" in text
    assert "“童心护航”" in text and "示范点" in text
    # Quotes inside a quoted brand name are single; an organisation word is never doubled.
    for sentence in re.findall("[^。]*党建品牌创建[^。]*。", text):
        assert sentence.count("“") == sentence.count("”"), sentence
    assert "党支部党支部" not in text
    assert "党支部标准化规范化建设示范点" in text
    assert "参观红色教育基地" in text or "重温入党誓词" in text


def test_problems_and_measures_from_records(report, text):
    titles = [s.title for s in report.sections]
    assert titles == ["主要工作及成效", "存在问题", "下一步工作打算"]
    problems, measures = report.sections[1], report.sections[2]
    assert problems.paragraphs[0].startswith("一是")
    assert "【待补充" not in text
    assert "离退休党支部党员参会率79%" in text
    # One measure per open problem, numbered the same way; no boilerplate mark.
    assert len([p for p in measures.paragraphs if re.match("[一二三四五六七八九十]是", p)]) >= 2
    assert "【通用表述" not in text


def test_json_lead_carries_its_figures_and_the_notes(report):
    data = to_json(report)
    lead = data["sections"][0]
    assert lead["title"] == "导语"
    assert {"org.branches", "members.total"} <= set(lead["figures"])
    assert data["notes"] == report.notes
    assert data["meta"]["voice"] == "committee"


def test_the_2024_report_names_no_failing_for_an_empty_ledger(hospital):
    report = build_report(compute_figures(YEAR - 1, hospital, previous=True), issued_on=ISSUED)
    text = narrative_text(report)
    assert report.figures.records_in("events") == 0
    assert "书记全年未讲党课" not in text and "参会率" not in text
    assert any(n.startswith("组织生活：2024年没有记录") for n in report.notes)
    assert "暂无记录" not in text and "台账" not in text


def test_every_number_of_the_word_report_is_a_figure(report, hospital, tmp_path):
    """`dangjian factcheck` on the generated .docx matches every number, with no mismatch
    (changes on the previous year are not levels: factcheck sets them aside by design)."""
    path = tmp_path / "hospital.docx"
    path.write_bytes(to_docx(report))
    result = factcheck_docx(path, YEAR, hospital.code)
    assert result["differ"] == []
    assert unmatched_levels(result) == []
    assert len(result["agree"]) >= 25


def test_the_branch_report_speaks_as_a_branch(hospital, tmp_path):
    branch = Organization.objects.get(code="H01-ZB01")
    report = build_report(compute_figures(YEAR, branch, previous=True), issued_on=ISSUED)
    text = narrative_text(report)
    assert report.voice == "branch"
    assert "下设党支部" not in text and "各党支部" not in text and "院党委下设" not in text
    assert "支部现有党员" in text
    assert number_density(text) <= 20
    path = tmp_path / "branch.docx"
    path.write_bytes(to_docx(report))
    result = factcheck_docx(path, YEAR, branch.code)
    assert result["differ"] == [] and unmatched_levels(result) == []
