"""Issue 15 item 3: a 党委管理员 whose profile is limited to one organisation read the whole
hospital's audit log (full 身份证号 and 手机号 of other branches) and imported workbooks that
changed any branch. Item 15: log-ins, exports, imports and report downloads are shown, with
filters, on the audit pages — scoped the same way.

lena is a 党委管理员 limited to 内科党支部 (branch A of tests/conftest.py); carol manages all.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from dangjian.core import clock
from dangjian.core.models import AccessEvent, AccessKind
from dangjian.organizations.models import Member, Profile, Role
from dangjian.orglife.models import OrgLifeEvent
from dangjian.workbook.importer import import_workbook
from tests.workbook.conftest import write_workbook

OUT_OF_SCOPE = "不在您的管理范围内"


@pytest.fixture
def lena(hospital) -> User:
    user = User.objects.create_user("lena", password="Dangjian#2025")
    Profile.objects.create(user=user, role=Role.PARTY_ADMIN, organization=hospital.branch_a)
    return user


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _history_rows(client: Client, **params) -> set[tuple[str, int]]:
    response = client.get(reverse("core:audit_log"), params)
    assert response.status_code == 200
    return {(row["model"], row["history_id"]) for row in response.context["rows"]}


def _member_entry(member: Member) -> tuple[str, int]:
    return ("organizations.member", member.history.latest("history_date").history_id)


# --- the audit log of the ledgers --------------------------------------------------------------


def test_limited_admin_reads_the_history_of_their_subtree_only(hospital, lena):
    erin = hospital.erin_member
    erin.phone = "13912345678"
    erin.save()
    mine, theirs = _member_entry(hospital.bob_member), _member_entry(erin)
    rows = _history_rows(_client(lena), model="organizations.member")
    assert mine in rows and theirs not in rows
    assert {mine, theirs} <= _history_rows(_client(hospital.carol), model="organizations.member")
    # Nor through the whole log (every ledger) …
    everything = _history_rows(_client(lena))
    assert mine in everything and theirs not in everything
    assert ("organizations.organization", hospital.branch_b.history.first().history_id) not in (
        everything
    )
    # … nor by opening the entry, which shows the full 身份证号 and 手机号.
    entry = reverse("core:audit_entry", args=list(theirs))
    assert _client(lena).get(entry).status_code == 404
    page = _client(hospital.carol).get(entry)
    assert page.status_code == 200 and "13912345678" in page.content.decode()
    own_entry = _client(lena).get(reverse("core:audit_entry", args=list(mine)))
    assert own_entry.status_code == 200
    assert hospital.bob_member.id_number in own_entry.content.decode()


def test_history_of_ledgers_outside_the_tree_is_for_the_whole_platform_admin(hospital, lena):
    """Profiles (who may log in as what) reach no organisation row of their own: only carol."""
    profile = Profile.objects.get(user=hospital.alice)
    profile.must_change_password = True
    profile.save()
    entry = ("organizations.profile", profile.history.latest("history_date").history_id)
    assert entry in _history_rows(_client(hospital.carol), model="organizations.profile")
    assert entry not in _history_rows(_client(lena), model="organizations.profile")


def test_history_filters_by_user_and_date(hospital):
    from dangjian.organizations.models import Member as M

    M.history.filter(id=hospital.erin_member.pk).update(history_user=hospital.dave)
    carol = _client(hospital.carol)
    by_dave = _history_rows(carol, model="organizations.member", user="dave")
    assert by_dave == {_member_entry(hospital.erin_member)}
    today = hospital.erin_member.history.first().history_date.date()
    assert _member_entry(hospital.erin_member) in _history_rows(
        carol, model="organizations.member", start=today.isoformat(), end=today.isoformat()
    )
    later = (today + dt.timedelta(days=1)).isoformat()
    assert _history_rows(carol, model="organizations.member", start=later) == set()
    refused = carol.get(reverse("core:audit_log"), {"start": later, "end": today.isoformat()})
    assert refused.status_code == 200 and "截止日期不能早于起始日期" in refused.content.decode()


# --- the access events (item 15) ---------------------------------------------------------------


def _access(client: Client, **params) -> list[tuple[str, str]]:
    response = client.get(reverse("core:audit_access"), params)
    assert response.status_code == 200
    return [(event.kind, event.username) for event in response.context["page_obj"]]


def test_logins_exports_imports_and_downloads_are_shown_with_filters(hospital, tmp_path):
    """Through the real views: a log-in, an export, an import and a report download."""
    alice = Client()
    assert alice.post(
        reverse("login"), {"username": "alice", "password": "Dangjian#2025"}
    ).status_code in (200, 302)
    assert alice.get("/workbook/export/").status_code == 200
    assert (
        alice.get(
            "/reports/annual/", {"year": 2025, "org": hospital.branch_a.code, "format": "md"}
        ).status_code
        == 200
    )
    carol = _client(hospital.carol)
    path = write_workbook(
        tmp_path / "e.xlsx",
        {
            "组织生活": [
                ["活动编号", "组织编码", "类型", "日期"],
                ["EX1", "A", "党课", "2025-03-05"],
            ]
        },
    )
    with path.open("rb") as upload:
        assert carol.post(reverse("workbook:import"), {"file": upload}).status_code == 200
    kinds = {kind for kind, _user in _access(carol)}
    assert {AccessKind.LOGIN, AccessKind.EXPORT, AccessKind.IMPORT, AccessKind.REPORT_DOWNLOAD} <= (
        kinds
    )
    assert _access(carol, kind=AccessKind.EXPORT) == [(AccessKind.EXPORT, "alice")]
    assert {kind for kind, _ in _access(carol, user="alice")} == {
        AccessKind.LOGIN,
        AccessKind.EXPORT,
        AccessKind.REPORT_DOWNLOAD,
    }
    tomorrow = (clock.today() + dt.timedelta(days=2)).isoformat()
    assert _access(carol, start=tomorrow) == []
    page = carol.get(reverse("core:audit_access"), {"kind": AccessKind.IMPORT}).content.decode()
    assert "工作簿导入成功：e.xlsx" in page


def test_limited_admin_sees_the_access_events_of_their_subtree(hospital, lena):
    for user in (hospital.alice, hospital.bob, hospital.dave, hospital.erin, lena):
        AccessEvent.objects.create(kind=AccessKind.LOGIN, user=user, username=user.username)
    AccessEvent.objects.create(kind=AccessKind.LOGIN_FAILED, username="mallory")
    seen = {username for _kind, username in _access(_client(lena))}
    assert seen == {"alice", "bob", "lena"}
    everyone = {username for _kind, username in _access(_client(hospital.carol))}
    # (force_login records carol's own log-in too)
    assert everyone == {"alice", "bob", "carol", "dave", "erin", "lena", "mallory"}
    for user in (hospital.alice, hospital.bob):
        assert _client(user).get(reverse("core:audit_access")).status_code == 403


# --- imports ----------------------------------------------------------------------------------------

EVENT_HEADER = ["活动编号", "组织编码", "类型", "日期"]


def _book(tmp_path, sheets) -> str:
    return write_workbook(tmp_path / "book.xlsx", sheets)


def test_limited_admin_imports_into_their_subtree_only(hospital, lena, tmp_path):
    other_branch = _book(tmp_path, {"组织生活": [EVENT_HEADER, ["EB1", "B", "党课", "2025-03-05"]]})
    for dry_run in (True, False):
        result = import_workbook(other_branch, user=lena, dry_run=dry_run)
        assert not result.ok
        assert any(OUT_OF_SCOPE in line and "EB1" in line for line in result.error_lines())
    assert not OrgLifeEvent.objects.filter(code="EB1").exists()
    # The whole workbook is refused, its rows of branch A included.
    mixed = _book(
        tmp_path,
        {
            "组织生活": [
                EVENT_HEADER,
                ["EA1", "A", "党课", "2025-03-05"],
                ["EB2", "B", "党课", "2025-03-05"],
            ]
        },
    )
    result = import_workbook(mixed, user=lena)
    assert [line for line in result.error_lines() if OUT_OF_SCOPE in line] == [
        line for line in result.error_lines() if "EB2" in line
    ]
    assert not OrgLifeEvent.objects.filter(code__in=["EA1", "EB2"]).exists()
    own = _book(tmp_path, {"组织生活": [EVENT_HEADER, ["EA2", "A1", "党课", "2025-03-05"]]})
    assert import_workbook(own, user=lena).ok
    assert OrgLifeEvent.objects.filter(code="EA2").exists()
    # carol, who manages everything, imports the other branch's row.
    assert import_workbook(other_branch, user=hospital.carol).ok


def test_limited_admin_cannot_change_or_pull_in_a_record_of_another_branch(
    hospital, lena, tmp_path
):
    erin = hospital.erin_member
    header = ["党员编号", "姓名", "所在组织编码", "人员类别"]
    for organization in ("B", "A"):  # renamed in place, or moved into lena's own branch
        book = _book(
            tmp_path, {"党员": [header, [erin.member_no, "改名", organization, "正式党员"]]}
        )
        result = import_workbook(book, user=lena)
        assert any(OUT_OF_SCOPE in line for line in result.error_lines()), organization
    erin.refresh_from_db()
    assert erin.name == "艾琳" and erin.organization == hospital.branch_b
    # A new top-level organisation is outside any subtree.
    top = _book(
        tmp_path,
        {
            "党组织": [
                ["组织编码", "组织名称", "组织类型", "上级组织编码"],
                ["T2", "另一党委", "党委", None],
            ]
        },
    )
    assert any(OUT_OF_SCOPE in line for line in import_workbook(top, user=lena).error_lines())


def test_limited_admin_export_is_their_subtree(hospital, lena):
    import io

    import openpyxl

    response = _client(lena).get("/workbook/export/")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["党员"]
    numbers = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert numbers == {hospital.alice_member.member_no, hospital.bob_member.member_no}
