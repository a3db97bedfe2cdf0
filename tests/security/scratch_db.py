"""A scratch database of the same engine as the suite's, for tests that run `dangjian` itself in a
subprocess (backups, killed imports): the test database is invisible to other processes."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def suite_uses_postgres() -> bool:
    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


@contextmanager
def scratch_database(tmp_path: Path):
    """Yield the DANGJIAN_DATABASE_URL of an empty database that is dropped afterwards."""
    if not suite_uses_postgres():
        yield f"sqlite:///{tmp_path / 'scratch.sqlite3'}"
        return
    import psycopg

    db = settings.DATABASES["default"]
    name = f"dangjian_scratch_{uuid.uuid4().hex[:10]}"
    admin_url = _pg_url(db, "postgres")
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _pg_url(db, name)
    finally:
        with psycopg.connect(admin_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _pg_url(db: dict, name: str) -> str:
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{name}"


def dangjian(url: str, *args: str, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "DANGJIAN_DATABASE_URL": url}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    command = [sys.executable, "-m", "dangjian.cli", *args]
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, **kwargs)
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def popen_dangjian(url: str, *args: str) -> subprocess.Popen:
    env = {**os.environ, "DANGJIAN_DATABASE_URL": url}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.Popen(
        [sys.executable, "-m", "dangjian.cli", *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
