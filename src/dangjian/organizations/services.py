"""Reading the organisation tree for pages: terms and elections (换届) per organisation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dangjian import rules

from .models import Organization, OrgType

ELECTION_STATES = {
    "overdue": "逾期未换届",
    "due_soon": "即将到期",
    "ok": "未到期",
    "unknown": "未记录选举日期",
}


@dataclass(frozen=True)
class ElectionRow:
    org: Organization
    state: str  # a key of ELECTION_STATES
    term_end: dt.date | None
    message: str
    term_years: int | None = None

    @property
    def label(self) -> str:
        return ELECTION_STATES[self.state]


def election_rows(organizations, *, on: dt.date) -> list[ElectionRow]:
    """The 换届 status of every organisation that holds elections (a 党小组 does not).

    《中国共产党基层组织选举工作条例》: due at the end of the term; reminders 6 and 3 months before
    (``dangjian.rules.election_status``). One pass over rows already loaded: no query per row.
    """
    from dangjian.compliance.overrides import rule_configs_for, term_years

    organizations = [org for org in organizations if org.org_type != OrgType.GROUP]
    # The organisation's own rules (term length, reminder months), as the reminders and the report use.
    configs = rule_configs_for(organizations)
    rows = []
    for org in organizations:
        config = configs[org.pk]
        years = term_years(org, config)
        if org.last_election_on is None:
            rows.append(ElectionRow(org, "unknown", None, "未记录本届选举日期", years))
            continue
        state = rules.election_status(org.last_election_on, years, on, config)
        rows.append(ElectionRow(org, state.status.value, state.term_end, state.message, years))
    return rows
