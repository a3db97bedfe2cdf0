"""Two people editing the same row: the second save is refused and reported, never a silent overwrite."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from dangjian.orglife.forms import OrgLifeEventForm
from dangjian.orglife.models import OrgLifeEvent
from dangjian.web.forms import VERSION_FIELD
from tests.factories import OrgLifeEventFactory


def _form_data(event, user, **changes) -> dict:
    """What the edit page would post back: every field's current value, then the user's changes."""
    form = OrgLifeEventForm(instance=event, user=user)
    data = {
        name: ("" if form[name].value() is None else form[name].value()) for name in form.fields
    }
    data.update(changes)
    return data


@pytest.fixture
def event(hospital):
    return OrgLifeEventFactory(organization=hospital.branch_a, topic="原主题")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_second_save_over_a_stale_version_is_refused(hospital, event):
    alice_opened = _form_data(event, hospital.alice, topic="爱丽丝的主题")
    carol_opened = _form_data(event, hospital.carol, topic="卡萝尔的主题")
    assert alice_opened[VERSION_FIELD]

    first = _client(hospital.carol).post(f"/orglife/{event.pk}/edit/", carol_opened)
    assert first.status_code == 302

    second = _client(hospital.alice).post(f"/orglife/{event.pk}/edit/", alice_opened)
    assert second.status_code == 200
    page = second.content.decode()
    assert "已被“carol”" in page and "本次内容未保存" in page
    event.refresh_from_db()
    assert event.topic == "卡萝尔的主题"


def test_save_over_the_current_version_succeeds_twice_in_a_row(hospital, event):
    client = _client(hospital.alice)
    assert (
        client.post(
            f"/orglife/{event.pk}/edit/", _form_data(event, hospital.alice, topic="一")
        ).status_code
        == 302
    )
    event.refresh_from_db()
    assert (
        client.post(
            f"/orglife/{event.pk}/edit/", _form_data(event, hospital.alice, topic="二")
        ).status_code
        == 302
    )
    event.refresh_from_db()
    assert event.topic == "二"


def test_a_save_landing_after_validation_is_caught_under_the_lock(hospital, event, monkeypatch):
    """The form's own check passed (the other save came in between); the view's locked re-check
    in the write transaction still refuses, and the first writer's change stays."""
    stale = _form_data(event, hospital.alice, topic="迟到的修改")
    OrgLifeEvent.objects.filter(pk=event.pk).update(
        topic="抢先的修改", updated_at=event.updated_at.replace(year=2030)
    )
    monkeypatch.setattr("dangjian.web.forms.check_version", lambda *args, **kwargs: None)
    response = _client(hospital.alice).post(f"/orglife/{event.pk}/edit/", stale)
    assert response.status_code == 200
    assert "本次内容未保存" in response.content.decode()
    assert OrgLifeEvent.objects.get(pk=event.pk).topic == "抢先的修改"


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_api_if_match_refuses_a_stale_update_with_412(hospital, event):
    alice, carol = _api(hospital.alice), _api(hospital.carol)
    etag = alice.get(f"/api/events/{event.pk}/")["ETag"]
    assert etag.startswith('"')

    carol_etag = carol.get(f"/api/events/{event.pk}/")["ETag"]
    updated = carol.patch(
        f"/api/events/{event.pk}/", {"topic": "卡萝尔"}, format="json", HTTP_IF_MATCH=carol_etag
    )
    assert updated.status_code == 200 and updated["ETag"] != carol_etag

    stale = alice.patch(
        f"/api/events/{event.pk}/", {"topic": "爱丽丝"}, format="json", HTTP_IF_MATCH=etag
    )
    assert stale.status_code == 412
    assert "carol" in stale.json()["detail"]
    event.refresh_from_db()
    assert event.topic == "卡萝尔"

    fresh = alice.patch(
        f"/api/events/{event.pk}/",
        {"topic": "爱丽丝"},
        format="json",
        HTTP_IF_MATCH=updated["ETag"],
    )
    assert fresh.status_code == 200


def test_api_stale_delete_is_refused_and_the_row_kept(hospital, event):
    alice = _api(hospital.alice)
    etag = alice.get(f"/api/events/{event.pk}/")["ETag"]
    _api(hospital.carol).patch(f"/api/events/{event.pk}/", {"topic": "改过"}, format="json")
    assert alice.delete(f"/api/events/{event.pk}/", HTTP_IF_MATCH=etag).status_code == 412
    assert OrgLifeEvent.objects.filter(pk=event.pk).exists()
