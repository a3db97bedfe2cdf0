"""One version, shown where an IT department and a reader of a report look for it."""

import subprocess
import sys

import pytest

import dangjian
from dangjian.core import releases
from tests.security.scratch_db import ROOT


def test_dangjian_version_prints_the_package_version():
    result = subprocess.run(
        [sys.executable, "-m", "dangjian.cli", "--version"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == f"dangjian {dangjian.__version__}"


def test_installed_metadata_has_the_same_version():
    from importlib.metadata import version

    assert version("dangjian") == dangjian.__version__


def test_changelog_has_the_version_and_every_release():
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {dangjian.__version__} " in changelog
    for release in releases.RELEASES:
        assert f"## {release} " in changelog
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")


@pytest.mark.django_db
def test_page_footer_shows_the_version(client):
    page = client.get("/accounts/login/")
    assert f"dangjian {dangjian.__version__} ·" in page.content.decode()


def test_report_metadata_has_the_version(db):
    from dangjian.reports.figures import compute_figures
    from dangjian.reports.narrative import build_report
    from dangjian.reports.render import to_json
    from tests.reports.test_query_counts import build_hospital

    committee = build_hospital("V", branches=1)
    meta = to_json(build_report(compute_figures(2025, committee)))["meta"]
    assert meta["dangjian_version"] == dangjian.__version__


def test_previous_release_state_names_existing_migrations():
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    for app, name in releases.RELEASES[releases.PREVIOUS_RELEASE].items():
        assert (app, name) in loader.disk_migrations
