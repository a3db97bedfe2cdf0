"""Bad 表彰 and 双培养 input gets a Chinese message naming the field and the rule."""

from rest_framework.test import APIClient

from dangjian.recognition.models import DualCultivation, Honour
from tests.factories import DualCultivationFactory


def test_personal_honour_needs_a_member_and_takes_their_organisation(client, hospital):
    client.force_login(hospital.alice)
    response = client.post(
        "/recognition/new/", {"kind": "outstanding_member", "year": 2025, "level": "city"}
    )
    assert "是个人表彰，须选择受表彰党员" in response.content.decode()
    response = client.post(
        "/recognition/new/",
        {
            "kind": "outstanding_member",
            "year": 2025,
            "level": "city",
            "member": hospital.bob_member.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()
    honour = Honour.objects.get()
    assert (honour.organization, honour.code) == (hospital.group_a, "BZ2025-001")


def test_organisation_honour_refuses_a_member_and_a_bad_year(client, hospital):
    client.force_login(hospital.carol)
    response = client.post(
        "/recognition/new/",
        {
            "kind": "advanced_org",
            "year": 1900,
            "level": "city",
            "organization": hospital.branch_a.pk,
            "member": hospital.bob_member.pk,
        },
    ).content.decode()
    assert "年度应在1921年至明年之间" in response
    assert "不填受表彰党员" in response
    assert not Honour.objects.exists()


def test_one_cultivation_of_a_kind_per_member(client, hospital):
    DualCultivationFactory(member=hospital.bob_member, kind="backbone_to_member")
    client.force_login(hospital.alice)
    response = client.post(
        "/recognition/cultivation/new/",
        {
            "member": hospital.bob_member.pk,
            "kind": "backbone_to_member",
            "date": "2025-08-01",
        },
    )
    assert "每种培养类型每人只记一次" in response.content.decode()
    api = APIClient()
    api.force_authenticate(hospital.alice)
    response = api.post(
        "/api/dual-cultivations/",
        {
            "member": hospital.bob_member.member_no,
            "kind": "backbone_to_member",
            "date": "2025-08-01",
        },
        format="json",
    )
    assert response.status_code == 400 and "每种培养类型每人只记一次" in response.content.decode()
    assert DualCultivation.objects.count() == 1


def test_api_honour_rules(hospital):
    api = APIClient()
    api.force_authenticate(hospital.dave)
    response = api.post(
        "/api/honours/",
        {
            "code": "H1",
            "kind": "outstanding_member",
            "year": 2025,
            "level": "city",
            "organization": "B",
        },
        format="json",
    )
    assert response.status_code == 400 and "须填写受表彰党员" in response.content.decode()
    response = api.post(
        "/api/honours/",
        {
            "code": "H1",
            "kind": "advanced_org",
            "year": 2025,
            "level": "city",
            "organization": "A",
        },
        format="json",
    )
    assert response.status_code == 400 and "不在您的管理范围内" in response.content.decode()
    response = api.post(
        "/api/honours/",
        {
            "code": "H1",
            "kind": "outstanding_member",
            "year": 2025,
            "level": "city",
            "organization": "B",
            "member": hospital.erin_member.member_no,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
