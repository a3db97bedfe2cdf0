"""逾期 (overdue), defined once: not done and past the deadline.

The workbook spec: "an item past its 时限 and not done is 逾期, computed, never typed". The deadline
day itself is still in time; the item is overdue from the next day. Every caller — the list
page's column and filter, the item page, the branch workspace's reminders, the annual report —
goes through :func:`is_overdue` (one row) or :func:`overdue_q` (the same rule as a query).
The 贯彻落实 ledger's measures use the same rule.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q


def is_overdue(*, deadline: dt.date | None, done: bool, on: dt.date) -> bool:
    """True when a task with ``deadline`` is not done on ``on`` and ``on`` is after the deadline."""
    return not done and deadline is not None and deadline < on


def overdue_q(on: dt.date, *, done_q: Q, deadline_field: str = "deadline") -> Q:
    """:func:`is_overdue` as a query condition; ``done_q`` says what "done" means for the model."""
    return ~done_q & Q(**{f"{deadline_field}__lt": on})
