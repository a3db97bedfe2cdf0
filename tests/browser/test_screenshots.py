"""The demo hospital in the browser: the README's screenshots, and every main page at 375 px with
realistic volumes (hundreds of members, two years of meetings).

Screenshots go to a temporary directory; with DANGJIAN_SCREENSHOTS=docs/screenshots they refresh
the README's pictures:

    DANGJIAN_SCREENSHOTS=docs/screenshots .venv/bin/pytest tests/browser/test_screenshots.py
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

import pytest

from dangjian.core import clock
from tests.browser.conftest import DESKTOP, PHONE

pytestmark = [pytest.mark.browser]

DEMO_PASSWORD = "Dangjian@2025"  # dangjian.demo.logins


@pytest.fixture
def demo(transactional_db, settings):
    from dangjian.demo.generator import build_demo

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_demo(members=160, branches=6, years=2)


@pytest.fixture
def shots(tmp_path) -> Path:
    target = os.environ.get("DANGJIAN_SCREENSHOTS")
    path = Path(target) if target else tmp_path
    path.mkdir(parents=True, exist_ok=True)
    return path


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", header[16:24])


def test_screenshots_of_the_demo_hospital(open_session, live_server, demo, shots):
    admin = open_session(DESKTOP)
    admin.login("admin", DEMO_PASSWORD)
    page = admin.page
    assert page.locator(".cards .card").count() >= 4
    page.screenshot(path=str(shots / "home-desktop.png"), full_page=True)

    admin.goto("/dashboard/")
    # ECharts (SVG renderer, no animation) draws into each chart box once the JSON has arrived.
    page.locator("#dashboard[data-ready=true]").wait_for()
    assert page.locator("#dashboard .chart svg").count() == 5
    page.screenshot(path=str(shots / "dashboard-desktop.png"), full_page=True)

    admin.goto("/reports/annual/")
    assert "年度" in page.locator(".report-paper").inner_text()
    page.screenshot(path=str(shots / "report-desktop.png"), full_page=False)

    phone = open_session(PHONE)
    phone.login("neike", DEMO_PASSWORD)
    phone.click_through(phone.page.get_by_role("link", name="本支部组织生活"))
    phone.click_through(phone.page.locator("table.ledger tbody tr a:visible").first)
    phone.click_through(phone.page.get_by_role("link", name="登记出勤"))
    assert phone.page.locator("table.sheet tbody tr").count() >= 5
    phone.page.screenshot(path=str(shots / "attendance-phone.png"), full_page=False)
    assert phone.overflow()[0] <= PHONE["width"]

    member = open_session(PHONE)
    member.login("dangyuan", DEMO_PASSWORD)
    member.page.screenshot(path=str(shots / "member-phone.png"), full_page=False)
    assert member.overflow()[0] <= PHONE["width"]

    for name, width in (
        ("home-desktop", 1280),
        ("dashboard-desktop", 1280),
        ("report-desktop", 1280),
        ("attendance-phone", 375),
        ("member-phone", 375),
    ):
        shot_width, shot_height = png_size(shots / f"{name}.png")
        assert shot_width == width and shot_height >= 600, (name, shot_width, shot_height)


def test_demo_pages_fit_a_375px_screen(open_session, live_server, demo):
    from dangjian.organizations.models import Member
    from dangjian.orglife.models import OrgLifeEvent
    from dangjian.rectification.models import RectificationItem

    event = OrgLifeEvent.objects.order_by("-date").first()
    item = RectificationItem.objects.order_by("pk").first()
    member = Member.objects.order_by("pk").first()
    year = clock.today().year
    session = open_session(PHONE)
    session.login("admin", DEMO_PASSWORD)
    too_wide = []
    for path in [
        "/",
        "/dashboard/",
        "/organizations/",
        "/organizations/elections/",
        "/organizations/members/",
        member.get_absolute_url(),
        "/orglife/",
        event.get_absolute_url(),
        f"/orglife/{event.pk}/attendance/",
        "/orglife/calendar/",
        "/development/",
        "/rectification/",
        item.get_absolute_url(),
        "/decisions/",
        "/outreach/",
        f"/reports/annual/?year={year}",
        "/workbook/import/",
        "/audit/",
    ]:
        session.goto(path)
        session.page.wait_for_load_state("networkidle")
        scroll_width, _inner = session.overflow()
        if scroll_width > PHONE["width"]:
            too_wide.append((path, scroll_width))
    assert not too_wide, f"wider than the 375 px screen: {too_wide}"
