"""`dangjian upgrade`: the one command an IT department runs after installing a new version.

1. back the database up and verify the backup (its tables and row counts against the live database);
2. apply the new migrations; if one fails, put the database back from that backup and say so;
3. collect the static files; 4. run Django's deployment check; 5. summarise what changed.

The service should be stopped while it runs (docs/deployment.md): the backup is compared with the live
database row for row count, and no request should see a half-migrated schema.
"""

from __future__ import annotations

import io
import re
import sqlite3
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from dangjian import __version__
from dangjian.core import backup as backups
from dangjian.core import clock, releases


class UpgradeError(RuntimeError):
    pass


@dataclass
class Summary:
    backup: Path
    from_release: str | None
    applied: list[str] = field(default_factory=list)
    static: str = ""
    check_problems: str = ""

    def lines(self) -> list[str]:
        origin = f"版本 {self.from_release} 的数据库" if self.from_release else "数据库"
        lines = [
            f"已升级到 dangjian {__version__}（原为{origin}）。",
            f"升级前的备份（已校验）：{self.backup}",
        ]
        if self.applied:
            lines.append(f"执行了 {len(self.applied)} 个数据库迁移：")
            lines += [f"  - {name}" for name in self.applied]
        else:
            lines.append("数据库结构已是最新，没有需要执行的迁移。")
        if self.static:
            lines.append(f"静态文件：{self.static}")
        if self.check_problems:
            lines.append("部署检查（check --deploy）发现以下问题，请按提示修改设置：")
            lines += [f"  {line}" for line in self.check_problems.splitlines() if line.strip()]
        else:
            lines.append("部署检查（check --deploy）：没有问题。")
        return lines


def upgrade(backup_dir: Path | None = None) -> Summary:
    backup_dir = Path(backup_dir or settings.DANGJIAN_BACKUP_DIR)
    executor = MigrationExecutor(connection)
    applied_before = set(executor.loader.applied_migrations)
    plan = [m for m, backwards in executor.migration_plan(executor.loader.graph.leaf_nodes())]
    tables_before = set(connection.introspection.table_names())
    from_release = releases.release_of(_by_app(applied_before))

    stamp = timezone.localtime(clock.now()).strftime("%Y%m%d-%H%M%S")
    suffix = ".sqlite3" if backups.is_sqlite() else ".pgdump"
    backup_file = backup_dir / f"before-upgrade-{__version__}-{stamp}{suffix}"
    backups.backup(backup_file)
    verify(backup_file)
    summary = Summary(backup=backup_file, from_release=from_release)

    if plan:
        try:
            call_command("migrate", interactive=False, verbosity=0)
        except Exception as error:
            failed = _first_unapplied(plan)
            _put_back(backup_file, tables_before)
            raise UpgradeError(
                f"数据库迁移 {failed} 失败：{error}\n"
                f"已用升级前的备份 {backup_file} 恢复数据库，数据与升级前相同。"
                "请保留这条信息和备份文件，联系开发方；恢复旧版本的程序前不要启动新版本。"
            ) from error
        summary.applied = [f"{m.app_label}.{m.name}" for m in plan]

    out = io.StringIO()
    call_command("collectstatic", interactive=False, verbosity=1, stdout=out)
    summary.static = out.getvalue().strip().splitlines()[-1] if out.getvalue().strip() else ""

    problems = io.StringIO()
    try:
        call_command("check", deploy=True, stdout=io.StringIO(), stderr=problems)
    except SystemCheckError as error:
        problems.write(str(error))
    summary.check_problems = problems.getvalue().strip()
    return summary


def verify(path: Path) -> None:
    """The backup holds every table of the live database with the same number of rows."""
    live = _live_counts()
    if backups.is_sqlite():
        # immutable: read without creating -wal/-shm files beside the backup
        copy = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
        try:
            if copy.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise UpgradeError(f"备份 {path} 校验失败：文件已损坏")
            saved = {t: copy.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in live}
        except sqlite3.DatabaseError as error:
            raise UpgradeError(f"备份 {path} 校验失败：{error}") from error
        finally:
            copy.close()
        differ = sorted(t for t in live if saved[t] != live[t])
        if differ:
            raise UpgradeError(
                f"备份 {path} 校验失败：表 {', '.join(differ)} 的行数与数据库不同（升级时请先停止服务）"
            )
    else:
        listing = subprocess.run(
            ["pg_restore", "--list", str(path)], check=False, capture_output=True, text=True
        )
        if listing.returncode != 0:
            raise UpgradeError(f"备份 {path} 校验失败：{listing.stderr.strip()}")
        # "3461; 0 16402 TABLE DATA public organizations_member postgres": schema, then table.
        saved_tables = set(re.findall(r" TABLE DATA \S+ (\S+)", listing.stdout))
        missing = sorted(set(live) - saved_tables)
        if missing:
            raise UpgradeError(f"备份 {path} 校验失败：缺少表 {', '.join(missing)}")


def _live_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def _put_back(backup_file: Path, tables_before: set[str]) -> None:
    """Drop the tables the failed run created (a PostgreSQL restore only replaces the tables in the
    backup), then restore the backup."""
    connections.close_all()
    new = set(connection.introspection.table_names()) - tables_before
    with connection.cursor() as cursor:
        for table in sorted(new):
            cascade = "" if backups.is_sqlite() else " CASCADE"
            cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)}{cascade}")
    backups.restore(backup_file)


def _first_unapplied(plan) -> str:
    from django.db.migrations.recorder import MigrationRecorder

    done = MigrationRecorder(connection).applied_migrations()
    for migration in plan:
        if (migration.app_label, migration.name) not in done:
            return f"{migration.app_label}.{migration.name}"
    return "（未知）"


def _by_app(applied: set[tuple[str, str]]) -> dict[str, set[str]]:
    result: dict[str, set[str]] = {}
    for app, name in applied:
        result.setdefault(app, set()).add(name)
    return result
