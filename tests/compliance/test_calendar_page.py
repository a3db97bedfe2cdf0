"""The compliance calendar page: per-role scope, links into the 组织生活 list, constant queries."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dangjian.organizations.models import OrgType
from dangjian.orglife.models import AttendanceStatus, EventType
from tests.factories import (
    AttendanceFactory,
    MemberFactory,
    OrganizationFactory,
    OrgLifeEventFactory,
)

pytestmark = pytest.mark.django_db
URL = reverse("compliance:calendar")


@pytest.fixture
def events(hospital):
    h = hospital
    OrgLifeEventFactory(
        organization=h.group_a,
        event_type=EventType.GROUP_MEETING,
        date=dt.date(2025, 1, 16),
        topic="一月党小组会",
    )
    OrgLifeEventFactory(
        organization=h.branch_b,
        event_type=EventType.THEMED_PARTY_DAY,
        date=dt.date(2025, 1, 5),
        topic="外科主题党日",
    )
    return h


def test_admin_sees_every_branch(client, events):
    client.force_login(events.carol)
    page = client.get(URL, {"year": 2025}).content.decode()
    assert "内科党支部" in page and "外科党支部" in page and "县人民医院党委" in page
    assert "理论学习中心组学习" in page


def test_secretary_sees_own_branch_only(client, events):
    client.force_login(events.alice)
    response = client.get(URL, {"year": 2025})
    page = response.content.decode()
    assert response.status_code == 200
    assert "内科党支部" in page and "外科党支部" not in page
    assert client.get(URL, {"year": 2025, "org": "B"}).status_code == 404
    client.force_login(events.dave)
    page = client.get(URL, {"year": 2025}).content.decode()
    assert "外科党支部" in page and "内科党支部" not in page


def test_member_is_refused(client, events):
    client.force_login(events.bob)
    assert client.get(URL).status_code == 403
    assert client.get(URL, {"year": "abc"}).status_code in (403, 404)


def test_cell_links_to_the_filtered_records(client, events):
    h = events
    client.force_login(h.alice)
    page = client.get(URL, {"year": 2025}).content.decode()
    links = re.findall(r'href="(/orglife/\?[^"]+)"', page)
    link = next(
        x.replace("&amp;", "&")
        for x in links
        if "event_type=%E5%85%9A%E5%B0%8F%E7%BB%84%E4%BC%9A" in x and "month=1&" in x + "&"
    )
    listing = client.get(link).content.decode()
    assert "一月党小组会" in listing  # the group's meeting, listed under the branch
    feb = link.replace("month=1", "month=2")
    assert "一月党小组会" not in client.get(feb).content.decode()


def test_grid_scrolls_inside_its_container(client, events):
    client.force_login(events.carol)
    page = client.get(URL, {"year": 2025}).content.decode()
    assert 'class="grid-wrap"' in page and "compliance/compliance.css" in page
    from django.contrib.staticfiles import finders

    css = Path(finders.find("compliance/compliance.css")).read_text(encoding="utf-8")
    assert ".grid-wrap { overflow-x: auto;" in css


def test_page_queries_do_not_grow(client, hospital):
    client.force_login(hospital.carol)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL, {"year": 2025}).status_code == 200
        return len(ctx.captured_queries)

    count()  # warm caches (sessions, content types)
    small = count()
    for _ in range(5):
        branch = OrganizationFactory(parent=hospital.committee)
        group = OrganizationFactory(parent=branch, org_type=OrgType.GROUP)
        member = MemberFactory(organization=group)
        for month in range(1, 13):
            event = OrgLifeEventFactory(
                organization=group,
                event_type=EventType.GROUP_MEETING,
                date=dt.date(2025, month, 10),
            )
            AttendanceFactory(
                event=event,
                member=member,
                status=AttendanceStatus.ABSENT,
                makeup_on=dt.date(2025, month, 20),
            )
            OrgLifeEventFactory(organization=branch, date=dt.date(2025, month, 3))
    large = count()
    assert large == small
