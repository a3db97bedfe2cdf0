"""Which organisation a member belonged to on a given day: pure Python, no Django.

The Transfer rows are the membership history. A member's periods are read backwards from the
organisation the member is in now: before a transfer the member was in its 转出组织 (``from_org``),
from its date on in its 转入组织 (``to_org``). A transfer takes effect on its date (the member
counts for the new organisation from that day). A 转入 from outside the hospital has no
``from_org`` (the member was not ours before); a 转出 to outside has no ``to_org`` (the member is
not ours from that day, although the Member row keeps its last organisation).

Why derived and not a stored Membership table: rows also arrive by the workbook importer and the
demo generator, which write in bulk and bypass services; periods computed from the transfers and
the member's current organisation cannot drift from them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

INTERNAL, IN, OUT = "internal", "in", "out"


@dataclass(frozen=True, slots=True)
class Move:
    date: dt.date
    kind: str
    from_org: int | None
    to_org: int | None


@dataclass(frozen=True, slots=True)
class Period:
    """``org`` from ``start`` (None: since before any recorded transfer) to ``until`` inclusive
    (None: to this day)."""

    org: int
    start: dt.date | None
    until: dt.date | None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (
            self.until is None or day <= self.until
        )


def org_on(day: dt.date, current_org: int | None, moves: Sequence[Move]) -> int | None:
    """The organisation on ``day``, or None when the member was not in the hospital then.

    ``moves`` in date order (ties in recording order). The first move after ``day`` says where
    the member was (its ``from_org``); with none after, the member is where they are now, unless
    their last move was a 转出.
    """
    for move in moves:
        if move.date > day:
            return move.from_org
    if moves and moves[-1].kind == OUT:
        return None
    return current_org


def membership_periods(current_org: int | None, moves: Sequence[Move]) -> list[Period]:
    """Every period of membership, oldest first (see the module docstring for the conventions)."""
    periods: list[Period] = []
    start: dt.date | None = None
    for move in moves:
        before = move.from_org
        if before is not None and (start is None or start < move.date):
            periods.append(Period(before, start, move.date - dt.timedelta(days=1)))
        start = move.date
    last_org = None if moves and moves[-1].kind == OUT else current_org
    if last_org is not None:
        periods.append(Period(last_org, start, None))
    return periods
