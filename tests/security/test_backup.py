"""`dangjian backup` and `dangjian restore` round-trip the whole database losslessly."""

import json

import pytest

from tests.security.scratch_db import dangjian, scratch_database

DUMP = (
    "dumpdata",
    "--natural-foreign",
    "--exclude",
    "contenttypes",
    "--exclude",
    "auth.permission",
    "--exclude",
    "sessions",
)


@pytest.mark.django_db
def test_backup_restore_round_trip(tmp_path):
    with scratch_database(tmp_path) as url:
        dangjian(url, "migrate", "-v0")
        dangjian(
            url,
            "demo",
            "--members",
            "40",
            "--branches",
            "3",
            "--years",
            "1",
            "--as-of",
            "2025-06-30",
        )
        before = json.loads(dangjian(url, *DUMP).stdout)
        assert len(before) > 100

        backup_file = tmp_path / "dangjian.backup"
        dangjian(url, "backup", str(backup_file))
        assert backup_file.stat().st_size > 0

        # Damage the data after the backup: delete every service activity and a member's name.
        dangjian(
            url,
            "shell",
            "--no-imports",
            "-c",
            "from dangjian.outreach.models import ServiceActivity as S; S.objects.all().delete();"
            "from dangjian.organizations.models import Member as M; M.objects.update(name='X')",
        )
        assert json.loads(dangjian(url, *DUMP).stdout) != before

        dangjian(url, "restore", "--yes", str(backup_file))
        assert json.loads(dangjian(url, *DUMP).stdout) == before


@pytest.mark.django_db
def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "not-a-backup.bin"
    bogus.write_bytes(b"hello, this is not a database")
    with scratch_database(tmp_path) as url:
        dangjian(url, "migrate", "-v0")
        result = dangjian(url, "restore", "--yes", str(bogus), check=False)
        assert result.returncode != 0
        assert "备份" in result.stderr or "pg_restore" in result.stderr
