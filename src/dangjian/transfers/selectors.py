"""Reading membership at a date: the one place reports and pages ask "who was where, when"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db.models import Exists, OuterRef, Q

from dangjian.organizations.models import Member

from .models import Transfer
from .periods import Move, Period, membership_periods, org_on

_MOVE_FIELDS = (
    "transfers__from_org__path",
    "transfers__date",
    "transfers__kind",
    "transfers__from_org_id",
    "transfers__to_org_id",
)


def members_in_subtree_on(
    org_path: str,
    day: dt.date,
    columns: Sequence[str] = (),
    *,
    members=None,
    moved_only: bool = False,
) -> list[tuple[Any, ...]]:
    """Members whose organisation on ``day`` lies under ``org_path``, with that organisation.

    Returns ``(member pk, organisation pk on day, *columns)`` ordered by 党员编号. ONE query,
    whatever the data: the candidates (members there now, and members who were ever transferred
    out of the subtree) are read joined to their transfers, and ``periods.org_on`` decides.

    ``members`` narrows the candidates (a filtered or annotated ``Member`` queryset: ``columns``
    may name its annotations). ``moved_only`` reads only members with a transfer: a member
    without one is on every day where they are now, which a caller can count in SQL
    (see :func:`never_moved`).
    """
    moved_out = Transfer.objects.filter(from_org__path__startswith=org_path).values("member_id")
    base = Member.objects.all() if members is None else members
    candidates = base.filter(Q(organization__path__startswith=org_path) | Q(pk__in=moved_out))
    if moved_only:
        candidates = candidates.filter(_has_transfer())
    fields = ("pk", "organization_id", "organization__path", *columns, *_MOVE_FIELDS)
    rows: dict[int, list] = {}
    paths: dict[int, str] = {}
    for record in candidates.order_by("member_no", "transfers__date", "transfers__pk").values_list(
        *fields
    ):
        entry = rows.get(record[0])
        if entry is None:
            entry = rows[record[0]] = [record[: 3 + len(columns)], []]
            paths[record[1]] = record[2]
        if record[-4] is not None:
            entry[1].append(Move(record[-4], record[-3], record[-2], record[-1]))
            if record[-2] is not None:
                paths[record[-2]] = record[-5]
    result = []
    for record, moves in rows.values():
        org = org_on(day, record[1], moves)
        if org is not None and paths.get(org, "").startswith(org_path):
            result.append((record[0], org, *record[3:]))
    return result


def _has_transfer() -> Exists:
    return Exists(Transfer.objects.filter(member=OuterRef("pk")))


def never_moved(org_path: str, members=None):
    """Members under ``org_path`` now who have no transfer: on every day they belong where they
    are now, so they can be counted in SQL. With ``members_in_subtree_on(moved_only=True)``
    they make up the members of the subtree on any day."""
    base = Member.objects.all() if members is None else members
    return base.filter(organization__path__startswith=org_path).filter(~_has_transfer())


def member_periods(member: Member) -> list[Period]:
    """The member's membership history, oldest first."""
    moves = [t.as_move() for t in Transfer.objects.filter(member=member).order_by("date", "pk")]
    return membership_periods(member.organization_id, moves)
