"""Forms offer and accept only organisations the user may change; members cannot write at all."""

from dangjian.orglife.models import OrgLifeEvent
from dangjian.rectification.models import RectificationItem
from tests.factories import OrgLifeEventFactory, RectificationItemFactory

EVENT = {"event_type": "主题党日", "date": "2025-03-05", "topic": "学习", "duration_hours": "2"}


def test_secretary_is_offered_only_her_branch(client, hospital):
    client.force_login(hospital.alice)
    form = client.get("/orglife/new/").context["form"]
    assert set(form.fields["organization"].queryset) == {hospital.branch_a, hospital.group_a}
    assert form.initial["organization"] == hospital.branch_a.pk


def test_secretary_cannot_post_another_branch(client, hospital):
    client.force_login(hospital.alice)
    response = client.post("/orglife/new/", {**EVENT, "organization": hospital.branch_b.pk})
    assert response.status_code == 200
    assert "所选组织不在您的管理范围内" in response.content.decode()
    assert not OrgLifeEvent.objects.exists()


def test_secretary_records_in_her_branch(client, hospital):
    client.force_login(hospital.alice)
    response = client.post("/orglife/new/", {**EVENT, "organization": hospital.branch_a.pk})
    event = OrgLifeEvent.objects.get()
    assert response["Location"] == f"/orglife/{event.pk}/attendance/"
    assert event.code == "A-20250305-1"


def test_member_cannot_open_any_form(client, hospital):
    item = RectificationItemFactory(organization=hospital.branch_a)
    client.force_login(hospital.bob)
    assert client.get("/orglife/new/").status_code == 403
    assert client.get("/rectification/new/").status_code == 403
    assert client.get(f"/rectification/{item.pk}/edit/").status_code == 404
    assert client.post(f"/rectification/{item.pk}/delete/").status_code == 404
    assert RectificationItem.objects.filter(pk=item.pk).exists()


def test_other_branch_rows_cannot_be_edited_or_deleted(client, hospital):
    event = OrgLifeEventFactory(organization=hospital.branch_b)
    client.force_login(hospital.alice)
    assert client.get(f"/orglife/{event.pk}/edit/").status_code == 404
    assert client.post(f"/orglife/{event.pk}/delete/").status_code == 404
    assert client.get(f"/orglife/{event.pk}/attendance/").status_code == 404


def test_secretary_cannot_move_her_row_out_of_scope(client, hospital):
    item = RectificationItemFactory(organization=hospital.branch_a)
    client.force_login(hospital.alice)
    response = client.post(
        f"/rectification/{item.pk}/edit/",
        {
            "code": item.code,
            "organization": hospital.branch_b.pk,
            "description": "x",
            "source": "巡察",
            "deadline": "2025-06-30",
            "status": "in_progress",
        },
    )
    assert "所选组织不在您的管理范围内" in response.content.decode()
    item.refresh_from_db()
    assert item.organization == hospital.branch_a


def test_detail_shows_edit_buttons_only_to_those_who_may_change(client, hospital):
    event = OrgLifeEventFactory(organization=hospital.branch_a)
    client.force_login(hospital.alice)
    assert f"/orglife/{event.pk}/edit/" in client.get(event.get_absolute_url()).content.decode()
    client.force_login(hospital.carol)
    assert f"/orglife/{event.pk}/edit/" in client.get(event.get_absolute_url()).content.decode()


def test_admin_is_offered_every_organisation(client, hospital):
    client.force_login(hospital.carol)
    form = client.get("/outreach/new/").context["form"]
    assert set(form.fields["organization"].queryset) == {
        hospital.committee,
        hospital.branch_a,
        hospital.group_a,
        hospital.branch_b,
    }
