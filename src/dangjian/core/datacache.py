"""Results cached until the ledgers change.

The home page's figures and reminders are computed over a whole hospital's ledgers (~1 s of
CPU for 3,000 members), but the ledgers change far less often than people open the home page.
:func:`cached` stores such a result under a key that includes the *data version*: the highest
primary key of every ledger table and of its history table, read in one query of index
look-ups. Every create, edit and delete through the ORM adds a history row, the importer writes
history rows with its bulk inserts, and bulk loaders (the demo) add rows, so any change gives a
new version and the next request computes afresh; entries of old versions are never read again
and age out of the memo.

Results are kept as the computed objects themselves, in a small least-recently-used memo local to
the worker process: a hit is a dict look-up. (Django's local-memory cache pickles: unpickling a
whole hospital's reminders cost more than the page's other work.) Callers must treat a cached
value as read-only — every later request gets the same object; copy it before changing it.
:func:`clear` empties the memo (the tests do so around each test).

The version is read *before* computing: a change committed while computing leaves a stored result
newer than its version says (recomputed at the next request), never older.

Keys name what the result depends on (an organisation, a date), never the user: who may see
what is decided before asking the cache.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db import connection

T = TypeVar("T")

#: Entries kept per process, least recently used dropped first (a new version replaces them anyway).
MEMO_SIZE = 64

_version_sql: str | None = None
_memo: OrderedDict[str, Any] = OrderedDict()
_lock = threading.Lock()
_MISSING = object()


def clear() -> None:
    """Forget every stored result."""
    with _lock:
        _memo.clear()


def _ledger_tables() -> list[tuple[str, str]]:
    """(table, primary key column) of every ledger model and of its history model."""
    from django.apps import apps

    from dangjian.core.models import LedgerModel

    tables = []
    for model in apps.get_models():
        if not issubclass(model, LedgerModel) or model._meta.abstract:
            continue
        tables.append((model._meta.db_table, model._meta.pk.column))
        history = getattr(model, "history", None)
        if history is not None:
            tables.append((history.model._meta.db_table, history.model._meta.pk.column))
    return sorted(tables)


def data_version() -> str:
    """A short string that changes whenever any ledger row is created, edited or deleted."""
    global _version_sql
    if _version_sql is None:
        quote = connection.ops.quote_name
        _version_sql = "SELECT " + ", ".join(
            f"(SELECT MAX({quote(pk)}) FROM {quote(table)})" for table, pk in _ledger_tables()
        )
    with connection.cursor() as cursor:
        cursor.execute(_version_sql)
        values = cursor.fetchone()
    return hashlib.blake2b(repr(values).encode(), digest_size=8).hexdigest()


def cached(
    name: str, parts: Iterable[Any], compute: Callable[[], T], *, version: str | None = None
) -> T:
    """``compute()``, or its stored result for the same ``name``, ``parts`` and data version.

    ``version`` lets a caller that caches several results in one request read it once. The result
    is shared with every later caller: do not change it."""
    version = data_version() if version is None else version
    key = (
        "dangjian:"
        + name
        + ":"
        + hashlib.blake2b(
            repr(
                (connection.alias, connection.settings_dict.get("NAME"), version, tuple(parts))
            ).encode(),
            digest_size=16,
        ).hexdigest()
    )
    with _lock:
        found = _memo.get(key, _MISSING)
        if found is not _MISSING:
            _memo.move_to_end(key)
            return found
    found = compute()
    with _lock:
        _memo[key] = found
        _memo.move_to_end(key)
        while len(_memo) > MEMO_SIZE:
            _memo.popitem(last=False)
    return found
