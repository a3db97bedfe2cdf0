"""Create, edit and delete through the pages are recorded in the audit history with the user."""

from dangjian.outreach.models import ServiceActivity
from dangjian.rectification.models import RectificationItem

ACTIVITY = {
    "activity_type": "义诊",
    "date": "2025-05-01",
    "content": "社区义诊",
    "participants": "8",
    "people_served": "120",
}


def test_create_edit_delete_are_audited(client, hospital):
    client.force_login(hospital.alice)
    response = client.post("/outreach/new/", {**ACTIVITY, "organization": hospital.branch_a.pk})
    activity = ServiceActivity.objects.get()
    assert response["Location"] == activity.get_absolute_url()
    assert activity.code == "FW2025-001"

    client.post(
        f"/outreach/{activity.pk}/edit/",
        {
            **ACTIVITY,
            "code": activity.code,
            "organization": hospital.branch_a.pk,
            "people_served": "150",
        },
    )
    activity.refresh_from_db()
    assert activity.people_served == 150

    confirm = client.get(f"/outreach/{activity.pk}/delete/")
    assert "确定要删除" in confirm.content.decode()
    assert client.post(f"/outreach/{activity.pk}/delete/")["Location"] == "/outreach/"
    assert not ServiceActivity.objects.exists()

    history = ServiceActivity.history.filter(id=activity.pk).order_by("history_date")
    assert [h.history_type for h in history] == ["+", "~", "-"]
    assert {h.history_user for h in history} == {hospital.alice}
    assert [h.people_served for h in history] == [120, 150, 150]
    assert all(h.ip_address == "127.0.0.1" for h in history)


def test_rectification_close_is_one_audited_save(client, hospital):
    item = RectificationItem.objects.create(
        code="ZG1",
        organization=hospital.branch_a,
        description="台账不全",
        source="巡察",
        raised_on="2025-01-10",
        deadline="2025-06-30",
    )
    client.force_login(hospital.alice)
    response = client.post(
        f"/rectification/{item.pk}/close/",
        {"completed_on": "2025-06-01", "measures": "补齐台账", "evidence": "补齐后的台账已归档"},
    )
    assert response["Location"] == item.get_absolute_url()
    item.refresh_from_db()
    assert item.is_done and str(item.completed_on) == "2025-06-01" and "补齐台账" in item.measures
    latest = item.history.latest()
    assert latest.history_user == hospital.alice and latest.status == "done"


def test_delete_refused_while_referenced(client, hospital):
    client.force_login(hospital.carol)
    response = client.post(f"/organizations/{hospital.branch_a.pk}/delete/", follow=True)
    assert "不能删除" in response.content.decode()
    assert hospital.branch_a.__class__.objects.filter(pk=hospital.branch_a.pk).exists()
