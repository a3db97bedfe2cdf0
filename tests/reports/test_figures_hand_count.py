"""Every figure equals its hand count (see conftest.py for why each row is in or out)."""

from decimal import Decimal

from dangjian.orglife.models import EventType
from dangjian.reports.figures import compute_figures

# (value, records) counted by hand for 县人民医院党委 (the whole tree), 2025.
TREE = {
    "org.branches": (2, ["A", "B"]),
    "org.groups": (1, ["A1"]),
    "org.general_branches": (0, []),
    "members.total": (7, None),
    "members.probationary": (2, ["M5", "M6"]),
    "members.dual_leaders": (1, None),  # alice only; 周书记 is the 党委's secretary
    "meetings.支部党员大会": (1, ["E4"]),
    "meetings.支部委员会会议": (1, ["E5"]),
    "meetings.党小组会": (1, ["E1"]),
    "meetings.党课": (2, ["E3", "E2"]),
    "meetings.主题党日": (2, ["E6", "E7"]),
    "meetings.组织生活会": (0, []),
    "meetings.民主评议党员": (0, []),
    "meetings.民主生活会": (0, []),
    "meetings.党委会": (1, ["E8"]),
    "meetings.理论学习中心组学习": (1, ["E10"]),
    "meetings.第一议题学习": (1, ["E9"]),
    "meetings.专题研讨": (0, []),
    "meetings.党建专题会议": (0, []),
    "meetings.宣讲": (0, []),
    "meetings.警示教育": (1, ["E11"]),
    "meetings.三会一课": (5, ["E1", "E5", "E4", "E3", "E2"]),
    "meetings.党课.by_secretary": (1, ["E2"]),
    "meetings.党课.branches_without_secretary": (1, ["B"]),
    # 11 records in 2025, 8 present.
    "attendance.rate": (Decimal("72.7"), None),
    "attendance.records": (11, None),
    "attendance.rate.by_branch.A": (Decimal("87.5"), None),  # 8 rows, 7 present
    "attendance.rate.by_branch.B": (Decimal("33.3"), None),  # 3 rows of E4, 1 present
    "attendance.low_branches": (1, ["B"]),
    "development.applicants": (1, None),
    "development.activists": (1, None),
    "development.new_probationary": (1, None),
    "development.converted": (1, None),
    "development.new_probationary.by_branch.A": (1, None),  # admitted in the 党小组 A1
    "development.new_probationary.by_branch.B": (0, []),
    "elections.completed": (1, ["A"]),
    "elections.overdue": (1, ["HOSP"]),
    "rectification.total": (5, ["R7", "R1", "R6", "R2", "R3"]),
    "rectification.done": (2, ["R7", "R1"]),
    "rectification.in_progress": (3, ["R6", "R2", "R3"]),
    "rectification.rate": (Decimal("40.0"), None),
    "rectification.overdue": (2, ["R6", "R3"]),
    "decisions.三重一大": (4, ["J1", "J3", "J4", "J2"]),
    "decisions.without_quorum": (2, ["J3", "J2"]),
    "services.义诊": (2, ["S1", "S3"]),
    "services.志愿服务": (1, ["S2"]),
    "services.健康讲座": (1, ["S4"]),
    "services.结对帮扶": (0, []),
    "services.total": (4, None),
    "services.people_served": (180, ["S1", "S3", "S4", "S2"]),
    "services.participants": (10, None),
    "members.by_branch.A": (3, None),
    "members.by_branch.B": (3, None),
}

BRANCH_A = {
    "org.branches": (1, ["A"]),
    "members.total": (3, None),
    "members.probationary": (1, ["M6"]),
    "members.dual_leaders": (1, None),
    "meetings.党小组会": (1, ["E1"]),
    "meetings.党课": (1, ["E2"]),
    "meetings.支部委员会会议": (1, ["E5"]),
    "meetings.支部党员大会": (0, []),
    "meetings.三会一课": (3, ["E1", "E5", "E2"]),
    "meetings.主题党日": (1, ["E6"]),
    "meetings.党委会": (0, []),
    "meetings.党课.by_secretary": (1, ["E2"]),
    "attendance.rate": (Decimal("87.5"), None),
    "attendance.low_branches": (0, []),
    "development.applicants": (1, None),
    "development.activists": (0, []),
    "development.new_probationary": (1, None),
    "development.converted": (0, []),
    "elections.completed": (1, ["A"]),
    "elections.overdue": (0, []),
    "rectification.total": (2, ["R1", "R6"]),
    "rectification.done": (1, ["R1"]),
    "rectification.in_progress": (1, ["R6"]),
    "rectification.rate": (Decimal("50.0"), None),
    "decisions.三重一大": (0, []),
    "decisions.without_quorum": (0, []),
    "services.义诊": (1, ["S1"]),
    "services.志愿服务": (1, ["S2"]),
    "services.people_served": (150, None),
}


def _check(figures, expected):
    problems = []
    for key, (value, records) in expected.items():
        figure = figures[key]
        if figure.value != value:
            problems.append(f"{key}: {figure.value!r} != {value!r}")
        if records is not None and sorted(figure.records) != sorted(records):
            problems.append(f"{key} records: {list(figure.records)} != {records}")
    assert not problems, "\n".join(problems)


def test_whole_tree_matches_hand_count(year2025):
    figures = compute_figures(2025, year2025.h.committee)
    _check(figures, TREE)
    h = year2025.h
    assert sorted(figures["attendance.rate.by_branch.B"].records) == sorted(
        [f"E4/{h.dave_member.member_no}", f"E4/{h.erin_member.member_no}", "E4/M5"]
    )
    assert figures["members.dual_leaders"].records == (h.alice_member.member_no,)


def test_one_branch_matches_hand_count(year2025):
    _check(compute_figures(2025, year2025.h.branch_a), BRANCH_A)


def test_every_spec_key_is_present(year2025):
    figures = compute_figures(2025, year2025.h.committee)
    spec = [
        "org.branches",
        "members.total",
        "members.probationary",
        "members.dual_leaders",
        "meetings.三会一课",
        "attendance.rate",
        "development.applicants",
        "development.activists",
        "development.new_probationary",
        "development.converted",
        "elections.completed",
        "elections.overdue",
        "rectification.total",
        "rectification.done",
        "rectification.in_progress",
        "rectification.rate",
        "decisions.三重一大",
        "decisions.without_quorum",
        "services.people_served",
    ] + [f"meetings.{value}" for value in EventType.values]
    assert [key for key in spec if key not in figures] == []
    assert figures["meetings.主题党日"].label == "主题党日次数"
    assert figures["attendance.rate"].label == "参会率" and figures["attendance.rate"].unit == "%"


def test_development_records_mask_the_identity_number(year2025):
    figure = compute_figures(2025, year2025.h.committee)["development.new_probationary"]
    assert figure.records[0].startswith("发展2（330")
    assert "*" in figure.records[0]


def test_a_year_without_data_has_no_rates(hospital):
    figures = compute_figures(2030, hospital.committee)
    assert figures.value("attendance.rate") is None
    assert figures.value("rectification.rate") is None
    assert figures.value("meetings.三会一课") == 0
