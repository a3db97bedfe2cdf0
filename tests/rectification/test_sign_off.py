"""销号: only the 党委管理员 or the item's branch secretary may sign off, and only with evidence.

Alice is the secretary of 内科党支部 (A, with group A1), Dave of 外科党支部 (B), Carol the
党委管理员, Bob an ordinary member of A.
"""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from dangjian.core import clock
from dangjian.rectification import services
from dangjian.rectification.models import RectificationItem, RectificationStatus, SignOffLevel
from tests.factories import RectificationItemFactory

CLOSE = {"completed_on": "2025-06-01", "measures": "补齐记录"}


@pytest.fixture
def item(hospital):
    return RectificationItemFactory(
        organization=hospital.group_a, code="ZG-A1", raised_on=dt.date(2025, 1, 5)
    )


def test_branch_secretary_signs_off_with_evidence(client, hospital, item):
    client.force_login(hospital.alice)
    response = client.post(
        f"/rectification/{item.pk}/close/", {**CLOSE, "evidence": "整改台账复印件已归档"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == RectificationStatus.DONE
    assert item.signed_off_by == hospital.alice and item.signer == "爱丽丝"
    assert item.sign_off_level == SignOffLevel.BRANCH and item.signed_off_on == clock.today()


def test_party_admin_signs_off_for_the_committee(client, hospital, item):
    client.force_login(hospital.carol)
    client.post(
        f"/rectification/{item.pk}/close/",
        {
            **CLOSE,
            "evidence_file": SimpleUploadedFile(
                "整改照片.jpg", b"\xff\xd8 photo", content_type="image/jpeg"
            ),
        },
    )
    item.refresh_from_db()
    assert item.is_done and item.sign_off_level == SignOffLevel.COMMITTEE
    assert item.evidence_file_name == "整改照片.jpg" and item.signer == "carol"
    # The file is served to whoever may see the item, and to no one else.
    assert client.get(f"/rectification/{item.pk}/evidence/").status_code == 200
    client.force_login(hospital.dave)
    assert client.get(f"/rectification/{item.pk}/evidence/").status_code == 404


def test_closing_without_evidence_is_refused(client, hospital, item):
    client.force_login(hospital.alice)
    response = client.post(f"/rectification/{item.pk}/close/", CLOSE)
    assert response.status_code == 200
    assert "销号须有整改证据" in response.content.decode()
    item.refresh_from_db()
    assert item.status == RectificationStatus.IN_PROGRESS and item.signed_off_on is None


def test_other_branch_secretary_and_member_cannot_sign_off(client, hospital, item):
    for user in (hospital.dave, hospital.bob):
        client.force_login(user)
        response = client.post(f"/rectification/{item.pk}/close/", {**CLOSE, "evidence": "x"})
        assert response.status_code == 404
    item.refresh_from_db()
    assert not item.is_done
    assert services.sign_off_level(hospital.bob, item.organization) is None
    assert services.sign_off_level(hospital.dave, item.organization) is None


def test_secretary_cannot_sign_off_a_committee_item(hospital):
    committee_item = RectificationItemFactory(organization=hospital.committee, evidence="材料")
    with pytest.raises(services.SignOffError):
        services.item_close(
            item=committee_item, user=hospital.alice, completed_on=dt.date(2025, 6, 1)
        )
    assert services.sign_off_level(hospital.carol, hospital.committee) == SignOffLevel.COMMITTEE


def test_service_refuses_without_evidence_and_writes_nothing(hospital, item):
    with pytest.raises(services.SignOffError, match="整改证据"):
        services.item_close(item=item, user=hospital.carol, completed_on=dt.date(2025, 6, 1))
    item.refresh_from_db()
    assert not item.is_done and item.history.count() == 1


def test_edit_form_marking_done_is_a_sign_off(client, hospital, item):
    client.force_login(hospital.alice)
    data = {
        "code": item.code,
        "organization": hospital.group_a.pk,
        "description": item.description,
        "source": "巡察",
        "kind": "immediate",
        "deadline": "2025-06-30",
        "status": "done",
        "completed_on": "2025-06-01",
        "raised_on": "2025-01-05",
    }
    page = client.post(f"/rectification/{item.pk}/edit/", data).content.decode()
    assert "销号须有整改证据" in page
    response = client.post(f"/rectification/{item.pk}/edit/", {**data, "evidence": "会议记录"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.is_done and item.signed_off_by == hospital.alice and item.kind == "immediate"
    # Reopening (status back to 正在推进) clears the sign-off.
    client.post(
        f"/rectification/{item.pk}/edit/",
        {**data, "status": "in_progress", "completed_on": "", "evidence": "会议记录"},
    )
    item.refresh_from_db()
    assert item.signed_off_on is None and item.signer == ""


def test_reopen_clears_sign_off_and_needs_a_signer(client, hospital, item):
    services.item_close(
        item=item, user=hospital.alice, completed_on=dt.date(2025, 6, 1), evidence="材料"
    )
    with pytest.raises(services.SignOffError):
        services.item_reopen(item=item, user=hospital.bob)
    client.force_login(hospital.carol)
    client.post(f"/rectification/{item.pk}/reopen/")
    item.refresh_from_db()
    assert not item.is_done and item.signed_off_by is None and item.sign_off_level == ""


def test_api_done_needs_evidence_and_records_the_signer(hospital, item):
    api = APIClient()
    api.force_authenticate(hospital.alice)
    url = f"/api/rectification-items/{item.pk}/"
    response = api.patch(url, {"status": "done", "completed_on": "2025-06-01"}, format="json")
    assert response.status_code == 400 and "evidence" in response.json()
    response = api.patch(
        url, {"status": "done", "completed_on": "2025-06-01", "evidence": "照片"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["signer"] == "爱丽丝" and response.json()["sign_off_level"] == "branch"
    item.refresh_from_db()
    assert item.signed_off_by == hospital.alice
    # Sign-off fields cannot be written through the API.
    api.patch(url, {"signer": "别人"}, format="json")
    item.refresh_from_db()
    assert item.signer == "爱丽丝"
    assert RectificationItem.objects.get(pk=item.pk).is_done
