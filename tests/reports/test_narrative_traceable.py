"""Every number written in the narrative is a figure of the appendix, with its records."""

import datetime as dt
import re

from dangjian.reports.figures import compute_figures
from dangjian.reports.narrative import build_report
from dangjian.reports.render import appendix_rows, to_markdown

NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _narrative_numbers(report):
    texts = [report.text(p) for p in report.lead]
    for section in report.outline(report.text):
        texts += section["paragraphs"]
        for sub in section["sections"]:
            texts += sub["paragraphs"]
    text = "\n".join(texts)
    # The year and organisation names are not figures.
    text = text.replace(f"{report.year}年", "")
    return NUMBER.findall(text)


def test_every_narrative_number_is_in_the_appendix(year2025):
    report = build_report(compute_figures(2025, year2025.h.committee, previous=True))
    appendix = appendix_rows(report)
    traced = set()
    for row in appendix:
        if row["used"]:
            traced.add(row["value"])
            traced.update(NUMBER.findall(row["change"]))
            assert row["records"] or row["value"] in {"0", "—"} or row["key"].endswith(".rate"), row
    numbers = _narrative_numbers(report)
    assert numbers, "the narrative should contain figures"
    assert [n for n in numbers if n not in traced] == []


def test_sentences_carry_the_hand_counted_figures(year2025):
    text = to_markdown(build_report(compute_figures(2025, year2025.h.committee, previous=True)))
    assert "全年开展“三会一课”5次" in text
    # The per-type breakdown (支部党员大会, 党小组会 …) is in the appendix, not the prose.
    assert "其中支部党员大会" not in text
    assert "开展主题党日活动2次" in text
    assert "全年整改问题5个，整改完成率40%" in text
    assert "服务群众180人次" in text
    # 存在问题 derived from the data, grouped by area as “一是……二是……”.
    assert "县人民医院党委任期届满后未按期换届" in text
    assert "逾期未完成的整改问题2个" in text
    assert "外科党支部党员参会率33.3%" in text
    assert "“三重一大”事项中有2项决策未达法定人数" in text
    assert "一是贯彻落实上级决策部署和民主集中制还有差距。" in text
    # 下一步: one measure per open problem under its area's lead, no boilerplate mark.
    assert "是全面加强基层组织建设。督促县人民医院党委尽快完成换届选举。" in text
    assert "【通用表述" not in text
    # The Markdown appendix still lists records.
    assert "| 未达法定人数的决策 | `decisions.without_quorum` | 2 |" in text
    assert "J3、J2" in text


def test_empty_ledgers_are_notes_for_the_clerk_not_text(hospital):
    report = build_report(
        compute_figures(2025, hospital.committee, previous=True), issued_on=dt.date(2026, 1, 5)
    )
    text = to_markdown(report)
    # No 组织生活 rows in 2025: the text leaves the part out; a note tells the clerk.
    assert "三会一课”0次" not in text and "暂无记录" not in text and "台账" not in text
    assert any(note.startswith("组织生活：2025年没有记录") for note in report.notes)
    assert "较上年" not in text  # no previous-year data, no comparison
    assert "2026年1月5日" in text
    # Nothing recorded as a problem: the placeholder, and the marked boilerplate for 下一步.
    assert "【待补充：结合民主生活会、组织生活会查摆的问题" in text
    assert "【通用表述，请结合本单位工作要点修改】" in text


def test_numbering_closes_up_when_a_subsection_is_left_out(year2025):
    report = build_report(compute_figures(2025, year2025.h.branch_a, previous=True))
    first = report.sections[0]
    numbers = [s.number for s in first.sections]
    assert numbers == [f"（{n}）" for n in "一二三四五六"[: len(numbers)]]
    problems = report.sections[1]
    assert problems.title == "存在问题"
