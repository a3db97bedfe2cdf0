"""Issue 15 item 8: a 支部书记 wrote attendance for members of other branches through
``POST /api/attendances/``, and two different error messages told whether a 党员编号 existed."""

from __future__ import annotations

from rest_framework.test import APIClient

from dangjian.orglife.models import Attendance
from tests.factories import OrgLifeEventFactory


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_secretary_cannot_record_attendance_of_another_branch(hospital):
    event_a = OrgLifeEventFactory(code="EA", organization=hospital.branch_a)
    response = _api(hospital.alice).post(
        "/api/attendances/",
        {"event": "EA", "member": hospital.erin_member.member_no, "status": "present"},
        format="json",
    )
    assert response.status_code == 400
    assert not Attendance.objects.filter(member=hospital.erin_member).exists()
    # Their own branch's member (in its 党小组) is fine.
    ok = _api(hospital.alice).post(
        "/api/attendances/",
        {"event": event_a.code, "member": hospital.bob_member.member_no, "status": "present"},
        format="json",
    )
    assert ok.status_code == 201, ok.json()


def test_existing_and_missing_member_numbers_get_the_same_message(hospital):
    OrgLifeEventFactory(code="EA", organization=hospital.branch_a)
    OrgLifeEventFactory(code="EB", organization=hospital.branch_b)
    client = _api(hospital.alice)

    def error(event: str, member: str) -> dict:
        response = client.post(
            "/api/attendances/",
            {"event": event, "member": member, "status": "present"},
            format="json",
        )
        assert response.status_code == 400
        return response.json()

    other_branch = error("EA", hospital.erin_member.member_no)["member"][0]
    missing = error("EA", "NO-SUCH-MEMBER")["member"][0]
    assert other_branch.replace(hospital.erin_member.member_no, "X") == missing.replace(
        "NO-SUCH-MEMBER", "X"
    )
    assert "不存在或不在您的管理范围内" in missing
    # The same for events: another branch's event and a missing one read alike.
    other_event = error("EB", hospital.bob_member.member_no)["event"][0]
    missing_event = error("NOPE", hospital.bob_member.member_no)["event"][0]
    assert other_event.replace("EB", "X") == missing_event.replace("NOPE", "X")


def test_a_member_outside_the_events_organisation_is_refused_as_on_the_sheet(hospital):
    """The 党委管理员 reaches both branches, but an event of A takes A's members, as the
    attendance sheet offers them (orglife.services.attendance_candidates)."""
    OrgLifeEventFactory(code="EA", organization=hospital.branch_a)
    response = _api(hospital.carol).post(
        "/api/attendances/",
        {"event": "EA", "member": hospital.erin_member.member_no, "status": "present"},
        format="json",
    )
    assert response.status_code == 400
    assert "不是该活动所在组织的党员" in response.json()["member"][0]
