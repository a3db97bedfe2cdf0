"""Validation messages are in Chinese and name the rule that was broken."""

import datetime as dt

import pytest

from dangjian.core import clock
from dangjian.decisions.models import MajorDecision
from tests.factories import RectificationItemFactory


def errors(response) -> str:
    assert response.status_code == 200, response
    return response.content.decode()


def test_rectification_done_needs_a_completion_date(client, hospital):
    client.force_login(hospital.alice)
    page = errors(
        client.post(
            "/rectification/new/",
            {
                "organization": hospital.branch_a.pk,
                "description": "问题",
                "source": "巡察",
                "raised_on": "2025-03-01",
                "deadline": "2025-02-01",
                "status": "done",
            },
        )
    )
    assert "状态为“已完成”时须填写完成日期" in page
    assert "整改时限不能早于提出日期" in page


def test_party_lecture_needs_a_lecturer_and_group_meeting_a_group(client, hospital):
    client.force_login(hospital.alice)
    page = errors(
        client.post(
            "/orglife/new/",
            {
                "organization": hospital.branch_a.pk,
                "event_type": "党课",
                "date": "2025-03-05",
            },
        )
    )
    assert "党课须填写讲课人" in page
    page = errors(
        client.post(
            "/orglife/new/",
            {
                "organization": hospital.branch_a.pk,
                "event_type": "党小组会",
                "date": "2025-03-05",
            },
        )
    )
    assert "党小组会的组织须为党小组" in page


def test_decision_present_cannot_exceed_due_and_missing_quorum_is_flagged(client, hospital):
    client.force_login(hospital.carol)
    base = {
        "organization": hospital.committee.pk,
        "meeting_date": "2025-04-01",
        "category": "重要干部任免",
        "topic": "任免",
    }
    page = errors(
        client.post("/decisions/new/", {**base, "members_due": "9", "members_present": "10"})
    )
    assert "实到人数（10）多于应到人数（9）" in page
    response = client.post(
        "/decisions/new/", {**base, "members_due": "9", "members_present": "5"}, follow=True
    )
    assert MajorDecision.objects.count() == 1
    assert "未达法定人数" in response.content.decode()


def test_decision_is_taken_by_the_committee(client, hospital):
    client.force_login(hospital.carol)
    page = errors(
        client.post(
            "/decisions/new/",
            {
                "organization": hospital.branch_a.pk,
                "meeting_date": "2025-04-01",
                "category": "重大决策",
                "topic": "x",
            },
        )
    )
    assert "所选组织不在您的管理范围内" in page or "选择一个有效的选项" in page


def test_member_joining_under_eighteen_and_bad_phone(client, hospital):
    client.force_login(hospital.carol)
    page = errors(
        client.post(
            "/organizations/members/new/",
            {
                "member_no": "N1",
                "name": "新党员",
                "organization": hospital.branch_a.pk,
                "category": "full",
                "birth_date": "2010-01-01",
                "joined_on": "2024-01-01",
                "phone": "12345",
                "employment_status": "working",
            },
        )
    )
    assert "入党时须年满十八岁" in page
    assert "手机号应为以 1 开头的 11 位数字" in page


def test_id_number_check_digit(client, hospital):
    client.force_login(hospital.carol)
    page = errors(
        client.post(
            "/organizations/members/new/",
            {
                "member_no": "N2",
                "name": "新党员",
                "organization": hospital.branch_a.pk,
                "category": "full",
                "id_number": "110101199003071234",
                "employment_status": "working",
            },
        )
    )
    assert "身份证号" in page and "校验" in page


@pytest.mark.parametrize("when", [clock.today() + dt.timedelta(days=2)])
def test_completion_cannot_be_in_the_future(client, hospital, when):
    item = RectificationItemFactory(organization=hospital.branch_a)
    client.force_login(hospital.alice)
    page = errors(
        client.post(
            f"/rectification/{item.pk}/close/", {"completed_on": when.isoformat(), "measures": "x"}
        )
    )
    assert "完成日期不能晚于今天" in page
