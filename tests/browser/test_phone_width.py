"""At 375 px (a small phone) no main page is wider than the screen: wide tables scroll inside
their own box, never the whole page sideways."""

from __future__ import annotations

import datetime as dt

import pytest

from dangjian.core import clock
from tests.browser.conftest import PHONE
from tests.factories import (
    AttendanceFactory,
    DevelopmentCaseFactory,
    MajorDecisionFactory,
    MemberFactory,
    OrgLifeEventFactory,
    RectificationItemFactory,
    ServiceActivityFactory,
)

pytestmark = [pytest.mark.browser]

LONG = "学习贯彻习近平新时代中国特色社会主义思想主题教育专题组织生活会暨民主评议党员大会"


@pytest.fixture
def ledgers(hospital):
    """A little of everything, with the long words and numbers real ledgers have."""
    today = clock.today()
    MemberFactory(
        name="欧阳玛丽亚·阿卜杜拉", organization=hospital.branch_a, party_post="组织委员兼纪检委员"
    )
    event = OrgLifeEventFactory(
        organization=hospital.branch_a,
        date=today - dt.timedelta(days=3),
        topic=LONG,
        host="爱丽丝",
        location="门诊医技综合楼十二楼第三会议室（远程视频分会场同步）",
        duration_hours=2,
    )
    AttendanceFactory(event=event, member=hospital.alice_member)
    AttendanceFactory(event=event, member=hospital.bob_member, status="absent")
    DevelopmentCaseFactory(
        organization=hospital.branch_a, name="申请人甲", applied_on=today - dt.timedelta(days=400)
    )
    item = RectificationItemFactory(
        organization=hospital.branch_a,
        description=LONG * 2,
        raised_on=today - dt.timedelta(days=90),
        deadline=today - dt.timedelta(days=5),
    )
    MajorDecisionFactory(
        organization=hospital.committee, topic=LONG, meeting_date=today - dt.timedelta(days=20)
    )
    ServiceActivityFactory(
        organization=hospital.branch_b, activity_type="义诊", date=today - dt.timedelta(days=8)
    )
    return {"event": event, "item": item}


def pages(ledgers, hospital) -> list[str]:
    event, item = ledgers["event"], ledgers["item"]
    return [
        "/",
        "/dashboard/",
        "/organizations/",
        "/organizations/members/",
        f"/organizations/members/{hospital.bob_member.pk}/",
        "/orglife/",
        "/orglife/new/",
        event.get_absolute_url(),
        f"/orglife/{event.pk}/edit/",
        f"/orglife/{event.pk}/attendance/",
        "/orglife/calendar/",
        "/development/",
        "/rectification/",
        item.get_absolute_url(),
        "/decisions/",
        "/outreach/",
        "/reports/annual/",
        "/workbook/import/",
    ]


def test_every_main_page_fits_a_375px_screen(open_session, hospital, ledgers):
    session = open_session(PHONE)
    session.login("carol")
    too_wide = []
    for path in pages(ledgers, hospital):
        session.goto(path)
        session.page.wait_for_load_state("networkidle")
        scroll_width, inner_width = session.overflow()
        assert inner_width == 375
        if scroll_width > inner_width:
            too_wide.append((path, scroll_width))
    assert not too_wide, f"wider than the 375 px screen: {too_wide}"


@pytest.mark.parametrize("username", ["alice", "bob"])
def test_role_homes_fit_a_375px_screen(open_session, hospital, ledgers, username):
    session = open_session(PHONE)
    session.login(username)
    for path in [
        "/",
        "/orglife/",
        ledgers["event"].get_absolute_url(),
        "/orglife/calendar/",
        f"/organizations/members/{hospital.bob_member.pk}/",
    ]:
        session.goto(path)
        scroll_width, inner_width = session.overflow()
        assert scroll_width <= inner_width, (path, scroll_width)


def test_a_wide_table_scrolls_inside_its_own_box(open_session, hospital, ledgers):
    """On a phone the ledger table is a stack of cards; the attendance sheet keeps its columns and
    scrolls within .table-wrap if it must, never the page."""
    session = open_session(PHONE)
    session.login("carol")
    session.goto(f"/orglife/{ledgers['event'].pk}/attendance/")
    wrap = session.page.locator(".table-wrap").first
    assert wrap.evaluate("e => getComputedStyle(e).overflowX") == "auto"
    box = wrap.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
