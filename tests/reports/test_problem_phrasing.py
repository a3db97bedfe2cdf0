"""Phrasing 存在问题 and 下一步 (reports/problems.py): pure functions on collected problems."""

from dangjian.reports.problems import FALLBACK_MARK, Problem, phrase_measures, phrase_problems


def test_an_area_lead_is_not_said_twice():
    """A recorded problem opening with the lead's own subject is not preceded by the lead
    (“纪律规矩意识还需进一步强化。纪律规矩意识有待加强，……”)."""
    problems = [
        Problem("思想建设", "部分党员理论学习主动性不强", "每月开展一次学习交流", "查摆问题"),
        Problem("纪律建设", "纪律规矩意识有待加强，日常提醒不够经常", "", "查摆问题"),
    ]
    assert phrase_problems(problems, "branch") == [
        "一是理论学习的深度和实效还需增强。部分党员理论学习主动性不强。",
        "二是纪律规矩意识有待加强，日常提醒不够经常。",
    ]


def test_measures_only_for_open_problems_and_the_fallback_only_without_any():
    settled = Problem("纪律建设", "纪律规矩意识有待加强", "", "查摆问题")
    open_ = Problem("思想建设", "部分党员理论学习主动性不强", "每月开展一次学习交流。", "查摆问题")
    assert phrase_measures([settled, open_], "branch") == [
        "一是加强党员理论学习。每月开展一次学习交流。"
    ]
    fallback = phrase_measures([settled], "branch")
    assert fallback[0] == FALLBACK_MARK and fallback[1].startswith("一是")
