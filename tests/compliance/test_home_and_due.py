"""待办 on each role's home page and the 待办提醒 page, from the same reminders."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dangjian.compliance.reminders import collect
from dangjian.core import clock
from dangjian.organizations.models import MemberCategory, OrgType
from dangjian.orglife.models import EventType
from tests.factories import (
    DevelopmentCaseFactory,
    MemberFactory,
    OrganizationFactory,
    OrgLifeEventFactory,
    RectificationItemFactory,
)

pytestmark = pytest.mark.django_db
HOME = reverse("web:home")
DUE = reverse("compliance:due")


@pytest.fixture
def ledger(hospital):
    h = hospital
    today = clock.today()
    h.bob_member.category = MemberCategory.PROBATIONARY
    h.bob_member.joined_on = today - dt.timedelta(days=400)  # 预备期 over: 转正 overdue
    h.bob_member.save()
    RectificationItemFactory(
        code="ZG-A",
        organization=h.branch_a,
        description="内科整改事项",
        deadline=today - dt.timedelta(days=3),
    )
    RectificationItemFactory(
        code="ZG-B",
        organization=h.branch_b,
        description="外科整改事项",
        deadline=today - dt.timedelta(days=3),
    )
    return h


def test_secretary_home_lists_own_branch(client, ledger):
    client.force_login(ledger.alice)
    page = client.get(HOME).content.decode()
    assert "本支部本月待办" in page
    assert "内科整改事项" in page and "外科整改事项" not in page
    assert "预备党员鲍勃" in page


def test_member_home_lists_own_items_only(client, ledger):
    client.force_login(ledger.bob)
    page = client.get(HOME).content.decode()
    assert "预备党员鲍勃" in page
    assert "内科整改事项" not in page and "外科整改事项" not in page
    client.force_login(ledger.erin)
    page = client.get(HOME).content.decode()
    assert "预备党员鲍勃" not in page and "暂无到期或逾期的待办事项" in page


def test_admin_home_lists_everything(client, ledger):
    client.force_login(ledger.carol)
    page = client.get(HOME).content.decode()
    assert "待办提醒" in page and "内科整改事项" in page and "外科整改事项" in page


def test_due_page_scope(client, ledger):
    client.force_login(ledger.dave)
    page = client.get(DUE).content.decode()
    assert "外科整改事项" in page and "内科整改事项" not in page and "合规日历" in page
    client.force_login(ledger.bob)
    page = client.get(DUE, {"days": "60"}).content.decode()
    assert "预备党员鲍勃" in page and "外科整改事项" not in page
    assert client.get(DUE, {"days": "x"}).status_code == 404


def test_reminder_queries_do_not_grow(hospital):
    as_of = dt.date(2025, 6, 10)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            items = collect(as_of, 30)
        return len(ctx.captured_queries), len(items)

    small, small_items = count()
    for _i in range(5):
        branch = OrganizationFactory(
            parent=hospital.committee, last_election_on=dt.date(2022, 1, 1)
        )
        group = OrganizationFactory(parent=branch, org_type=OrgType.GROUP)
        member = MemberFactory(
            organization=group, category=MemberCategory.PROBATIONARY, joined_on=dt.date(2024, 5, 1)
        )
        DevelopmentCaseFactory(organization=branch, applied_on=dt.date(2025, 5, 20))
        DevelopmentCaseFactory(
            name=member.name,
            id_number=member.id_number,
            organization=branch,
            applied_on=dt.date(2022, 1, 5),
            activist_on=dt.date(2022, 3, 1),
            candidate_on=dt.date(2023, 4, 1),
            admitted_on=dt.date(2024, 5, 1),
        )
        RectificationItemFactory(organization=branch, deadline=dt.date(2025, 6, 1))
        OrgLifeEventFactory(
            organization=group, event_type=EventType.GROUP_MEETING, date=dt.date(2025, 5, 10)
        )
    large, large_items = count()
    assert large_items > small_items + 20
    assert large == small
