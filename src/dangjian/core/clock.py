"""The platform's one clock: what "today" and "now" are.

Every "today" in the code base comes from here, in the configured time zone (``TIME_ZONE``), so
that a page, the importer and a reminder agree on the date, and a test can set the date once
(``frozen``) instead of patching the standard library.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from django.utils import timezone

_frozen: dt.datetime | None = None


def now() -> dt.datetime:
    """The current moment (time-zone aware)."""
    return _frozen if _frozen is not None else timezone.now()


def today() -> dt.date:
    """Today's date in the configured time zone."""
    return timezone.localdate(now())


@contextmanager
def frozen(moment: dt.date | dt.datetime) -> Iterator[dt.datetime]:
    """Run with the clock stopped at ``moment`` (a date means its local noon)."""
    global _frozen
    if not isinstance(moment, dt.datetime):
        moment = dt.datetime.combine(moment, dt.time(12))
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    previous, _frozen = _frozen, moment
    try:
        yield moment
    finally:
        _frozen = previous
