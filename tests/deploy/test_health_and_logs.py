"""/healthz answers monitoring without a login; every request is logged with its id, user and time."""

import json
import logging

import pytest
from django.core.management import call_command

import dangjian
from dangjian.core.requestlog import JsonFormatter, RequestContextFilter


@pytest.mark.django_db
def test_healthz_is_ok_without_a_login(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # not created yet: its parent's space counts
    settings.DANGJIAN_BACKUP_DIR = tmp_path / "backups"
    settings.DANGJIAN_HEALTH_MIN_FREE_MB = 1
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["version"] == dangjian.__version__
    assert set(body["checks"]) == {"database", "migrations", "disk_uploads", "disk_backups"}
    assert all(check["ok"] for check in body["checks"].values())
    assert body["checks"]["disk_uploads"]["free_mb"] >= 1


@pytest.mark.django_db
def test_healthz_fails_when_the_disk_is_below_the_threshold(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.DANGJIAN_BACKUP_DIR = tmp_path
    settings.DANGJIAN_HEALTH_MIN_FREE_MB = 10**12  # an exabyte: no disk has that much free
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert not body["checks"]["disk_backups"]["ok"]
    assert "低于下限" in body["checks"]["disk_uploads"]["error"]
    assert body["checks"]["database"]["ok"]


@pytest.mark.django_db(transaction=True)
def test_healthz_fails_with_an_unapplied_migration(client, settings, tmp_path):
    settings.MEDIA_ROOT = settings.DANGJIAN_BACKUP_DIR = tmp_path
    settings.DANGJIAN_HEALTH_MIN_FREE_MB = 1
    call_command("migrate", "core", "0001", verbosity=0)
    try:
        response = client.get("/healthz")
        assert response.status_code == 503
        body = response.json()["checks"]["migrations"]
        # Every core migration after 0001, oldest first (later releases add more).
        assert body["unapplied"][0] == "core.0002_alter_accessevent_kind"
        assert all(name.startswith("core.") for name in body["unapplied"])
        assert "dangjian upgrade" in body["error"]
    finally:
        call_command("migrate", verbosity=0)


@pytest.mark.django_db
def test_each_request_is_logged_with_id_user_and_duration(client, hospital, caplog):
    client.force_login(hospital.alice)
    with caplog.at_level(logging.INFO, logger="dangjian.request"):
        response = client.get("/", HTTP_X_REQUEST_ID="nginx-req-42")
    assert response["X-Request-ID"] == "nginx-req-42"
    [record] = [r for r in caplog.records if r.name == "dangjian.request"]
    assert (record.method, record.path, record.status) == ("GET", "/", 200)
    assert record.duration_ms >= 0
    RequestContextFilter().filter(record)
    assert record.request_id == "nginx-req-42"
    assert record.user == hospital.alice.username
    entry = json.loads(JsonFormatter().format(record))
    assert entry["request_id"] == "nginx-req-42"
    assert entry["user"] == hospital.alice.username
    assert entry["status"] == 200
    assert entry["message"].startswith("GET / 200 ")


@pytest.mark.django_db
def test_a_request_id_that_is_not_sane_is_replaced(client, caplog):
    with caplog.at_level(logging.INFO, logger="dangjian.request"):
        response = client.get("/healthz", HTTP_X_REQUEST_ID="evil\nid with spaces")
    assert response["X-Request-ID"] != "evil\nid with spaces"
    assert len(response["X-Request-ID"]) == 32
    [record] = [r for r in caplog.records if r.name == "dangjian.request"]
    RequestContextFilter().filter(record)
    assert record.user == "-"


def test_json_logs_are_chosen_by_the_environment():
    import os
    import subprocess
    import sys

    from tests.security.scratch_db import ROOT

    code = (
        "import django, logging; django.setup();"
        "logging.getLogger('dangjian.test').warning('出错了 %s', 1)"
    )
    env = {**os.environ, "DANGJIAN_LOG_JSON": "true", "DJANGO_SETTINGS_MODULE": "dangjian.settings"}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    entry = json.loads(result.stdout)
    assert entry["message"] == "出错了 1"
    assert entry["level"] == "WARNING"
    assert entry["request_id"] == "-"
