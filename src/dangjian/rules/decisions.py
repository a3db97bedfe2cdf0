"""三重一大 at the 党委会: quorum, adoption and 前置研究.

Source: 《关于加强公立医院党的建设工作的意见》(2018) — 党委领导下的院长负责制; 三重一大 items are
decided collectively by the 党委会; items that also go to the 院长办公会 are studied by the
党委 first (前置研究). Quorum and adoption follow the common 议事规则 (*verify*; configurable).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from .config import DEFAULT_RULES, RuleConfig
from .quorum import at_least, more_than
from .violations import Violation

__all__ = [
    "DecisionCategory",
    "check_decision",
    "check_pre_study",
    "has_quorum",
    "is_adopted",
]

DOCUMENT = "《关于加强公立医院党的建设工作的意见》（2018）"
RULES_OF_PROCEDURE = f"{DOCUMENT}；党委会议事规则"


class DecisionCategory(StrEnum):
    """事项类别 in the workbook's 三重一大 sheet."""

    MAJOR_DECISION = "重大决策"
    CADRE_APPOINTMENT = "重要干部任免"
    MAJOR_PROJECT = "重大项目安排"
    LARGE_FUNDS = "大额资金使用"


def has_quorum(
    category: DecisionCategory | str,
    members_due: int,
    present: int,
    config: RuleConfig = DEFAULT_RULES,
) -> bool:
    """Quorum of the 党委会 for a 三重一大 item.

    More than half of the members due to attend (``decision_quorum_more_than``); for
    重要干部任免 two thirds or more (``cadre_quorum_at_least``). 议事规则 — *verify*.
    """
    if DecisionCategory(category) is DecisionCategory.CADRE_APPOINTMENT:
        return at_least(present, members_due, config.cadre_quorum_at_least)
    return more_than(present, members_due, config.decision_quorum_more_than)


def is_adopted(members_due: int, votes_for: int, config: RuleConfig = DEFAULT_RULES) -> bool:
    """Adopted when more than half of the members due to attend vote for it (议事规则)."""
    return more_than(votes_for, members_due, config.decision_adoption_more_than)


def check_decision(
    category: DecisionCategory | str,
    members_due: int | None,
    present: int | None,
    votes_for: int | None = None,
    config: RuleConfig = DEFAULT_RULES,
) -> list[Violation]:
    """Violations of one 三重一大 row: inconsistent counts, no quorum, adopted without a majority.

    Missing counts skip the checks that need them (应到人数 and 实到人数 are optional columns).
    """
    kind = DecisionCategory(category)
    if members_due is None or present is None:
        return []
    if present > members_due:
        return [
            Violation(
                code="decision.present_exceeds_due",
                message=f"实到人数（{present}）多于应到人数（{members_due}）",
                rule=RULES_OF_PROCEDURE,
                field="实到人数",
            )
        ]
    found: list[Violation] = []
    if not has_quorum(kind, members_due, present, config):
        need = "三分之二以上" if kind is DecisionCategory.CADRE_APPOINTMENT else "超过半数"
        found.append(
            Violation(
                code="decision.no_quorum",
                message=f"{kind.value}事项须{need}应到人员到会，应到{members_due}人、实到{present}人，未达法定人数",
                rule=RULES_OF_PROCEDURE,
                field="实到人数",
            )
        )
    if votes_for is not None:
        if votes_for > present:
            found.append(
                Violation(
                    code="decision.votes_exceed_present",
                    message=f"赞成票（{votes_for}）多于实到人数（{present}）",
                    rule=RULES_OF_PROCEDURE,
                    field="表决结果",
                )
            )
        elif not is_adopted(members_due, votes_for, config):
            found.append(
                Violation(
                    code="decision.not_adopted",
                    message=f"赞成票{votes_for}票，未超过应到人数（{members_due}人）的半数，不能形成决定",
                    rule=RULES_OF_PROCEDURE,
                    field="表决结果",
                )
            )
    return found


def check_pre_study(
    committee_date: date | None, president_meeting_date: date | None
) -> list[Violation]:
    """前置研究: an item that also goes to the 院长办公会 must reach the 党委会 on or before that day.

    No 院长办公会 date: nothing to check. 院长办公会 without a 党委会 date, or before it: error.
    """
    if president_meeting_date is None:
        return []
    if committee_date is None:
        message = f"该事项已提交院长办公会（{president_meeting_date}），未见党委会前置研究记录"
    elif committee_date > president_meeting_date:
        message = (
            f"党委会研究日期（{committee_date}）晚于院长办公会日期（{president_meeting_date}），"
            "不符合党委前置研究要求"
        )
    else:
        return []
    return [
        Violation(
            code="decision.pre_study_missing",
            message=message,
            rule=f"{DOCUMENT} 党委前置研究",
            field="会议日期",
        )
    ]
