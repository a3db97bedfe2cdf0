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
