"""Every API list answers only within the caller's scope; writes need a changing scope."""

import pytest
from rest_framework.test import APIClient

from tests.factories import (
    AttendanceFactory,
    DevelopmentCaseFactory,
    MajorDecisionFactory,
    OrgLifeEventFactory,
    RectificationItemFactory,
    ServiceActivityFactory,
)

ENDPOINTS = {
    "events": lambda h, org: OrgLifeEventFactory(organization=org),
    "development-cases": lambda h, org: DevelopmentCaseFactory(organization=org),
    "rectification-items": lambda h, org: RectificationItemFactory(organization=org),
    "decisions": lambda h, org: MajorDecisionFactory(organization=org),
    "service-activities": lambda h, org: ServiceActivityFactory(organization=org),
}


@pytest.fixture
def api():
    return APIClient()


def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_list_is_scoped_per_role(api, hospital, endpoint):
    in_a = ENDPOINTS[endpoint](hospital, hospital.group_a)
    in_b = ENDPOINTS[endpoint](hospital, hospital.branch_b)
    api.force_authenticate(hospital.carol)
    assert ids(api.get(f"/api/{endpoint}/")) == {in_a.pk, in_b.pk}
    api.force_authenticate(hospital.alice)
    assert ids(api.get(f"/api/{endpoint}/")) == {in_a.pk}
    api.force_authenticate(hospital.dave)
    assert ids(api.get(f"/api/{endpoint}/")) == {in_b.pk}
    assert api.get(f"/api/{endpoint}/{in_a.pk}/").status_code == 404
    api.force_authenticate(None)
    assert api.get(f"/api/{endpoint}/").status_code in (401, 403)


def test_members_endpoint_per_role_and_masked(api, hospital):
    api.force_authenticate(hospital.bob)
    rows = api.get("/api/members/").json()["results"]
    assert [row["name"] for row in rows] == ["鲍勃"]
    assert "id_number" not in rows[0]
    assert rows[0]["id_number_masked"] == hospital.bob_member.id_number_masked
    api.force_authenticate(hospital.alice)
    assert {row["name"] for row in api.get("/api/members/").json()["results"]} == {"爱丽丝", "鲍勃"}


def test_member_cannot_write(api, hospital):
    api.force_authenticate(hospital.bob)
    response = api.post(
        "/api/service-activities/",
        {
            "code": "X1",
            "organization": "A",
            "activity_type": "义诊",
            "date": "2025-01-01",
        },
    )
    assert response.status_code == 403


def test_secretary_cannot_write_into_other_branch(api, hospital):
    api.force_authenticate(hospital.alice)
    payload = {"code": "X1", "organization": "B", "activity_type": "义诊", "date": "2025-01-01"}
    response = api.post("/api/service-activities/", payload, format="json")
    assert response.status_code == 400
    assert "不在您的管理范围内" in response.json()["organization"][0]
    payload["organization"] = "A1"
    assert api.post("/api/service-activities/", payload, format="json").status_code == 201


def test_attendance_scoped_for_member(api, hospital):
    event = OrgLifeEventFactory(organization=hospital.branch_a)
    mine = AttendanceFactory(event=event, member=hospital.bob_member)
    AttendanceFactory(event=event, member=hospital.alice_member)
    api.force_authenticate(hospital.bob)
    assert ids(api.get("/api/attendances/")) == {mine.pk}


def test_schema_and_docs(client, hospital):
    assert client.get("/api/schema/").status_code in (401, 403)
    client.force_login(hospital.bob)
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/members/" in response.content
    assert client.get("/api/docs/").status_code == 200


def test_token_authentication(api, hospital):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=hospital.alice)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get("/api/members/").status_code == 200
