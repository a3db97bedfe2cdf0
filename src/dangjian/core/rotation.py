"""Backup rotation for the daily timer: keep the newest backup of each of the last N days that have
one, and the newest of each of the last M months; delete the other rotated backups.

Only files named by `dangjian backup --dir` (``dangjian-YYYYMMDD-HHMMSS.<ext>``) are rotated; the
copies `dangjian upgrade` makes (``before-upgrade-…``) and anything else in the folder are left alone.
The date comes from the name, not the file's time, so that copying the folder elsewhere changes nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from django.utils import timezone

from dangjian.core import backup as backups
from dangjian.core import clock

NAME = re.compile(r"^dangjian-(\d{8}-\d{6})\.(sqlite3|pgdump)$")


def backup_into(folder: Path) -> Path:
    suffix = "sqlite3" if backups.is_sqlite() else "pgdump"
    name = f"dangjian-{timezone.localtime(clock.now()).strftime('%Y%m%d-%H%M%S')}.{suffix}"
    return backups.backup(Path(folder) / name)


def to_delete(names: list[str], keep_daily: int, keep_monthly: int) -> list[str]:
    stamped = sorted(
        (
            (dt.datetime.strptime(m.group(1), "%Y%m%d-%H%M%S"), name)
            for name in names
            if (m := NAME.match(name))
        ),
        reverse=True,
    )
    keep: set[str] = set()
    days: list[dt.date] = []
    months: list[tuple[int, int]] = []
    for when, name in stamped:  # newest first: the first file seen for a day or month is its newest
        if when.date() not in days:
            days.append(when.date())
            if len(days) <= keep_daily:
                keep.add(name)
        month = (when.year, when.month)
        if month not in months:
            months.append(month)
            if len(months) <= keep_monthly:
                keep.add(name)
    return sorted(name for _, name in stamped if name not in keep)


def rotate(folder: Path, keep_daily: int, keep_monthly: int) -> list[Path]:
    folder = Path(folder)
    names = [p.name for p in folder.iterdir() if p.is_file()]
    deleted = [folder / name for name in to_delete(names, keep_daily, keep_monthly)]
    for path in deleted:
        path.unlink()
    return deleted
