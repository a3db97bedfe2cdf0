"""三重一大 at the 党委会: a committee of 9 members."""

from datetime import date

import pytest

from dangjian.rules.decisions import (
    DecisionCategory,
    check_decision,
    check_pre_study,
    has_quorum,
    is_adopted,
)


def test_categories_are_the_workbook_names() -> None:
    assert [c.value for c in DecisionCategory] == [
        "重大决策",
        "重要干部任免",
        "重大项目安排",
        "大额资金使用",
    ]


@pytest.mark.parametrize(
    ("category", "members", "present", "quorum"),
    [
        ("重大决策", 9, 4, False),
        ("重大决策", 9, 5, True),
        ("大额资金使用", 8, 4, False),  # exactly half is not more than half
        ("大额资金使用", 8, 5, True),
        ("重要干部任免", 9, 5, False),
        ("重要干部任免", 9, 6, True),  # exactly two thirds
        ("重要干部任免", 8, 5, False),  # 5/8 < 2/3
        ("重要干部任免", 8, 6, True),
        ("重大项目安排", 0, 0, False),
    ],
)
def test_quorum(category: str, members: int, present: int, quorum: bool) -> None:
    assert has_quorum(category, members, present) is quorum


@pytest.mark.parametrize(("votes", "adopted"), [(4, False), (5, True), (9, True)])
def test_adopted_by_more_than_half_of_members_due(votes: int, adopted: bool) -> None:
    assert is_adopted(9, votes) is adopted
    assert is_adopted(8, 4) is False


def test_check_decision_rows() -> None:
    assert check_decision("重大决策", 9, 7, 6) == []
    assert check_decision("重大决策", None, None) == []
    [v] = check_decision("重要干部任免", 9, 5)
    assert v.code == "decision.no_quorum"
    assert "三分之二以上" in v.message
    [v] = check_decision("重大决策", 9, 7, 4)
    assert v.code == "decision.not_adopted"
    [v] = check_decision("重大决策", 9, 10)
    assert v.code == "decision.present_exceeds_due"
    [v] = check_decision("重大决策", 9, 6, 7)
    assert v.code == "decision.votes_exceed_present"


@pytest.mark.parametrize(
    ("committee", "president", "ok"),
    [
        (date(2024, 3, 4), date(2024, 3, 5), True),
        (date(2024, 3, 5), date(2024, 3, 5), True),
        (date(2024, 3, 6), date(2024, 3, 5), False),
        (None, date(2024, 3, 5), False),
        (date(2024, 3, 6), None, True),
        (None, None, True),
    ],
)
def test_pre_study_by_the_committee(
    committee: date | None, president: date | None, ok: bool
) -> None:
    found = check_pre_study(committee, president)
    assert (found == []) is ok
    if not ok:
        assert found[0].code == "decision.pre_study_missing"
