"""Backups: SQLite through its online backup API, PostgreSQL through pg_dump/pg_restore.

Both produce one file; restoring replaces the whole database with its contents, but only after
the file has been verified: it is readable and complete, it is a dangjian database (its
django_migrations table and the tables of every installed app), and its schema is not newer
than this program's. The current database is not touched until then, and the replacement itself
is one transaction, so a failure leaves the current database as it was.

The PostgreSQL password is handed to pg_dump/pg_restore in the environment (PGPASSWORD), never
on their command line, where every local user could read it in `ps`.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections

SQLITE_HEADER = b"SQLite format 3\x00"
PG_CUSTOM_HEADER = b"PGDMP"


class BackupError(RuntimeError):
    pass


@dataclass(frozen=True)
class BackupInfo:
    """What the verification found: the schema the backup has, and what it lacks."""

    migrations: frozenset[tuple[str, str]]
    missing_migrations: tuple[tuple[str, str], ...]  # older backup: `dangjian migrate` after


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


def verify(source: Path) -> BackupInfo:
    """Check that the file can replace the current database; raises BackupError saying why not."""
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"备份文件不存在：{source}")
    if source.stat().st_size == 0:
        raise BackupError(f"{source} 是空文件，不是党建工作平台的备份")
    if is_sqlite():
        tables, migrations = _read_sqlite(source)
    else:
        tables, migrations = _read_pg_archive(source)
    return _check_schema(source, tables, migrations)


def restore(source: Path, info: BackupInfo | None = None) -> BackupInfo:
    source = Path(source)
    info = info or verify(source)
    if is_sqlite():
        connection = connections["default"]
        connection.ensure_connection()
        origin = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            # One step (all pages at once): the destination is replaced in a single transaction.
            origin.backup(connection.connection)
        except sqlite3.Error as error:
            raise BackupError(f"恢复失败，当前数据库保持不变：{error}") from error
        finally:
            origin.close()
    else:
        # --single-transaction: any error rolls the whole restore back (implies --exit-on-error).
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                *_pg_args(),
                str(source),
            ]
        )
    return info


def _read_sqlite(source: Path) -> tuple[set[str], set[tuple[str, str]]]:
    with open(source, "rb") as handle:
        header = handle.read(100)
    if not header.startswith(SQLITE_HEADER):
        raise BackupError(f"{source} 不是 SQLite 备份文件")
    if len(header) < 100:
        raise BackupError(f"{source} 不完整（文件被截断）")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    expected, actual = page_size * pages, source.stat().st_size
    if pages and actual < expected:
        raise BackupError(
            f"{source} 不完整（文件被截断）：应有 {expected} 字节，实际只有 {actual} 字节"
        )
    try:
        database = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            check = database.execute("PRAGMA integrity_check").fetchall()
            if check != [("ok",)]:
                raise BackupError(f"{source} 已损坏：{check[0][0]}")
            tables = {
                row[0]
                for row in database.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            migrations: set[tuple[str, str]] = set()
            if "django_migrations" in tables:
                migrations = set(database.execute("SELECT app, name FROM django_migrations"))
        finally:
            database.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{source} 无法读取，可能已损坏或不完整：{error}") from error
    return tables, migrations


# "215; 1259 16390 TABLE public django_migrations postgres" in `pg_restore --list`.
_TOC_TABLE = re.compile(r"^\d+; \d+ \d+ TABLE \S+ (\S+) ")
_COPY_LINE = re.compile(r"^COPY \S*django_migrations \((.*)\) FROM stdin;$")


def _read_pg_archive(source: Path) -> tuple[set[str], set[tuple[str, str]]]:
    with open(source, "rb") as handle:
        if handle.read(5) != PG_CUSTOM_HEADER:
            raise BackupError(f"{source} 不是 pg_dump 的备份文件（custom 格式）")
    # Reading every data block to the end finds a truncated or damaged archive.
    _run(["pg_restore", "--file", os.devnull, str(source)], what=f"{source} 无法完整读取")
    listing = _run(["pg_restore", "--list", str(source)], what=f"{source} 无法读取")
    tables = {m.group(1) for line in listing.splitlines() if (m := _TOC_TABLE.match(line))}
    migrations: set[tuple[str, str]] = set()
    if "django_migrations" in tables:
        data = _run(
            ["pg_restore", "--data-only", "--table=django_migrations", "--file=-", str(source)],
            what=f"{source} 无法读取",
        )
        columns: list[str] | None = None
        for line in data.splitlines():
            if columns is None:
                if match := _COPY_LINE.match(line):
                    columns = [c.strip().strip('"') for c in match.group(1).split(",")]
                continue
            if line == "\\.":
                break
            row = dict(zip(columns, line.split("\t"), strict=False))
            migrations.add((row["app"], row["name"]))
    return tables, migrations


def _check_schema(source: Path, tables: set[str], migrations: set[tuple[str, str]]) -> BackupInfo:
    if "django_migrations" not in tables or not migrations:
        raise BackupError(f"{source} 不是党建工作平台的备份：其中没有迁移记录（django_migrations）")
    from django.db.migrations.loader import MigrationLoader

    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    installed = {config.label for config in apps.get_app_configs()}
    ours = {label for label in installed if apps.get_app_config(label).name.startswith("dangjian.")}
    if not {app for app, _ in migrations} & ours:
        raise BackupError(f"{source} 不是党建工作平台的备份：其中没有本平台的数据表")
    newer = sorted(m for m in migrations if m[0] in installed and m not in known)
    if newer:
        names = "、".join(f"{app}.{name}" for app, name in newer[:5])
        raise BackupError(
            f"{source} 来自较新版本的党建工作平台（含本程序不认识的迁移：{names}），请先升级程序再恢复"
        )
    # Complete: every table of an app whose migrations the backup has applied is in it.
    absent = sorted(
        model._meta.db_table
        for model in apps.get_models()
        if model._meta.managed
        and not model._meta.proxy
        and any(app == model._meta.app_label for app, _ in migrations)
        and model._meta.db_table not in tables
    )
    if absent:
        raise BackupError(
            f"{source} 不完整：缺少数据表 {'、'.join(absent[:5])}"
            + (f" 等 {len(absent)} 张" if len(absent) > 5 else "")
        )
    missing = tuple(sorted(m for m in known - migrations if m[0] in installed))
    return BackupInfo(frozenset(migrations), missing)


def _pg_args() -> list[str]:
    """Connection options without the password (that goes in the environment: _pg_env)."""
    db = _database()
    args = ["--host", db.get("HOST") or "localhost"]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    return [*args, "--dbname", db["NAME"], "--no-password"]


def _pg_env() -> dict[str, str]:
    env = os.environ.copy()
    password = _database().get("PASSWORD")
    if password:
        env["PGPASSWORD"] = str(password)
    return env


def _run(command: list[str], *, what: str = "") -> str:
    if shutil.which(command[0]) is None:
        raise BackupError(f"找不到 {command[0]}，请安装 PostgreSQL 客户端工具")
    connections.close_all()
    result = subprocess.run(command, check=False, capture_output=True, text=True, env=_pg_env())
    if result.returncode != 0:
        raise BackupError(f"{what or command[0] + ' 失败'}：{result.stderr.strip()}")
    return result.stdout
