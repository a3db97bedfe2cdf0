"""The Content-Security-Policy (issue 15, item 17) in a real browser: the dashboard's ECharts,
the attendance sheet's buttons, the calendar's subscription box and the Swagger API docs all
work under it, and the browser reports no violation (every Session fails its test on one:
tests/browser/conftest.py)."""

from __future__ import annotations

import pytest

from dangjian.orglife.models import Attendance
from tests.browser.conftest import DESKTOP
from tests.factories import AttendanceFactory, OrgLifeEventFactory

pytestmark = [pytest.mark.browser]


def test_pages_scripts_and_api_docs_work_under_the_policy(open_session, hospital):
    event = OrgLifeEventFactory(organization=hospital.branch_a)
    AttendanceFactory(event=event, member=hospital.alice_member)
    AttendanceFactory(event=event, member=hospital.bob_member)
    admin = open_session(DESKTOP)
    admin.login("carol")
    page = admin.page
    policy = admin.goto("/").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy

    admin.goto("/dashboard/")
    page.locator("#dashboard[data-ready=true]").wait_for()
    assert page.locator("#dashboard .chart svg").count() >= 1

    admin.goto("/organizations/")
    admin.goto("/organizations/members/")

    # The attendance sheet's "全部…" buttons (a script file now, not inline).
    admin.goto(f"/orglife/{event.pk}/attendance/")
    page.locator("button[data-all]").first.click()
    value = page.locator("button[data-all]").first.get_attribute("data-all")
    radios = page.locator(f'.sheet input[type=radio][value="{value}"]')
    assert radios.count() == 2
    assert all(radios.nth(i).is_checked() for i in range(radios.count()))
    admin.click_through(page.get_by_role("button", name="保存出勤"))
    assert set(Attendance.objects.filter(event=event).values_list("status", flat=True)) == {value}

    admin.goto("/orglife/calendar/")
    page.locator("details.feed summary").click()
    feed = page.locator("input.feed-url")
    feed.click()  # selects the whole address for copying
    assert feed.evaluate("e => e.selectionStart === 0 && e.selectionEnd === e.value.length")

    # Swagger UI (drf-spectacular's sidecar files) renders the operations.
    admin.goto("/api/docs/")
    page.locator(".opblock").first.wait_for()
    # (Swagger UI renders the first tags at once and the rest as the page scrolls.)
    assert "/api/attendances/" in page.locator(".opblock-summary-path").all_inner_texts()
