"""One-at-a-time work per database (an import): a lock that other processes see, on both engines.

PostgreSQL: a session-level advisory lock (``pg_try_advisory_lock``) on the connection doing the
work. SQLite: an exclusive ``flock`` on a file beside the database file (SQLite databases are
always local). Both are released when the holder ends, even by SIGKILL: no stale lock to clear.
"""

from __future__ import annotations

import fcntl
import os
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connections


class Busy(RuntimeError):
    """Somebody else holds the lock."""


@contextmanager
def exclusive(name: str, using: str = "default") -> Iterator[None]:
    connection = connections[using]
    if connection.vendor == "postgresql":
        key = zlib.crc32(f"dangjian:{name}".encode())
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
            if not cursor.fetchone()[0]:
                raise Busy(name)
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
        return
    descriptor = os.open(_lock_file(connection, name), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy(name) from None
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def _lock_file(connection, name: str) -> Path:
    database = str(connection.settings_dict["NAME"])
    if database == ":memory:" or "mode=memory" in database:
        # An in-memory database lives in this process only (the test suite's): so does its lock.
        return Path(tempfile.gettempdir()) / f"dangjian-{os.getpid()}-{name}.lock"
    return Path(f"{database}.{name}.lock")
