"""The daily backup timer's rotation: the newest backup of each of the last N days and of each of the
last M months are kept, everything else it made is deleted, nothing else in the folder is touched."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from dangjian.core import clock
from dangjian.core.rotation import to_delete


def test_keeps_the_newest_of_each_recent_day_and_month():
    start = dt.datetime(2025, 1, 1, 2, 30)
    names = [f"dangjian-{(start + dt.timedelta(days=d)):%Y%m%d-%H%M%S}.pgdump" for d in range(400)]
    names.append("dangjian-20260204-153000.pgdump")  # a second one on the last day, made by hand
    names += ["before-upgrade-0.2.0-20250301-101010.pgdump", "notes.txt"]
    kept = sorted(set(names) - set(to_delete(names, keep_daily=7, keep_monthly=12)))
    assert kept == sorted(
        [
            "before-upgrade-0.2.0-20250301-101010.pgdump",
            "notes.txt",
            # the last 7 days (2026-01-29 … 2026-02-04), the newest on 02-04
            *(f"dangjian-202601{d}-023000.pgdump" for d in (29, 30, 31)),
            *(f"dangjian-202602{d:02}-023000.pgdump" for d in (1, 2, 3)),
            "dangjian-20260204-153000.pgdump",
            # the newest of each of the 12 months before that (March 2025 … January 2026)
            *(f"dangjian-2025{m:02}{last:02}-023000.pgdump"
              for m, last in ((3, 31), (4, 30), (5, 31), (6, 30), (7, 31), (8, 31),
                              (9, 30), (10, 31), (11, 30), (12, 31))),
        ]
    )  # fmt: skip


# Transactional: an SQLite backup waits for any open write transaction, a test's own included.
@pytest.mark.django_db(transaction=True)
def test_backup_command_writes_into_the_folder_and_rotates(tmp_path):
    (tmp_path / "before-upgrade-0.1.0-20260101-000000.sqlite3").write_bytes(b"kept")
    moments = [
        dt.datetime(2026, 1, 30, 2, 30),
        dt.datetime(2026, 1, 31, 2, 30),
        dt.datetime(2026, 2, 27, 2, 30),
        dt.datetime(2026, 2, 28, 2, 30),
        dt.datetime(2026, 2, 28, 14, 0),
        dt.datetime(2026, 3, 1, 2, 30),
    ]
    for moment in moments:
        with clock.frozen(moment):
            call_command("backup", dir=tmp_path, keep_daily=2, keep_monthly=3, stdout=io.StringIO())
    suffix = (
        "sqlite3" if any(p.suffix == ".sqlite3" for p in tmp_path.glob("dangjian-*")) else "pgdump"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "before-upgrade-0.1.0-20260101-000000.sqlite3",
        f"dangjian-20260131-023000.{suffix}",  # January's newest
        f"dangjian-20260228-140000.{suffix}",  # 28 February's newest (also February's)
        f"dangjian-20260301-023000.{suffix}",  # the last day (also March's)
    ]
