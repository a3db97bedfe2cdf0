"""The first pages: correct for each role, scoped, and without per-row queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    DevelopmentCaseFactory,
    MajorDecisionFactory,
    MemberFactory,
    OrgLifeEventFactory,
    RectificationItemFactory,
    ServiceActivityFactory,
)


def test_login_page_in_chinese(client, db):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert "登录党建工作平台" in response.content.decode()


def test_pages_require_login(client, db):
    response = client.get("/organizations/members/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_member_list_is_scoped_and_masked(client, hospital):
    client.force_login(hospital.alice)
    page = client.get("/organizations/members/").content.decode()
    assert "鲍勃" in page and "艾琳" not in page
    assert hospital.bob_member.id_number not in page
    assert hospital.bob_member.id_number_masked in page


def test_member_list_filters(client, hospital):
    client.force_login(hospital.carol)
    page = client.get(
        "/organizations/members/", {"organization": hospital.branch_b.pk}
    ).content.decode()
    assert "艾琳" in page and "鲍勃" not in page
    page = client.get("/organizations/members/", {"q": "bb"}).content.decode()  # 鲍勃 → bb
    assert "鲍勃" in page and "艾琳" not in page
    page = client.get("/organizations/members/", {"category": "probationary"}).content.decode()
    assert "共 0 条" in page


def test_other_branch_detail_is_404(client, hospital):
    client.force_login(hospital.alice)
    assert client.get(f"/organizations/members/{hospital.erin_member.pk}/").status_code == 404
    assert client.get(f"/organizations/members/{hospital.bob_member.pk}/").status_code == 200


def test_member_sees_own_record_only(client, hospital):
    client.force_login(hospital.bob)
    assert client.get(f"/organizations/members/{hospital.bob_member.pk}/").status_code == 200
    assert client.get(f"/organizations/members/{hospital.alice_member.pk}/").status_code == 404


def test_tree_page(client, hospital):
    client.force_login(hospital.carol)
    page = client.get("/organizations/").content.decode()
    for name in ("县人民医院党委", "内科党支部", "内科第一党小组", "外科党支部"):
        assert name in page


LEDGER_URLS = {
    "/organizations/members/": lambda org, i: MemberFactory(organization=org),
    "/orglife/": lambda org, i: OrgLifeEventFactory(organization=org),
    "/development/": lambda org, i: DevelopmentCaseFactory(organization=org),
    "/rectification/": lambda org, i: RectificationItemFactory(organization=org),
    "/decisions/": lambda org, i: MajorDecisionFactory(organization=org),
    "/outreach/": lambda org, i: ServiceActivityFactory(organization=org),
}


@pytest.mark.parametrize("url", LEDGER_URLS)
def test_list_query_count_does_not_grow(client, hospital, url):
    make = LEDGER_URLS[url]
    client.force_login(hospital.carol)

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context)

    for i in range(2):
        make(hospital.branch_a, i)
    small = count_queries()
    for i in range(20):
        make(hospital.branch_b, i)
    assert count_queries() == small


@pytest.mark.parametrize("url", LEDGER_URLS)
def test_detail_pages_render(client, hospital, url):
    obj = LEDGER_URLS[url](hospital.branch_a, 0)
    client.force_login(hospital.alice)
    assert client.get(obj.get_absolute_url()).status_code == 200
    client.force_login(hospital.dave)
    assert client.get(obj.get_absolute_url()).status_code == 404


def test_decision_without_quorum_is_flagged(client, hospital):
    from dangjian.decisions.models import DecisionCategory

    ok = MajorDecisionFactory(organization=hospital.committee, members_due=9, members_present=5)
    short = MajorDecisionFactory(
        organization=hospital.committee,
        category=DecisionCategory.CADRE_APPOINTMENT,
        members_due=9,
        members_present=5,  # 干部任免 needs two thirds: 6 of 9
    )
    assert ok.has_quorum is True and short.has_quorum is False
    client.force_login(hospital.carol)
    page = client.get("/decisions/").content.decode()
    assert page.count("未达法定人数") == 1
