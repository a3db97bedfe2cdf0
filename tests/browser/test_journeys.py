"""The main journey of each role, in a real browser against the live server, at desktop and phone
widths: what a 党委管理员, a 支部书记 and a 党员 actually click through in a week."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest

from dangjian.core import clock
from dangjian.development.models import DevelopmentCase
from dangjian.orglife.models import Attendance, AttendanceStatus, OrgLifeEvent
from dangjian.rectification.models import RectificationItem, RectificationStatus
from tests.browser.conftest import DESKTOP, PHONE
from tests.factories import (
    AttendanceFactory,
    DevelopmentCaseFactory,
    MemberFactory,
    OrgLifeEventFactory,
    RectificationItemFactory,
)

pytestmark = [pytest.mark.browser]

WIDTHS = pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])


def open_nav(session, label: str) -> None:
    """Follow a main-navigation link; on a phone the menu is folded behind ☰ 菜单 first."""
    page = session.page
    if not page.locator(".mainnav").is_visible():
        page.locator("label.nav-button").click()
    session.click_through(page.locator(".mainnav").get_by_role("link", name=label, exact=True))


def assert_fits(session) -> None:
    scroll_width, inner_width = session.overflow()
    assert scroll_width <= inner_width, (
        f"{session.page.url}: page {scroll_width}px wide in {inner_width}px"
    )


@WIDTHS
def test_login_page_is_chinese(open_session, hospital, viewport):
    session = open_session(viewport)
    session.goto("/")  # anonymous: sent to the log-in page
    assert "/accounts/login/" in session.page.url
    assert session.page.locator("html").get_attribute("lang") == "zh-Hans"
    assert session.page.get_by_role("heading", name="登录党建工作平台").is_visible()
    session.page.get_by_label("用户名").fill("carol")
    session.page.get_by_label("密码").fill("wrong-password")
    session.click_through(session.page.get_by_role("button", name="登录"))
    assert session.page.get_by_text("用户名或密码不正确，请重新输入。").is_visible()
    assert_fits(session)


@WIDTHS
def test_admin_records_a_themed_party_day_with_attendance(open_session, hospital, viewport):
    session = open_session(viewport)
    session.login("carol")
    page = session.page
    open_nav(session, "组织生活")
    session.click_through(page.get_by_role("link", name="＋ 新增"))
    assert_fits(session)

    page.select_option("#id_organization", str(hospital.branch_a.pk))
    page.select_option("#id_event_type", "主题党日")
    day = clock.today() - dt.timedelta(days=2)
    page.fill("#id_date", day.isoformat())
    page.fill("#id_topic", "重温入党誓词")
    page.fill("#id_host", "爱丽丝")
    page.fill("#id_duration_hours", "2")
    session.click_through(page.get_by_role("button", name="保存"))

    # Saving goes straight on to the attendance sheet of the branch (its group included).
    event = OrgLifeEvent.objects.get(topic="重温入党誓词")
    assert page.url.endswith(f"/orglife/{event.pk}/attendance/")
    assert event.organization == hospital.branch_a and event.date == day
    assert page.get_by_role("heading").first.inner_text().startswith("登记出勤")
    assert_fits(session)
    page.get_by_role("button", name="全部出席").click()
    bob = page.get_by_role("radiogroup", name="鲍勃")
    bob.get_by_label("请假").check()
    page.fill(f'input[name="makeup-{hospital.bob_member.pk}"]', clock.today().isoformat())
    session.click_through(page.get_by_role("button", name="保存出勤"))

    assert page.url.endswith(event.get_absolute_url())
    assert page.get_by_text("已保存出勤：应到 2 人，出席 1 人。").is_visible()
    rows = {a.member_id: (a.status, a.makeup_on) for a in Attendance.objects.filter(event=event)}
    assert rows == {
        hospital.alice_member.pk: (AttendanceStatus.PRESENT, None),
        hospital.bob_member.pk: (AttendanceStatus.EXCUSED, clock.today()),
    }
    tally = page.locator(".tally").inner_text()
    assert "出席 1" in tally and "请假 1" in tally and "缺席 0" in tally
    assert_fits(session)


@WIDTHS
def test_admin_downloads_the_annual_report_as_word(open_session, hospital, viewport, tmp_path):
    year = clock.today().year
    event = OrgLifeEventFactory(
        organization=hospital.branch_a, date=dt.date(year, 1, 15), topic="年初主题党日"
    )
    AttendanceFactory(event=event, member=hospital.alice_member)
    session = open_session(viewport)
    session.login("carol")
    open_nav(session, "年度报告")
    page = session.page
    assert page.locator(".report-paper").is_visible()
    assert "县人民医院党委" in page.locator(".report-paper").inner_text()
    assert_fits(session)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Word（公文格式）").click()
    download = download_info.value
    assert download.suggested_filename == f"HOSP-{year}-annual-report.docx"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(target.read_bytes())).paragraphs)
    assert "县人民医院党委" in text and str(year) in text


@WIDTHS
def test_secretary_sees_own_branch_and_closes_a_rectification_item(
    open_session, hospital, viewport
):
    today = clock.today()
    item = RectificationItemFactory(
        organization=hospital.branch_a,
        description="支部委员会会议记录不完整",
        raised_on=today - dt.timedelta(days=40),
        deadline=today + dt.timedelta(days=20),
        status=RectificationStatus.IN_PROGRESS,
    )
    RectificationItemFactory(organization=hospital.branch_b, description="外科支部的整改事项")
    MemberFactory(
        name="陈晨", organization=hospital.branch_a
    )  # two direct members: see test_scoping_no_duplicates
    session = open_session(viewport)
    session.login("alice")
    page = session.page
    assert (
        page.get_by_role("heading", level=1).inner_text().startswith("内科党支部 · 本支部本月待办")
    )
    assert_fits(session)

    session.click_through(page.get_by_role("link", name="本支部组织生活"))
    assert page.get_by_role("heading", level=1).inner_text() and "?organization=" in page.url
    assert page.locator("#id_organization option:checked").inner_text() == "内科党支部"
    page.go_back()

    session.click_through(page.get_by_role("link", name="整改台账").first)
    listing = page.locator("table.ledger").inner_text()
    assert "支部委员会会议记录不完整" in listing and "外科支部的整改事项" not in listing
    session.click_through(page.get_by_role("link", name="支部委员会会议记录不完整"))
    assert page.url.endswith(item.get_absolute_url())
    assert_fits(session)

    page.fill("#id_completed_on", today.isoformat())
    page.fill("#id_measures", "补齐会议记录，书记逐页签字")
    if page.locator("#id_evidence").count():
        page.fill("#id_evidence", "会议记录本第 12–18 页")
    session.click_through(page.get_by_role("button", name="确认销号"))

    assert page.get_by_text(f"已销号：{item}").is_visible()
    item.refresh_from_db()
    assert item.status == RectificationStatus.DONE and item.completed_on == today
    assert item.measures == "补齐会议记录，书记逐页签字"
    assert page.get_by_role("button", name="重新打开（撤销销号）").is_visible()
    assert_fits(session)

    # Another branch's item does not exist for her: a Chinese 404 page, not a bare English one.
    other = RectificationItem.objects.get(organization=hospital.branch_b)
    response = page.goto(session.base_url + other.get_absolute_url())
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "页面不存在"
    assert page.get_by_role("link", name="返回首页").is_visible()
    assert_fits(session)


def test_member_sees_own_record_on_a_phone(open_session, hospital):
    year = clock.today().year
    for month, status in (
        (1, AttendanceStatus.PRESENT),
        (2, AttendanceStatus.PRESENT),
        (3, AttendanceStatus.ABSENT),
    ):
        event = OrgLifeEventFactory(
            organization=hospital.branch_a,
            date=dt.date(year, month, 10),
            topic=f"{month}月主题党日",
            duration_hours=2,
        )
        AttendanceFactory(event=event, member=hospital.bob_member, status=status)
    other = OrgLifeEventFactory(
        organization=hospital.branch_b, date=dt.date(year, 1, 20), topic="外科主题党日"
    )
    AttendanceFactory(event=other, member=hospital.erin_member)

    session = open_session(PHONE)
    session.login("bob")
    page = session.page
    assert page.get_by_role("heading", level=1).inner_text() == "鲍勃，您好"
    cards = {
        card.locator(".label").inner_text(): card.locator(".value").inner_text()
        for card in page.locator(".record .card").all()
    }
    assert cards["出席"] == "2次" and cards["缺席"] == "1次" and cards["请假"] == "0次"
    assert cards["学习时长（出席与补学）"] == "4小时"
    recent = page.locator(".recent").inner_text()
    assert "1月主题党日" in recent and "3月主题党日" in recent and "外科主题党日" not in recent
    assert "请及时补学" in page.locator(".record .todo").inner_text()
    assert_fits(session)

    # The menu folds behind ☰ on a phone, and a member is not offered the branch ledgers.
    assert not page.locator(".mainnav").is_visible()
    page.locator("label.nav-button").click()
    brand, menu = page.locator(".brand").bounding_box(), page.locator(".mainnav").bounding_box()
    assert (
        menu["y"] >= brand["y"] + brand["height"] and menu["width"] > 300
    )  # its own row, full width
    links = page.locator(".mainnav a").all_inner_texts()
    assert "组织生活" in links and "整改台账" not in links and "年度报告" not in links


@WIDTHS
def test_secretary_moves_a_development_case_forward(open_session, hospital, viewport):
    """积极分子 → 发展对象: refused with the rule named while the year of training is not over,
    accepted for a case whose year is over; both from the case page, as the branch secretary."""
    today = clock.today()
    ready = DevelopmentCaseFactory(
        name="王小明",
        organization=hospital.branch_a,
        applied_on=today - dt.timedelta(days=430),
        talked_on=today - dt.timedelta(days=420),
        activist_on=today - dt.timedelta(days=400),
    )
    early = DevelopmentCaseFactory(
        name="李小红",
        organization=hospital.branch_a,
        applied_on=today - dt.timedelta(days=130),
        talked_on=today - dt.timedelta(days=120),
        activist_on=today - dt.timedelta(days=100),
    )
    session = open_session(viewport)
    session.login("alice")
    page = session.page

    session.goto(early.get_absolute_url())
    page.fill("#id_on", today.isoformat())
    session.click_through(page.get_by_role("button", name="推进到下一步"))
    assert "个月以上培养教育" in page.locator("[role=alert]").inner_text()
    assert DevelopmentCase.objects.get(pk=early.pk).candidate_on is None
    assert_fits(session)

    session.goto(ready.get_absolute_url())
    assert_fits(session)
    page.fill("#id_on", today.isoformat())
    session.click_through(page.get_by_role("button", name="推进到下一步"))
    assert page.url.endswith(ready.get_absolute_url())
    assert DevelopmentCase.objects.get(pk=ready.pk).candidate_on == today
    assert page.get_by_text(f"已保存：{ready}").is_visible()
