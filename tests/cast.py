"""Shared test data, built once and rolled back after each test.

A *cast* is a set of rows many tests start from (the suite's ``hospital``, the report tests'
``year2025`` on top of it). Building one per test costs tens of queries; here it is built once,
in a transaction that stays open while consecutive tests use it, and each test runs in its own
savepoint inside it (pytest-django's ``db``), so whatever a test changes is rolled back and the
next test finds the cast as it was built. Every test gets fresh objects, fetched again by primary
key, so changes a test makes to objects in memory cannot reach the next test either.

The transaction is opened before a test's own (just before pytest-django's ``_django_db_helper``
fixture runs, see ``tests/conftest.py``) and closed, rolling the cast back:
- before a test that does not use the cast (it finds the database empty, as before);
- before a transactional test (``transaction=True``, ``transactional_db``, ``live_server``…),
  which then builds the cast itself, as before, and flushes it;
- at the end of the test module (before the module's own fixtures are torn down) and session.
Casts stack: ``year2025`` needs ``hospital`` and is opened on top of it.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest


@dataclass(frozen=True)
class Cast:
    name: str  # the fixture a test requests
    build: Callable[..., Any]  # makes the rows (given the casts it needs); returns what load needs
    load: Callable[..., Any]  # fresh objects for one test: (what build returned, *needed casts)
    needs: tuple[str, ...] = ()
    defined_in: str = ""  # the file of the fixture that hands it out (a name may be redefined)


_casts: dict[str, Cast] = {}
# The casts now built and kept, innermost last: (cast, its open atomic block, what build returned).
_open: list[tuple[Cast, Any, Any]] = []
_closing_registered: set[int] = set()


def register(name: str, build, load, needs: tuple[str, ...] = (), *, defined_in: str) -> None:
    """``name``: the fixture, defined in the file ``defined_in``, that returns ``loaded(name)``."""
    _casts[name] = Cast(name, build, load, needs, os.path.realpath(defined_in))


def _uses(item, cast: Cast) -> bool:
    """Whether the test's fixture of that name is the cast's (a test module may define its own
    fixture of the same name)."""
    definitions = item._fixtureinfo.name2fixturedefs.get(cast.name)
    if not definitions:
        return False
    func = inspect.unwrap(definitions[-1].func)
    return os.path.realpath(func.__code__.co_filename) == cast.defined_in


def _wanted(item) -> list[Cast]:
    """The casts a test uses (directly or through other fixtures), those they need first."""
    names = [name for name in item.fixturenames if name in _casts and _uses(item, _casts[name])]
    order: list[Cast] = []

    def add(name: str) -> None:
        cast = _casts[name]
        for need in cast.needs:
            add(need)
        if cast not in order:
            order.append(cast)

    for name in names:
        add(name)
    return order


TRANSACTIONAL_FIXTURES = {
    "transactional_db",
    "live_server",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and (
        marker.kwargs.get("transaction")
        or marker.kwargs.get("reset_sequences")
        or marker.kwargs.get("serialized_rollback")
    ):
        return True
    return bool(TRANSACTIONAL_FIXTURES & set(item.fixturenames))


def _close_innermost() -> None:
    from django.db import connection, transaction

    cast, atomic, _keys = _open.pop()
    if not connection.atomic_blocks or connection.atomic_blocks[-1] is not atomic:
        raise RuntimeError(
            f"the shared {cast.name!r} cannot be rolled back: a transaction opened after it (a "
            "module-scoped fixture's?) is still open; build that fixture before the cast or "
            "keep the tests that use it in their own module"
        )
    transaction.set_rollback(True)
    atomic.__exit__(None, None, None)


def close_all() -> None:
    """Roll back every open cast, innermost first."""
    while _open:
        _close_innermost()


def prepare(request, django_db_blocker) -> None:
    """Before a test's own transaction: keep, open or close casts so that exactly those the
    test uses are built (none for a transactional test)."""
    from django.db import transaction

    item = request.node
    wanted = [] if _transactional(item) else _wanted(item)
    kept = 0
    while kept < min(len(_open), len(wanted)) and _open[kept][0] is wanted[kept]:
        kept += 1
    with django_db_blocker.unblock():
        while len(_open) > kept:
            _close_innermost()
        for cast in wanted[kept:]:
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                keys = cast.build(*(loaded(need) for need in cast.needs))
            except BaseException:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
                raise
            _open.append((cast, atomic, keys))
    if _open:
        module = item.getparent(pytest.Module) or item.session
        if id(module) not in _closing_registered:
            _closing_registered.add(id(module))

            def closing():
                _closing_registered.discard(id(module))
                with django_db_blocker.unblock():
                    close_all()

            module.addfinalizer(closing)


def loaded(name: str, *needed):
    """Fresh objects of an open cast; or, if it is not open (a transactional test), the cast
    built now, in the test's own transaction. ``needed``: the test's objects of the casts this
    one needs, so that the test sees one object per row."""
    cast = _casts[name]
    if not needed and cast.needs:
        needed = tuple(loaded(need) for need in cast.needs)
    for open_cast, _atomic, keys in _open:
        if open_cast is cast:
            return cast.load(keys, *needed)
    return cast.load(cast.build(*needed), *needed)
