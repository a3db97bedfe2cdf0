"""An import killed with SIGKILL halfway through writing leaves the database as it was."""

import datetime as dt
import json
import os
import signal
import time

import openpyxl
import pytest

from tests.security.scratch_db import (
    dangjian,
    popen_dangjian,
    scratch_database,
    suite_uses_postgres,
)

MEMBERS = 12000


def big_workbook(path):
    from dangjian.core import idcard

    book = openpyxl.Workbook(write_only=True)
    orgs = book.create_sheet("党组织")
    orgs.append(["组织编码", "组织名称", "组织类型", "上级组织编码"])
    orgs.append(["K", "测试医院党委", "党委", None])
    orgs.append(["K1", "测试党支部", "党支部", "K"])
    members = book.create_sheet("党员")
    members.append(["党员编号", "姓名", "所在组织编码", "人员类别", "身份证号"])
    for n in range(MEMBERS):
        birth = dt.date(1960, 1, 1) + dt.timedelta(days=n // 100)
        number = idcard.make(f"330101{birth:%Y%m%d}{n % 100:03d}")
        members.append([f"K{n:06d}", f"测试{n}", "K1", "正式党员", number])
    book.save(path)


def counts(url):
    script = (
        "import json; from dangjian.organizations.models import Member, Organization;"
        "print(json.dumps([Organization.objects.count(), Member.objects.count()]))"
    )
    return json.loads(dangjian(url, "shell", "--no-imports", "-c", script).stdout)


def writing_started(url, db_file) -> bool:
    """True once the import's transaction is writing rows (not yet committed)."""
    if not suite_uses_postgres():
        wal = db_file.with_name(db_file.name + "-wal")
        return wal.exists() and wal.stat().st_size > 500_000
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.replace(f"/{name}", "/postgres")) as connection:
        row = connection.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND query ILIKE 'INSERT%%'"
            " AND state = 'active'",
            [name],
        ).fetchone()
    return row[0] > 0


@pytest.mark.django_db
def test_sigkill_during_import_changes_nothing(tmp_path):
    workbook = tmp_path / "big.xlsx"
    big_workbook(workbook)
    with scratch_database(tmp_path) as url:
        dangjian(url, "migrate", "-v0")
        before = counts(url)
        process = popen_dangjian(url, "import", str(workbook))
        db_file = tmp_path / "scratch.sqlite3"
        deadline = time.monotonic() + 120
        while not writing_started(url, db_file):
            assert process.poll() is None, "the import finished before it could be interrupted"
            assert time.monotonic() < deadline, "the import never started writing"
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        assert process.returncode == -signal.SIGKILL
        assert counts(url) == before
        # And the same workbook still imports completely afterwards.
        dangjian(url, "import", str(workbook))
        assert counts(url) == [before[0] + 2, before[1] + MEMBERS]
