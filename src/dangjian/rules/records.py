"""What makes a ledger record acceptable at all: plausible dates and the checks between fields.

These are the rules the page, the API and the workbook importer all apply before anything is
written (the models call them from ``full_clean``; the importer calls them per row). Each returns
:class:`~dangjian.rules.violations.Violation` objects naming the field at fault.

One plausible-date rule covers every date field of every ledger, by what the date means:

* ``BIRTH``   出生日期: from 1900-01-01 to today;
* ``PARTY``   facts of a Party life or an organisation's history (入党、转正、成立、选举):
  from the founding of the Party (1921-07-01) to today;
* ``LEDGER``  everything else a ledger records or plans (活动、整改时限、签订、交纳…): from the
  founding of the People's Republic (1949-10-01) to the end of ``YEAR_MAX``.

Year fields (年度) use ``YEAR_MIN``–``YEAR_MAX``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum

from .dates import age_on
from .violations import Violation

__all__ = [
    "HISTORY_YEAR_MIN",
    "MAX_TERM_YEARS",
    "YEAR_MAX",
    "YEAR_MIN",
    "DateKind",
    "date_bounds",
    "date_problem",
    "event_problems",
    "member_problems",
    "organization_problems",
    "rectification_problems",
    "responsibility_problems",
    "year_problem",
]

YEAR_MIN = 1949
YEAR_MAX = 2100
#: The first year a page, a report or a 表彰 may refer to: the founding of the Party.
HISTORY_YEAR_MIN = 1921
MAX_TERM_YEARS = 5
PARTY_FOUNDED = dt.date(1921, 7, 1)
PRC_FOUNDED = dt.date(1949, 10, 1)
EARLIEST_BIRTH = dt.date(1900, 1, 1)


class DateKind(Enum):
    BIRTH = "birth"
    PARTY = "party"
    LEDGER = "ledger"


def date_bounds(kind: DateKind, today: dt.date) -> tuple[dt.date, dt.date]:
    """The earliest and latest plausible value of a date of this kind."""
    if kind is DateKind.BIRTH:
        return EARLIEST_BIRTH, today
    if kind is DateKind.PARTY:
        return PARTY_FOUNDED, today
    return PRC_FOUNDED, dt.date(YEAR_MAX, 12, 31)


def date_problem(kind: DateKind, value: dt.date | None, today: dt.date) -> str | None:
    """A Chinese message when ``value`` is outside the plausible range of its kind, else None."""
    if value is None:
        return None
    low, high = date_bounds(kind, today)
    if value < low:
        return f"日期 {value.isoformat()} 早于 {low.isoformat()}，不是有效日期"
    if value > high:
        if high == today:
            return f"日期 {value.isoformat()} 晚于今天（{today.isoformat()}），不是有效日期"
        return f"日期 {value.isoformat()} 晚于 {high.isoformat()}，不是有效日期"
    return None


def year_problem(year: int | None) -> str | None:
    """年度: a four-digit year from ``YEAR_MIN`` to ``YEAR_MAX``."""
    if year is not None and not YEAR_MIN <= year <= YEAR_MAX:
        return f"年度“{year}”无效（应为 {YEAR_MIN} 到 {YEAR_MAX} 之间的四位年份）"
    return None


def _v(code: str, field: str, message: str, rule: str = "数据有效性") -> Violation:
    return Violation(code=f"record.{code}", message=message, rule=rule, field=field)


def member_problems(
    *,
    org_type: str | None,
    category: str | None,
    birth_date: dt.date | None,
    joined_on: dt.date | None,
    full_member_on: dt.date | None,
    id_birth_date: dt.date | None = None,
) -> list[Violation]:
    """党员: placed in a 党支部 or 党小组, old enough when joining, dates in order.

    ``org_type`` and ``category`` are the stored values ("党委", "probationary"); ``id_birth_date``
    is the birth date read from a valid 身份证号, if any.
    """
    found: list[Violation] = []
    if org_type == "党委":
        found.append(
            _v(
                "member_in_committee",
                "organization",
                "党员应编入党支部或党小组，不能直接编入党委",
                "《中国共产党支部工作条例（试行）》",
            )
        )
    if birth_date and id_birth_date and birth_date != id_birth_date:
        found.append(
            _v(
                "birth_date_mismatch",
                "birth_date",
                f"出生日期与身份证号中的出生日期（{id_birth_date.isoformat()}）不一致",
            )
        )
    birth = birth_date or id_birth_date
    if birth and joined_on:
        if joined_on < birth:
            found.append(_v("joined_before_birth", "joined_on", "入党日期不能早于出生日期"))
        elif age_on(birth, joined_on) < 18:
            found.append(
                _v(
                    "joined_under_age",
                    "joined_on",
                    "入党时须年满十八岁",
                    "《中国共产党章程》第一条",
                )
            )
    if joined_on and full_member_on and full_member_on < joined_on:
        found.append(_v("full_before_joined", "full_member_on", "转正日期不能早于入党日期"))
    if category == "probationary" and full_member_on:
        found.append(
            _v("probationary_converted", "full_member_on", "预备党员尚未转正，不应填写转正日期")
        )
    return found


def organization_problems(
    *,
    org_type: str | None,
    founded_on: dt.date | None,
    last_election_on: dt.date | None,
    term_years: int | None,
) -> list[Violation]:
    """党组织: 届期 of 1–5 years (党委 5, 党总支、党支部 3), no election for a 党小组, election
    after founding."""
    found: list[Violation] = []
    if term_years is not None and not 1 <= term_years <= MAX_TERM_YEARS:
        found.append(
            _v(
                "term_years_range",
                "term_years",
                f"届期年数“{term_years}”无效：应在 1 至 {MAX_TERM_YEARS} 年之间"
                "（党委 5 年，党总支、党支部 3 年）",
                "《中国共产党章程》第三十条",
            )
        )
    if org_type == "党小组" and (last_election_on or term_years):
        field = "last_election_on" if last_election_on else "term_years"
        found.append(_v("group_election", field, "党小组不设委员会，不需要换届"))
    if founded_on and last_election_on and last_election_on < founded_on:
        found.append(
            _v("election_before_founding", "last_election_on", "本届选举日期不能早于成立日期")
        )
    return found


def event_problems(
    *, date: dt.date | None, duration_hours: Decimal | None, today: dt.date
) -> list[Violation]:
    """组织生活: no later than a year ahead, 时长 more than 0 and at most 24 hours."""
    found: list[Violation] = []
    if date and date > today + dt.timedelta(days=366):
        found.append(_v("event_far_future", "date", "日期不能晚于一年以后"))
    if duration_hours is not None and not 0 < duration_hours <= 24:
        found.append(
            _v(
                "duration_range",
                "duration_hours",
                f"时长“{duration_hours}”无效：应大于 0 且不超过 24 小时",
            )
        )
    return found


def rectification_problems(
    *,
    raised_on: dt.date | None,
    deadline: dt.date | None,
    completed_on: dt.date | None,
    done: bool | None,
    today: dt.date,
) -> list[Violation]:
    """整改: 时限 and 完成日期 not before the day the problem was raised; completion in the past
    and consistent with the status (``done`` None: the status is not known)."""
    found: list[Violation] = []
    if raised_on and deadline and deadline < raised_on:
        found.append(_v("deadline_before_raised", "deadline", "整改时限不能早于提出日期"))
    if raised_on and completed_on and completed_on < raised_on:
        found.append(_v("completed_before_raised", "completed_on", "完成日期不能早于提出日期"))
    if completed_on and completed_on > today:
        found.append(_v("completed_future", "completed_on", "完成日期不能晚于今天"))
    if done is True and not completed_on:
        found.append(_v("done_without_date", "completed_on", "状态为“已完成”时须填写完成日期"))
    if completed_on and done is False:
        found.append(_v("date_without_done", "status", "已填写完成日期，状态应为“已完成”"))
    return found


def responsibility_problems(
    *, year: int | None, signed_on: dt.date | None, today: dt.date
) -> list[Violation]:
    """责任书: a valid 年度, signed within a year of it and not in the future."""
    found: list[Violation] = []
    if problem := year_problem(year):
        found.append(_v("year_range", "year", problem))
    elif year and signed_on and abs(signed_on.year - year) > 1:
        found.append(
            _v("signed_far_from_year", "signed_on", "签订日期应在责任书年度或其前后一年内")
        )
    if signed_on and signed_on > today:
        found.append(_v("signed_future", "signed_on", "签订日期不能晚于今天"))
    return found
