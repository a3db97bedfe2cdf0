"""One import at a time per database (issue 15, item 13): the second gets "另一个导入正在进行" on
the command line and on the page (no 500), changes nothing, and every attempt is audited."""

from __future__ import annotations

import threading
from contextlib import contextmanager

import pytest
from django.core.management.base import CommandError
from django.db import connections

from dangjian.core.locks import exclusive
from dangjian.core.models import AccessEvent, AccessKind
from dangjian.organizations.models import Member
from tests.workbook.conftest import run_import, sample_sheets, table_counts, write_workbook
from tests.workbook.test_pages import upload

BUSY = "另一个导入正在进行"


@contextmanager
def import_in_progress():
    """Hold the import lock from another thread (its own database connection) meanwhile."""
    held, release = threading.Event(), threading.Event()

    def hold():
        try:
            with exclusive("import"):
                held.set()
                release.wait(60)
        finally:
            connections.close_all()

    thread = threading.Thread(target=hold)
    thread.start()
    assert held.wait(60)
    try:
        yield
    finally:
        release.set()
        thread.join()


@pytest.fixture
def workbook(tmp_path):
    return write_workbook(tmp_path / "ledger.xlsx", sample_sheets())


def test_the_command_refuses_a_second_import_and_audits_both(hospital, workbook):
    before = table_counts()
    with import_in_progress(), pytest.raises(CommandError) as refused:
        run_import(workbook)
    assert "导入失败" in str(refused.value)
    assert table_counts() == before
    failed = AccessEvent.objects.get(kind=AccessKind.IMPORT_FAILED)
    assert BUSY in failed.detail and failed.username.startswith("命令行:")

    run_import(workbook)  # once the other import is over
    assert Member.objects.filter(member_no="M001").exists()
    assert "工作簿导入成功" in AccessEvent.objects.get(kind=AccessKind.IMPORT).detail


def test_the_page_says_so_instead_of_a_server_error(client, hospital, workbook):
    client.force_login(hospital.carol)
    before = table_counts()
    with import_in_progress():
        response = upload(client, workbook)
        # A dry run only reads: it goes ahead meanwhile.
        checked = upload(client, workbook, dry_run="on").content.decode()
    assert response.status_code == 200 and BUSY in response.content.decode()
    assert "检查通过" in checked
    assert table_counts() == before
    failed = AccessEvent.objects.get(kind=AccessKind.IMPORT_FAILED)
    assert failed.username == "carol" and BUSY in failed.detail and "ledger.xlsx" in failed.detail


def test_a_refused_workbook_is_audited_as_failed(client, hospital, tmp_path):
    sheets = sample_sheets()
    sheets["党员"][1][2] = "NOPE"
    client.force_login(hospital.carol)
    upload(client, write_workbook(tmp_path / "bad.xlsx", sheets))
    failed = AccessEvent.objects.get(kind=AccessKind.IMPORT_FAILED)
    assert "bad.xlsx" in failed.detail and "NOPE" in failed.detail


HOLDER = (
    "import sys\n"
    "from dangjian.core.locks import exclusive\n"
    "with exclusive('import'):\n"
    "    print('held', flush=True)\n"
    "    sys.stdin.read()\n"
)


@pytest.mark.django_db
def test_another_process_holding_the_lock_refuses_the_command_until_it_ends(tmp_path):
    """Across processes, on the suite's engine: a process holds the import lock; `dangjian import`
    is refused meanwhile, and goes through once the holder is gone, even killed with SIGKILL (the
    lock dies with its holder: nothing stale to clear)."""
    import os
    import signal
    import subprocess
    import sys

    from tests.security.scratch_db import ROOT, dangjian, scratch_database

    workbook = write_workbook(tmp_path / "ledger.xlsx", sample_sheets())
    with scratch_database(tmp_path) as url:
        dangjian(url, "migrate", "-v0")
        env = {**os.environ, "DANGJIAN_DATABASE_URL": url}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        holder = subprocess.Popen(
            [sys.executable, "-m", "dangjian.cli", "shell", "--no-imports", "-c", HOLDER],
            env=env,
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert holder.stdout.readline().strip() == "held"
            refused = dangjian(url, "import", str(workbook), check=False)
            assert refused.returncode != 0 and BUSY in refused.stderr, refused.stderr
            assert "database is locked" not in refused.stderr
        finally:
            holder.send_signal(signal.SIGKILL)
            holder.wait()
        done = dangjian(url, "import", str(workbook))
        assert "导入完成" in done.stdout
