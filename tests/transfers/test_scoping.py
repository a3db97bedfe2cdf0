"""Who sees and records transfers, through the pages, the API and the export.

Carol (党委管理员) moved 鲍勃 from A1 to B: the sending branch's secretary (Alice) and the
receiving one's (Dave) both see it, 鲍勃 sees his own, 艾琳 (a member of B) sees nothing.
A 转入 of a newcomer into B concerns B only.
"""

import datetime as dt

import pytest
from openpyxl import load_workbook
from rest_framework.test import APIClient

from dangjian.organizations.models import Member
from dangjian.transfers.models import Transfer
from dangjian.transfers.services import transfer_record
from dangjian.workbook.exporter import export_workbook
from tests.factories import MemberFactory

D = dt.date


@pytest.fixture
def transfers(hospital):
    h = hospital
    bob_move = transfer_record(
        member=h.bob_member, kind="internal", date=D(2025, 7, 1), to_org=h.branch_b, code="T-BOB"
    )
    newcomer = MemberFactory(name="新人", organization=h.branch_b)
    arrival = transfer_record(
        member=newcomer,
        kind="in",
        date=D(2025, 8, 1),
        to_org=h.branch_b,
        from_unit="外院党委",
        code="T-NEW",
    )
    return h, bob_move, arrival


VISIBLE = {
    "carol": {"T-BOB", "T-NEW"},
    "alice": {"T-BOB"},
    "dave": {"T-BOB", "T-NEW"},
    "bob": {"T-BOB"},
    "erin": set(),
}


@pytest.mark.parametrize("who", VISIBLE)
def test_list_page_api_and_export(client, transfers, who, tmp_path):
    h, bob_move, arrival = transfers
    user = getattr(h, who)
    client.force_login(user)
    page = client.get("/transfers/").content.decode()
    assert {code for code in ("T-BOB", "T-NEW") if code in page} == VISIBLE[who]
    for transfer in (bob_move, arrival):
        expected = 200 if transfer.code in VISIBLE[who] else 404
        assert client.get(f"/transfers/{transfer.pk}/").status_code == expected
    api = APIClient()
    api.force_authenticate(user)
    assert {row["code"] for row in api.get("/api/transfers/").json()["results"]} == VISIBLE[who]
    path = tmp_path / "export.xlsx"
    export_workbook(path, user=user)
    sheet = load_workbook(path, read_only=True)["组织关系转接"]
    assert {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)} == VISIBLE[who]


def test_detail_shows_the_membership_history(client, transfers):
    h, bob_move, _ = transfers
    client.force_login(h.carol)
    page = client.get(f"/transfers/{bob_move.pk}/").content.decode()
    assert "内科第一党小组" in page and "2025-06-30" in page and "外科党支部" in page


def test_secretary_records_a_transfer_of_her_member_on_the_page(client, hospital):
    h = hospital
    client.force_login(h.alice)
    response = client.post(
        "/transfers/new/",
        {
            "member": h.bob_member.pk,
            "kind": "internal",
            "date": "2025-07-01",
            "to_org": h.branch_b.pk,
            "letter_no": "内科-3",
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert Member.objects.get(pk=h.bob_member.pk).organization == h.branch_b
    transfer = Transfer.objects.get()
    assert (transfer.from_org, transfer.code) == (h.group_a, "ZJ2025-001")


def test_secretary_cannot_transfer_another_branchs_member_or_receive_into_it(client, hospital):
    h = hospital
    client.force_login(h.alice)
    response = client.post(
        "/transfers/new/",
        {
            "member": h.erin_member.pk,
            "kind": "internal",
            "date": "2025-07-01",
            "to_org": h.branch_a.pk,
        },
    )
    assert response.status_code == 200
    assert "所选党员不在您的管理范围内" in response.content.decode()
    newcomer = MemberFactory(organization=h.branch_a)
    response = client.post(
        "/transfers/new/",
        {
            "member": newcomer.pk,
            "kind": "in",
            "date": "2025-07-01",
            "to_org": h.branch_b.pk,
            "from_unit": "外院",
        },
    )
    assert "不在您的管理范围内" in response.content.decode()
    assert not Transfer.objects.exists()
    assert Member.objects.get(pk=h.erin_member.pk).organization == h.branch_b


def test_page_shows_the_rule_that_refuses_a_transfer(client, hospital):
    h = hospital
    client.force_login(h.carol)
    response = client.post(
        "/transfers/new/",
        {
            "member": h.bob_member.pk,
            "kind": "out",
            "date": "2025-07-01",
        },
    )
    assert response.status_code == 200
    assert "转出须填写接收单位党组织" in response.content.decode()


def test_member_cannot_record(client, hospital):
    client.force_login(hospital.bob)
    assert client.get("/transfers/new/").status_code == 403
    api = APIClient()
    api.force_authenticate(hospital.bob)
    response = api.post(
        "/api/transfers/",
        {
            "member": hospital.bob_member.member_no,
            "kind": "internal",
            "date": "2025-07-01",
            "to_org": "B",
        },
        format="json",
    )
    assert response.status_code == 403


def test_api_records_and_removes(hospital):
    h = hospital
    api = APIClient()
    api.force_authenticate(h.alice)
    response = api.post(
        "/api/transfers/",
        {
            "member": h.bob_member.member_no,
            "kind": "internal",
            "date": "2025-07-01",
            "to_org": "B",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["from_org"] == "A1"
    assert Member.objects.get(pk=h.bob_member.pk).organization == h.branch_b
    refused = api.post(
        "/api/transfers/",
        {
            "member": h.erin_member.member_no,
            "kind": "internal",
            "date": "2025-07-01",
            "to_org": "A",
        },
        format="json",
    )
    assert refused.status_code == 400 and "不在您的管理范围内" in refused.content.decode()
    early = api.post(
        "/api/transfers/",
        {
            "member": h.bob_member.member_no,
            "kind": "internal",
            "date": "2025-06-01",
            "to_org": "A",
        },
        format="json",
    )
    # 鲍勃 is now in B, outside Alice's scope.
    assert early.status_code == 400
    api.force_authenticate(h.carol)
    early = api.post(
        "/api/transfers/",
        {
            "member": h.bob_member.member_no,
            "kind": "internal",
            "date": "2025-06-01",
            "to_org": "A",
        },
        format="json",
    )
    assert early.status_code == 400 and "不能早于" in early.content.decode()
    transfer = Transfer.objects.get()
    assert api.delete(f"/api/transfers/{transfer.pk}/").status_code == 204
    assert Member.objects.get(pk=h.bob_member.pk).organization == h.group_a


def test_edit_keeps_dates_in_order_and_delete_goes_back(client, hospital):
    h = hospital
    first = transfer_record(
        member=h.bob_member, kind="internal", date=D(2025, 7, 1), to_org=h.branch_b
    )
    second = transfer_record(
        member=h.bob_member, kind="internal", date=D(2025, 9, 1), to_org=h.branch_a
    )
    client.force_login(h.carol)
    response = client.post(f"/transfers/{first.pk}/edit/", {"date": "2025-10-01", "letter_no": "X"})
    assert response.status_code == 200
    assert "不能晚于该党员下一次转接" in response.content.decode()
    response = client.post(f"/transfers/{first.pk}/delete/")
    assert Transfer.objects.filter(pk=first.pk).exists()  # not the latest
    response = client.post(f"/transfers/{second.pk}/delete/")
    assert response.status_code == 302
    assert Member.objects.get(pk=h.bob_member.pk).organization == h.branch_b
