"""`dangjian restore` verifies a backup before it touches the database (issue 15, item 9), and
the PostgreSQL password never appears on the pg_dump/pg_restore command line (item 16).

Each refusal is checked on the real command in a subprocess against a scratch database of the
suite's engine, and the database must still hold its data afterwards."""

import os
import sqlite3
import stat
import subprocess
import sys

import pytest

from tests.security.scratch_db import ROOT, dangjian, scratch_database, suite_uses_postgres

COUNT = (
    "shell",
    "--no-imports",
    "-c",
    "from dangjian.organizations.models import Organization as O; print(O.objects.count())",
)


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """A migrated scratch database with two organisations, and a good backup of it."""
    tmp = tmp_path_factory.mktemp("restore")
    with scratch_database(tmp) as url:
        dangjian(url, "migrate", "-v0")
        dangjian(
            url,
            "shell",
            "--no-imports",
            "-c",
            "from dangjian.organizations.models import Organization as O;"
            "root = O.objects.create(code='H', name='某医院党委', org_type='party_committee');"
            "O.objects.create(code='A', name='内科党支部', parent=root)",
        )
        good = tmp / "good.backup"
        dangjian(url, "backup", str(good))
        yield url, good, tmp


def organisations(url) -> str:
    return dangjian(url, *COUNT).stdout.strip()


def refused(url, path, *args) -> str:
    result = dangjian(url, "restore", "--yes", str(path), *args, check=False)
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    assert "当前数据库未改动" in result.stderr, result.stderr
    assert organisations(url) == "2"  # the current database is kept
    return result.stderr


def test_an_empty_file_is_refused(live):
    url, _, tmp = live
    empty = tmp / "empty.backup"
    empty.write_bytes(b"")
    assert "是空文件" in refused(url, empty)


def test_a_foreign_database_file_is_refused(live):
    url, _, tmp = live
    foreign = tmp / "foreign.sqlite3"
    database = sqlite3.connect(foreign)
    database.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    database.commit()
    database.close()
    message = refused(url, foreign)
    if suite_uses_postgres():
        assert "不是 pg_dump 的备份文件" in message
    else:
        assert "不是党建工作平台的备份" in message


def test_a_truncated_backup_is_refused(live):
    url, good, tmp = live
    truncated = tmp / "truncated.backup"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    message = refused(url, truncated)
    assert "不完整" in message or "无法完整读取" in message


@pytest.mark.skipif("suite_uses_postgres()", reason="edits the backup with sqlite3")
def test_a_backup_from_a_newer_version_or_missing_a_table_is_refused(live):
    url, good, tmp = live
    newer = tmp / "newer.sqlite3"
    newer.write_bytes(good.read_bytes())
    database = sqlite3.connect(newer)
    database.execute(
        "INSERT INTO django_migrations (app, name, applied) "
        "VALUES ('organizations', '9999_from_the_future', '2030-01-01')"
    )
    database.commit()
    database.close()
    assert "来自较新版本" in refused(url, newer)
    assert "organizations.9999_from_the_future" in refused(url, newer)

    partial = tmp / "partial.sqlite3"
    partial.write_bytes(good.read_bytes())
    database = sqlite3.connect(partial)
    database.execute("DROP TABLE organizations_member")
    database.commit()
    database.close()
    assert "不完整：缺少数据表 organizations_member" in refused(url, partial)


def test_without_yes_and_without_input_nothing_is_restored(live):
    url, good, _ = live
    env = {**os.environ, "DANGJIAN_DATABASE_URL": url}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-m", "dangjian.cli", "restore", str(good)],
        env=env,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "EOFError" not in result.stderr and "没有收到确认" in result.stderr, result.stderr
    assert organisations(url) == "2"


def test_a_verified_backup_is_restored(live):
    url, good, _ = live
    dangjian(
        url,
        "shell",
        "--no-imports",
        "-c",
        "from dangjian.organizations.models import Organization as O;"
        "O.objects.filter(code='A').delete()",
    )
    assert organisations(url) == "1"
    result = dangjian(url, "restore", "--yes", str(good))
    assert "已从" in result.stdout and organisations(url) == "2"


@pytest.mark.skipif("not suite_uses_postgres()", reason="pg_dump/pg_restore are PostgreSQL's")
def test_the_postgres_password_is_not_on_the_command_line(live, tmp_path):
    """pg_dump and pg_restore are wrapped by scripts that record their own command line (what
    `ps` shows) and whether PGPASSWORD reached them. The test server trusts local connections,
    so any password is accepted."""
    url, _, _ = live
    password = "Geheim-Pw-4711"
    with_password = url.replace("postgres://postgres@", f"postgres://postgres:{password}@", 1)
    assert password in with_password
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "calls.log"
    for program in ("pg_dump", "pg_restore"):
        wrapper = bin_dir / program
        wrapper.write_text(
            "#!/bin/sh\n"
            f'echo "{program} $* PGPASSWORD=$PGPASSWORD" >> {log}\n'
            f'exec /usr/bin/{program} "$@"\n'
        )
        wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    env_path = f"{bin_dir}{os.pathsep}{os.environ['PATH']}"
    backup_file = tmp_path / "pw.backup"
    for args in (("backup", str(backup_file)), ("restore", "--yes", str(backup_file))):
        env = {**os.environ, "DANGJIAN_DATABASE_URL": with_password, "PATH": env_path}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        result = subprocess.run(
            [sys.executable, "-m", "dangjian.cli", *args],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
    calls = log.read_text().splitlines()
    assert {line.split()[0] for line in calls} == {"pg_dump", "pg_restore"}
    for line in calls:
        command_line, _, given = line.rpartition(" PGPASSWORD=")
        assert password not in command_line
        assert given == password
    assert organisations(url) == "2"
