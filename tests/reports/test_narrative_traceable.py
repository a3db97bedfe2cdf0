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
    assert "全年各党支部召开“三会一课”5次" in text
    assert "其中支部党员大会1次、支部委员会会议1次、党小组会1次、党课2次" in text
    assert "开展主题党日活动2次（较上年增加1次、增长100.0%）" in text
    assert "整改问题数5个，已完成2个、正在推进3个，问题完成率40.0%" in text
    assert "服务群众180人次" in text
    # 存在问题 derived from the data.
    assert "1个党组织任期已届满、尚未完成换届（县人民医院党委）" in text
    assert "有2个整改问题已超过整改时限仍未完成" in text
    assert "外科党支部33.3%" in text
    assert "有2项“三重一大”事项到会人数未达到" in text
    # The appendix lists records.
    assert "| 未达法定人数的决策 | `decisions.without_quorum` | 2 |" in text
    assert "J3、J2" in text


def test_empty_sections_are_marked_for_the_author_not_zero(hospital):
    report = build_report(
        compute_figures(2025, hospital.committee, previous=True), issued_on=dt.date(2026, 1, 5)
    )
    text = to_markdown(report)
    assert "【待补充：“三会一课”、主题党日和组织生活会开展情况" in text
    assert "召开“三会一课”0次" not in text
    assert "较上年" not in text  # no previous-year data, no comparison
    assert "2026年1月5日" in text


def test_numbering_closes_up_when_a_subsection_is_left_out(year2025):
    report = build_report(compute_figures(2025, year2025.h.branch_a, previous=True))
    first = report.sections[0]
    numbers = [s.number for s in first.sections]
    assert numbers == [f"（{n}）" for n in "一二三四五六"[: len(numbers)]]
    problems = report.sections[1]
    assert problems.title == "存在问题"
