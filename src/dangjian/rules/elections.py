"""换届: term ends, reminders and election-meeting validity.

Sources: 《中国共产党基层组织选举工作条例》(2020) and the 党章 (terms: 党的基层委员会 5 years,
党总支部 and 党支部委员会 3 years; elections due when the term ends; a postponement or advance
needs the superior's approval and may not exceed 1 year; the superior reminds 6 months before
the term ends). The platform's own reminders: 6 and 3 months before, then monthly once overdue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from .config import DEFAULT_RULES, RuleConfig
from .dates import add_months, add_years
from .quorum import more_than
from .violations import Violation

__all__ = [
    "ElectionState",
    "ElectionStatus",
    "check_postponement",
    "election_meeting_valid",
    "election_reminders",
    "election_status",
    "is_overdue_at",
    "term_end",
]

DOCUMENT = "《中国共产党基层组织选举工作条例》（2020）"


def term_end(last_election: date, term_years: int) -> date:
    """The day the term ends: the election date plus ``term_years`` years (29 Feb → 28 Feb).

    《基层组织选举工作条例》; 届期年数 by org type: :meth:`RuleConfig.term_years_for`.
    """
    return add_years(last_election, term_years)


def is_overdue_at(last_election: date, term_years: int, on: date) -> bool:
    """True when the term ended before ``on`` and no later election is recorded.

    The election is due on the day the term ends and overdue from the next day. For the
    report's ``elections.overdue``, call with ``on`` = 31 December: an organisation whose term
    ended before the year's end and which has not elected since (``last_election`` is the
    latest election) is counted. 《基层组织选举工作条例》.
    """
    return on > term_end(last_election, term_years)


class ElectionStatus(StrEnum):
    """换届 status on a date."""

    OK = "ok"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"

    @property
    def label(self) -> str:
        """Chinese label."""
        return {"ok": "未到期", "due_soon": "即将到期", "overdue": "逾期未换届"}[self.value]


@dataclass(frozen=True, slots=True)
class ElectionState:
    """Status of an organisation's term on a date.

    ``within_months`` is the smallest reminder offset reached (6 or 3 by default) when the
    status is ``due_soon``, otherwise ``None``.
    """

    status: ElectionStatus
    term_end: date
    within_months: int | None = None

    @property
    def message(self) -> str:
        """Chinese text for dashboards and reminders."""
        end = self.term_end.isoformat()
        if self.status is ElectionStatus.OVERDUE:
            return f"本届任期已于 {end} 届满，逾期未换届"
        if self.status is ElectionStatus.DUE_SOON:
            return f"本届任期将于 {end} 届满（不足{self.within_months}个月），请做好换届准备"
        return f"本届任期至 {end}"


def election_status(
    last_election: date, term_years: int, on: date, config: RuleConfig = DEFAULT_RULES
) -> ElectionState:
    """Status on ``on``: overdue after the term end; due soon from ``offset`` months before it
    (each of ``config.election_reminder_months``, 6 and 3 by default, inclusive); ok before.

    Example, term ending 2026-06-30: 2025-12-29 ok, 2025-12-30 due soon (6), 2026-03-30 due
    soon (3), 2026-06-30 due soon (3), 2026-07-01 overdue.
    """
    end = term_end(last_election, term_years)
    if on > end:
        return ElectionState(ElectionStatus.OVERDUE, end)
    reached = [m for m in config.election_reminder_months if on >= add_months(end, -m)]
    if reached:
        return ElectionState(ElectionStatus.DUE_SOON, end, min(reached))
    return ElectionState(ElectionStatus.OK, end)


def election_reminders(
    last_election: date, term_years: int, until: date, config: RuleConfig = DEFAULT_RULES
) -> list[date]:
    """Reminder dates up to and including ``until``, in order.

    One at each offset before the term end (6 and 3 months by default), then, once overdue,
    on the first overdue day and monthly after it while no new election is recorded.
    """
    end = term_end(last_election, term_years)
    before = sorted({add_months(end, -m) for m in config.election_reminder_months})
    reminders = [d for d in before if d <= until]
    first_overdue = end + timedelta(days=1)
    k = 0
    while (d := add_months(first_overdue, k)) <= until:
        reminders.append(d)
        k += 1
    return reminders


def election_meeting_valid(entitled: int, present: int, config: RuleConfig = DEFAULT_RULES) -> bool:
    """An election meeting is valid with more than 4/5 of the members entitled to vote present.

    《基层组织选举工作条例》 as DOMAIN.md reads it — *verify*; the fraction is
    ``election_quorum_more_than``. Only 正式党员 are entitled to vote.
    """
    return more_than(present, entitled, config.election_quorum_more_than)


def check_postponement(
    last_election: date,
    term_years: int,
    planned_election: date,
    config: RuleConfig = DEFAULT_RULES,
) -> list[Violation]:
    """A planned election away from the term end needs the superior's approval and may not move
    by more than 1 year (``election_max_postponement_months``). 《基层组织选举工作条例》."""
    end = term_end(last_election, term_years)
    limit = config.election_max_postponement_months
    if add_months(end, -limit) <= planned_election <= add_months(end, limit):
        if planned_election != end:
            return [
                Violation(
                    code="election.rescheduled",
                    message=f"换届日期 {planned_election} 与任期届满日 {end} 不一致，须报上级党组织批准",
                    rule=f"{DOCUMENT} 提前或延期换届",
                    severity="warning",
                    field="planned_election",
                )
            ]
        return []
    return [
        Violation(
            code="election.rescheduled_too_far",
            message=f"提前或延期换届不得超过{limit}个月（任期届满日 {end}），计划日期 {planned_election}",
            rule=f"{DOCUMENT} 提前或延期换届",
            severity="error",
            field="planned_election",
        )
    ]
