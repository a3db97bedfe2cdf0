"""`dangjian check --deploy` is clean with the production settings the README documents."""

import os
import subprocess
import sys

from tests.security.scratch_db import ROOT

PRODUCTION = {
    "DANGJIAN_SECRET_KEY": "k3v9-production-secret-that-is-long-and-random-4f8a2c1e9d7b6a5f3e2d1c0b",
    "DANGJIAN_HTTPS": "true",
    "DANGJIAN_ALLOWED_HOSTS": "dangjian.example-hospital.cn",
}


def run_check(env_overrides):
    env = {**os.environ, **env_overrides}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-m", "dangjian.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_production_settings_pass_the_deploy_check():
    result = run_check(PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_development_defaults_are_flagged():
    result = run_check({"DANGJIAN_HTTPS": "false"})
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT" in result.stderr + result.stdout


def test_the_published_key_fails_the_deploy_check(tmp_path):
    """Production settings without DANGJIAN_SECRET_KEY (and no key file in the data folder)."""
    without_key = {k: v for k, v in PRODUCTION.items() if k != "DANGJIAN_SECRET_KEY"}
    env = {**without_key, "DANGJIAN_DATA_DIR": str(tmp_path), "DANGJIAN_DEBUG": "false"}
    saved = os.environ.pop("DANGJIAN_SECRET_KEY", None)
    try:
        result = run_check(env)
    finally:
        if saved is not None:
            os.environ["DANGJIAN_SECRET_KEY"] = saved
    assert result.returncode != 0
    assert "dangjian.E001" in result.stderr and "DANGJIAN_SECRET_KEY 未设置" in result.stderr


def test_the_wsgi_application_refuses_to_start_with_the_published_key(tmp_path):
    env = {**os.environ, "DANGJIAN_DATA_DIR": str(tmp_path), "DANGJIAN_DEBUG": "false"}
    env.pop("DANGJIAN_SECRET_KEY", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    start = [sys.executable, "-c", "import dangjian.wsgi"]
    refused = subprocess.run(start, env=env, cwd=ROOT, capture_output=True, text=True)
    assert refused.returncode != 0
    assert "ImproperlyConfigured" in refused.stderr and "DANGJIAN_SECRET_KEY" in refused.stderr
    started = subprocess.run(
        start,
        env={**env, "DANGJIAN_SECRET_KEY": PRODUCTION["DANGJIAN_SECRET_KEY"]},
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert started.returncode == 0, started.stderr
