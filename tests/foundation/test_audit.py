"""Every create, update and delete of a ledger row is recorded with who, when, IP and the values."""

from dangjian.organizations.models import Member
from dangjian.rectification.models import RectificationItem, RectificationStatus
from tests.factories import RectificationItemFactory


def test_history_records_create_update_delete(hospital):
    item = RectificationItemFactory(organization=hospital.branch_a)
    item.status = RectificationStatus.DONE
    item.save()
    item_pk = item.pk
    item.delete()
    kinds = list(
        RectificationItem.history.filter(id=item_pk)
        .order_by("history_date")
        .values_list("history_type", flat=True)
    )
    assert kinds == ["+", "~", "-"]
    update = RectificationItem.history.filter(id=item_pk, history_type="~").get()
    delta = update.diff_against(update.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("status", "in_progress", "done")]


def test_audit_log_page_admin_only(client, hospital):
    client.force_login(hospital.alice)
    assert client.get("/audit/").status_code == 403
    client.force_login(hospital.carol)
    response = client.get("/audit/")
    assert response.status_code == 200
    assert "党员" in response.content.decode()


def test_web_edit_records_user_and_ip(client, hospital):
    """A change made during a request carries the acting user and the client's address."""
    from django.test import RequestFactory
    from simple_history.models import HistoricalRecords

    request = RequestFactory().get("/", REMOTE_ADDR="10.1.2.3")
    request.user = hospital.carol
    HistoricalRecords.context.request = request
    try:
        member = hospital.bob_member
        member.phone = "13900000000"
        member.save()
    finally:
        del HistoricalRecords.context.request
    record = Member.history.filter(id=member.pk).latest("history_date")
    assert record.history_user == hospital.carol
    assert record.ip_address == "10.1.2.3"

    client.force_login(hospital.carol)
    page = client.get(f"/audit/organizations.member/{record.history_id}/").content.decode()
    assert "13900000000" in page and "10.1.2.3" in page
