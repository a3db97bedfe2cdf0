"""The near-duplicate rule of 存在问题 and 下一步 (reports/dedupe.py), on plain strings."""

from dangjian.reports.dedupe import joins, key_phrases, merge_repeats, same_clause
from dangjian.reports.problems import Problem, phrase_measures, phrase_problems

PLAN = "深入落实《医疗机构工作人员廉洁从业九项准则》，开展医药购销领域不正之风专项整治。"
MEASURE = "开展医药购销领域专项整治，建立廉洁风险点台账，每半年开展一次以案促改警示教育。"


def test_a_clause_contained_in_a_longer_one_says_the_same():
    assert same_clause(
        "严格落实“第一议题”制度", "严格落实“第一议题”制度和党委理论学习中心组学习制度"
    )
    # 10 of its 11 bigrams are in the longer clause: above the 80% threshold.
    assert same_clause("开展医药购销领域专项整治", "开展医药购销领域不正之风专项整治")


def test_similar_but_different_clauses_are_not_the_same():
    # 4 of 9 bigrams in common: an annual plan and a three-year plan.
    assert not same_clause("制定年度发展党员计划", "制定三年发展党员规划")
    # A common stem, different work: 8 of 14 bigrams.
    assert not same_clause("每半年开展一次以案促改警示教育", "开展以案促改警示教育不少于2次")
    # Short stock phrases are never judged, even when equal.
    assert not same_clause("限期整改到位", "限期整改到位")


def test_a_measure_repeating_a_plan_joins_it_without_losing_a_clause():
    assert merge_repeats([PLAN, MEASURE]) == [
        "深入落实《医疗机构工作人员廉洁从业九项准则》，开展医药购销领域不正之风专项整治，"
        "建立廉洁风险点台账，每半年开展一次以案促改警示教育。"
    ]


def test_only_a_repeated_leading_clause_makes_a_repeat():
    # The measure shares a later clause only: it is a different measure, kept as it is.
    other = "建立廉洁风险点台账，开展医药购销领域专项整治。"
    assert merge_repeats([PLAN, other]) == [PLAN, other]
    different = ["制定年度发展党员计划，重点在临床一线发展党员。", "制定三年发展党员规划。"]
    assert merge_repeats(different) == different


def test_a_repeat_saying_nothing_new_is_dropped():
    assert merge_repeats([PLAN, "开展医药购销领域专项整治。"]) == [PLAN]


def test_key_phrases_are_quoted_terms_and_titles():
    assert key_phrases("修订《党委会议事规则》，“三重一大”事项会前充分酝酿") == {
        "党委会议事规则",
        "三重一大",
    }
    assert joins("全年有2项“三重一大”决策未达法定人数", "个别“三重一大”事项会前酝酿沟通不够充分")
    assert not joins("全年有2项“三重一大”决策未达法定人数", "党委会议事规则执行不够严格")


RECORDED = Problem(
    "政治建设", "个别“三重一大”事项会前酝酿不够充分，议事规则执行不够严格", "", "查摆问题"
)
BREACH = Problem(
    "政治建设",
    "“三重一大”事项中有2项决策未达法定人数，民主集中制执行还不够严格",
    "严格执行议事规则",
    "rule",
    fact="全年有2项“三重一大”决策未达法定人数",
)


def test_a_breach_already_judged_by_a_recorded_problem_adds_only_its_fact():
    (paragraph,) = phrase_problems([RECORDED, BREACH], "committee")
    assert paragraph.endswith(
        "个别“三重一大”事项会前酝酿不够充分，议事规则执行不够严格，全年有2项“三重一大”决策未达法定人数。"
    )
    assert "民主集中制执行还不够严格" not in paragraph
    # Its measure is still one of next year's.
    assert "严格执行议事规则。" in phrase_measures([RECORDED, BREACH], "committee")[0]


def test_a_breach_keeps_its_judgement_beside_another_organisation_or_concern():
    branch = Problem(
        "政治建设", "内科党支部个别“三重一大”事项酝酿不够", "", "查摆问题", subject="内科党支部"
    )
    unrelated = Problem("政治建设", "党委会议事规则执行不够严格", "", "查摆问题")
    for earlier in (branch, unrelated):
        (paragraph,) = phrase_problems([earlier, BREACH], "committee")
        assert paragraph.endswith(f"；{BREACH.text}。")
    # A bureau's breaches are its hospitals': never joined to its own recorded problem.
    (paragraph,) = phrase_problems([RECORDED, BREACH], "bureau")
    assert paragraph.endswith(f"；{BREACH.text}。")
