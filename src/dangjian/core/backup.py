"""Backups: SQLite through its online backup API, PostgreSQL through pg_dump/pg_restore.

Both produce one file; restoring replaces the whole database with its contents.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connections


class BackupError(RuntimeError):
    pass


def _database() -> dict:
    return settings.DATABASES["default"]


def is_sqlite() -> bool:
    return _database()["ENGINE"].endswith("sqlite3")


def backup(target: Path) -> Path:
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if is_sqlite():
        connection = connections["default"]
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            # The online backup API copies a consistent snapshot while others keep writing.
            connection.connection.backup(destination)
        finally:
            destination.close()
    else:
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(target), *_pg_args()])
    return target


def restore(source: Path) -> None:
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"备份文件不存在：{source}")
    if is_sqlite():
        _check_sqlite_file(source)
        connection = connections["default"]
        connection.ensure_connection()
        origin = sqlite3.connect(source)
        try:
            origin.backup(connection.connection)
        finally:
            origin.close()
    else:
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--dbname",
                _pg_url(),
                str(source),
            ]
        )


def _check_sqlite_file(path: Path) -> None:
    with open(path, "rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            raise BackupError(f"{path} 不是 SQLite 备份文件")


def _pg_url() -> str:
    db = _database()
    user = db.get("USER") or ""
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    host = db.get("HOST") or "localhost"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgresql://{auth}{host}{port}/{db['NAME']}"


def _pg_args() -> list[str]:
    return ["--dbname", _pg_url()]


def _run(command: list[str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"找不到 {command[0]}，请安装 PostgreSQL 客户端工具")
    connections.close_all()
    result = subprocess.run(
        command, check=False, capture_output=True, text=True, env=os.environ.copy()
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]} 失败：{result.stderr.strip()}")
