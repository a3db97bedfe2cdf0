"""The demo hospital's annual report reads as a report a 党办 would sign (issue 17).

Built once for the module (the demo takes about two seconds); every test reads it.
"""

import datetime as dt
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


def _subtree(org):
    return list(Organization.objects.filter(path__startswith=org.path).values_list("pk", flat=True))


def _words(text):
    return text.strip().rstrip("。")


def test_problems_are_the_recorded_ones_each_once(report, hospital):
    """存在问题 states each 查摆问题 of the year in its own words, once (the same problem of two
    branches names both), grouped by area as “一是……二是……”."""
    from dangjian.problems.services import problems_for

    recorded = problems_for(_subtree(hospital), YEAR)
    assert len(recorded) >= 5  # 民主生活会, 组织生活会 and in-year findings in the demo
    problems = [report.text(p) for p in report.sections[1].paragraphs]
    section = "\n".join(problems)
    for row in recorded:
        assert section.count(_words(row.text)) == 1, row.text
        if row.organization_id != hospital.pk:
            assert f"{row.organization.name}" in section
    assert [p[:2] for p in problems] == [f"{n}是" for n in "一二三四五六"[: len(problems)]]
    assert "【待补充" not in section


def test_a_problem_tracked_as_an_overdue_rectification_is_stated_once(hospital):
    """A 查摆问题 linked to an overdue 整改台账 item says so in its own clause; that item is no
    longer counted again among the overdue rectifications (each fact once)."""
    from dangjian.problems.services import problems_for
    from dangjian.rectification.models import RectificationItem, RectificationStatus

    # Two items of the hospital left open past a 2025 deadline; the first 查摆问题 tracks one.
    items = list(
        RectificationItem.objects.filter(organization__path__startswith=hospital.path).order_by(
            "code"
        )[:2]
    )
    for item in items:
        item.deadline, item.status, item.completed_on = (
            dt.date(YEAR, 6, 30),
            RectificationStatus.IN_PROGRESS,
            None,
        )
        item.save()
    overdue = compute_figures(YEAR, hospital).get("rectification.overdue").records
    assert {i.code for i in items} <= set(overdue)
    row = problems_for(_subtree(hospital), YEAR)[0]
    row.rectification = items[0]
    row.save()
    text = narrative_text(build_report(compute_figures(YEAR, hospital, previous=True)))
    assert f"{_words(row.text)}，整改尚未按期完成" in text
    assert text.count(_words(row.text)) == 1
    assert not re.search(r"逾期未完成的整改问题\d", text)  # no count including the stated one
    assert "另有部分整改问题逾期未完成" in text


def test_next_steps_list_the_coming_years_work_points_and_open_measures(report, hospital):
    from dangjian.problems.services import open_problems_for
    from dangjian.reports.dedupe import clauses, same_clause
    from dangjian.workplans.services import plans_for

    plans = plans_for(_subtree(hospital), YEAR + 1)
    assert plans, "the demo draws up next year's 工作要点 in November"
    measures = "\n".join(report.text(p) for p in report.sections[2].paragraphs)
    for plan in plans:
        assert _words(plan.text) in measures, plan.text
    # Each open measure's every clause, said in its own words or by a plan it repeats (the rule
    # of reports/dedupe.py merges the repeat into the plan).
    said = clauses(measures)
    for row in open_problems_for(_subtree(hospital), YEAR):
        for clause in clauses(row.measures):
            assert clause in measures or any(same_clause(clause, c) for c in said), clause
    assert "【通用表述" not in measures
    assert measures.startswith("一是坚持把党的政治建设摆在首位。")
    assert not any(n.startswith("工作要点") for n in report.notes)


def test_a_branch_reports_its_own_problems_and_the_note_only_without_any(hospital):
    """A branch states its own 查摆问题 (never another branch's or the 党委's); with nothing
    recorded and no rule breach, 存在问题 is the 【待补充】 note and 下一步 the marked fallback."""
    from dangjian.organizations.models import OrgType
    from dangjian.problems.models import Problem

    rows = Problem.objects.filter(year=YEAR, organization__org_type=OrgType.BRANCH).select_related(
        "organization"
    )
    row = rows.order_by("code").first()
    assert row is not None
    branch = row.organization
    text = narrative_text(build_report(compute_figures(YEAR, branch, previous=True)))
    assert _words(row.text) in text
    assert "【待补充" not in text
    for other in Problem.objects.filter(year=YEAR).exclude(organization=branch):
        if other.text != row.text:
            assert _words(other.text) not in text, other.text
    # Without 查摆问题: a branch with no rule breach either shows the note for the clerk.
    Problem.objects.filter(organization__path__startswith=branch.path).delete()
    quiet = None
    for candidate in Organization.objects.filter(org_type=OrgType.BRANCH).order_by("path"):
        Problem.objects.filter(organization__path__startswith=candidate.path).delete()
        report = build_report(compute_figures(YEAR, candidate, previous=True))
        if report.sections[-2].title == "存在问题" and "【待补充" in narrative_text(report):
            quiet = report
            break
    assert quiet is not None, "some demo branch breaks no rule"
    text = narrative_text(quiet)
    assert "【待补充：结合组织生活会查摆的问题" in text
    assert "【通用表述" in text
    # The branch has no 工作要点 for the coming year: a note tells the clerk, not the text.
    assert any(n.startswith(f"工作要点：{YEAR + 1}年") for n in quiet.notes)


def _section(report, word):
    (section,) = [s for s in report.outline(report.text) if word in s["heading"]]
    return section["paragraphs"]


def _repeats(a: str, b: str) -> str:
    """The longest run of eight characters or more the leading clause of ``a`` shares with a
    clause of ``b`` ("" if none): independent of the report's own rule (reports/dedupe.py)."""
    from difflib import SequenceMatcher

    lead = re.split(r"[，；]", a)[0]
    for clause in re.split(r"[，；]", b):
        m = SequenceMatcher(None, lead, clause, autojunk=False).find_longest_match()
        if m.size >= 8:
            return lead[m.a : m.a + m.size]
    return ""


def test_no_two_plans_open_with_the_same_clause(report):
    # Before: “严格落实“第一议题”制度” (a 工作要点 and a problem's measure) and
    # “开展医药购销领域（不正之风）专项整治” each stood twice in one paragraph (issue 17).
    for paragraph in _section(report, "下一步"):
        sentences = [s for s in paragraph.split("。") if s][1:]  # after the area's lead
        for i, a in enumerate(sentences):
            for b in sentences[:i] + sentences[i + 1 :]:
                assert not _repeats(a, b), (a, b)


def test_the_three_important_one_large_judgement_is_made_once(report):
    # A recorded 查摆问题 judges the 三重一大 decisions (“党委会议事规则执行不够严格”); the rule
    # breach adds its figure there without a second judgement (“民主集中制执行还不够严格”).
    text = "".join(_section(report, "存在问题"))
    assert text.count("未达法定人数") == 1
    assert "全年有2项“三重一大”决策未达法定人数" in text
    assert text.count("不够严格") == 1
    assert "民主集中制执行还不够严格" not in text
