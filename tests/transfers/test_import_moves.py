"""Importing the 组织关系转接 sheet records transfers as the page does: member by member in date
order, with the service's rules, and the member ends in the organisation of their latest transfer.

The cast (tests/conftest.py): branch A = 爱丽丝 (A) and 鲍勃 (group A1); branch B = 戴夫, 艾琳.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangjian.organizations.models import Member
from dangjian.reports.figures import compute_figures
from dangjian.transfers.models import Transfer
from dangjian.transfers.selectors import members_in_subtree_on
from dangjian.transfers.services import transfer_record
from dangjian.workbook.exporter import export_workbook
from dangjian.workbook.importer import import_workbook
from tests.factories import MemberFactory
from tests.workbook.conftest import write_workbook

D = dt.date
HEADER = [
    "转接编号",
    "党员编号",
    "转接类型",
    "转接日期",
    "转出组织编码",
    "转入组织编码",
    "转出单位",
    "转入单位",
    "备注",
]
MEMBER_HEADER = ["党员编号", "姓名", "所在组织编码", "人员类别"]


def transfers(tmp_path, *rows, members=None, name="transfers.xlsx"):
    sheets = {"组织关系转接": [HEADER, *[list(row) for row in rows]]}
    if members is not None:
        sheets = {"党员": [MEMBER_HEADER, *members], **sheets}
    return write_workbook(tmp_path / name, sheets)


def org_of(member) -> str:
    return Member.objects.select_related("organization").get(pk=member.pk).organization.code


def ids_on(org, day) -> set[int]:
    return {row[0] for row in members_in_subtree_on(org.path, day)}


def test_a_midyear_transfer_moves_the_member_and_last_years_figures_keep_the_old_branch(
    hospital, tmp_path
):
    h = hospital
    bob = h.bob_member
    path = transfers(
        tmp_path, ["T1", bob.member_no, "院内转接", "2025-07-01", "A1", "B", None, None, "调岗"]
    )
    result = import_workbook(path)
    assert result.ok, result.error_lines()
    assert org_of(bob) == "B"
    # The move is an audited write, like the page's.
    assert Member.objects.get(pk=bob.pk).history.first().organization_id == h.branch_b.pk
    assert result.summary["党员"].updated == 1  # bob is not on a 党员 sheet, but was moved
    transfer = Transfer.objects.get(code="T1")
    assert (transfer.from_org, transfer.to_org) == (h.group_a, h.branch_b)
    # Who was where: in A (group A1) until 30 June, in B from the transfer date on.
    assert bob.pk in ids_on(h.branch_a, D(2025, 6, 30)) and bob.pk not in ids_on(
        h.branch_b, D(2025, 6, 30)
    )
    assert bob.pk in ids_on(h.branch_b, D(2025, 7, 1)) and bob.pk not in ids_on(
        h.branch_a, D(2025, 7, 1)
    )
    f24, f25 = compute_figures(2024, h.committee), compute_figures(2025, h.committee)
    assert (f24.value("members.by_branch.A"), f24.value("members.by_branch.B")) == (2, 2)
    assert bob.member_no in f24["members.by_branch.A"].records
    assert (f25.value("members.by_branch.A"), f25.value("members.by_branch.B")) == (1, 3)
    assert bob.member_no in f25["members.by_branch.B"].records
    # The same workbook again changes nothing.
    again = import_workbook(path)
    assert again.ok, again.error_lines()
    assert "党员" not in again.summary
    assert (again.summary["组织关系转接"].created, again.summary["组织关系转接"].updated) == (0, 0)
    assert org_of(bob) == "B" and Transfer.objects.count() == 1


def test_rows_are_recorded_in_date_order_and_a_blank_from_org_is_where_the_member_was(
    hospital, tmp_path
):
    h = hospital
    bob, erin = h.bob_member, h.erin_member
    path = transfers(
        tmp_path,
        # Listed out of order, 转出组织 left blank: the importer works it out row by row.
        ["T3", bob.member_no, "转出", "2025-11-01", None, None, None, "省人民医院党委", None],
        ["T1", bob.member_no, "院内转接", "2025-03-01", None, "B", None, None, None],
        ["T2", bob.member_no, "院内转接", "2025-09-01", None, "A", None, None, None],
        ["T4", erin.member_no, "院内转接", "2025-05-01", "B", "A1", None, None, None],
    )
    result = import_workbook(path)
    assert result.ok, result.error_lines()
    got = {
        t.code: (t.from_org.code if t.from_org else None, t.to_org.code if t.to_org else None)
        for t in Transfer.objects.select_related("from_org", "to_org")
    }
    assert got == {"T1": ("A1", "B"), "T2": ("B", "A"), "T3": ("A", None), "T4": ("B", "A1")}
    # After a 转出 the member row keeps the last organisation; the member counts nowhere.
    assert org_of(bob) == "A" and org_of(erin) == "A1"
    assert bob.pk not in ids_on(h.committee, D(2025, 12, 31))
    assert bob.pk in ids_on(h.branch_b, D(2025, 8, 31))


def test_a_from_org_that_is_not_where_the_member_was_is_refused(hospital, tmp_path):
    h = hospital
    bob = h.bob_member
    transfer_record(member=bob, kind="internal", date=D(2025, 3, 1), to_org=h.branch_b, code="OLD")
    path = transfers(
        tmp_path,
        ["T1", bob.member_no, "院内转接", "2025-07-01", "A", "A1", None, None, None],
        ["T2", h.erin_member.member_no, "院内转接", "2025-07-01", "B", "A", None, None, None],
    )
    result = import_workbook(path)
    assert not result.ok
    lines = result.error_lines()
    assert lines == [
        "组织关系转接!2 转出组织编码: 转出组织“A”与该党员在2025-07-01所在的组织“B”不符（转出组织应为党员转接时所在的组织）。"
    ], lines
    # All or nothing: erin's good row is not written either, and nobody moved.
    assert list(Transfer.objects.values_list("code", flat=True)) == ["OLD"]
    assert (org_of(bob), org_of(h.erin_member)) == ("B", "B")


def test_the_services_rules_apply_to_every_row(hospital, tmp_path):
    h = hospital
    leaver = MemberFactory(member_no="L1", organization=h.branch_a)
    transfer_record(member=leaver, kind="out", date=D(2025, 2, 1), to_unit="市医院党委")
    transfer_record(member=h.dave_member, kind="internal", date=D(2025, 6, 1), to_org=h.branch_a)
    path = transfers(
        tmp_path,
        ["T1", h.bob_member.member_no, "转入", "2025-07-01", None, "A", None, None, None],
        ["T2", h.erin_member.member_no, "转出", "2025-07-01", None, "A", None, "市医院党委", None],
        ["T3", h.alice_member.member_no, "院内转接", "2025-07-01", None, "A", None, None, None],
        ["T4", "L1", "院内转接", "2025-07-01", None, "B", None, None, None],
        ["T5", h.dave_member.member_no, "院内转接", "2025-05-01", None, "B", None, None, None],
        ["T6", h.bob_member.member_no + "X", "转入", "2025-07-01", "A", "A", "外院", None, None],
    )
    result = import_workbook(path)
    lines = result.error_lines()
    expected = [
        ("组织关系转接!2 转出单位", "转入须填写原单位党组织"),
        ("组织关系转接!3 转入组织编码", "转出本院时不选转入组织"),
        ("组织关系转接!4 转入组织编码", "转入组织与党员现所在组织相同"),
        ("组织关系转接!5 转接类型", "转出本院，只能再登记“转入”"),
        ("组织关系转接!6 转接日期", "不能早于该党员最近一次转接（2025-06-01 院内转接）"),
        ("组织关系转接!7 党员编号", "不存在"),
    ]
    for where, text in expected:
        assert any(line.startswith(where) and text in line for line in lines), (where, lines)
    assert Transfer.objects.count() == 2
    assert org_of(h.dave_member) == "A"


def test_a_from_org_on_a_transfer_in_is_refused_not_dropped(hospital, tmp_path):
    newcomer = MemberFactory(member_no="N1", organization=hospital.branch_a)
    path = transfers(
        tmp_path, ["T1", "N1", "转入", "2025-04-01", "B", "A", "市医院党委", None, None]
    )
    lines = import_workbook(path).error_lines()
    assert lines == [
        "组织关系转接!2 转出组织编码: 转入本院时转出组织编码留空（原单位党组织填在“转出单位”）。"
    ]
    assert org_of(newcomer) == "A" and not Transfer.objects.exists()


def test_a_stale_member_row_follows_the_transfer_with_a_warning_and_reimport_changes_nothing(
    hospital, tmp_path
):
    bob = hospital.bob_member
    # An old export's 党员 row (bob still in A1) plus the new transfer row.
    path = transfers(
        tmp_path,
        ["T1", bob.member_no, "院内转接", "2025-07-01", "A1", "B", None, None, None],
        members=[[bob.member_no, bob.name, "A1", "正式党员"]],
    )
    result = import_workbook(path)
    assert result.ok, result.error_lines()
    assert org_of(bob) == "B"
    assert [str(w) for w in result.warnings] == [
        "党员!2 所在组织编码: “A1”是该党员转接前所在的组织；按组织关系转接记录（第2行，转接编号“T1”，"
        "2025-07-01 院内转接）该党员现在“B”，已按转接记录导入为“B”"
    ]
    again = import_workbook(path)
    assert again.ok and org_of(bob) == "B"
    assert all(s.created == 0 and s.updated == 0 for s in again.summary.values()), again.summary
    assert len(again.warnings) == 1  # still said: the row is stale


def test_a_member_row_contradicting_the_transfers_is_an_error(hospital, tmp_path):
    bob = hospital.bob_member
    path = transfers(
        tmp_path,
        ["T1", bob.member_no, "院内转接", "2025-07-01", "A1", "B", None, None, None],
        members=[[bob.member_no, bob.name, "A", "正式党员"]],
    )
    result = import_workbook(path)
    assert not result.ok
    assert len(result.errors) == 1
    line = result.error_lines()[0]
    assert line.startswith("党员!2 所在组织编码: “A”与组织关系转接记录不符") and "现在“B”" in line
    assert org_of(bob) == "A1" and not Transfer.objects.exists()


def test_an_updated_member_row_and_a_new_member_with_history_import_cleanly(hospital, tmp_path):
    bob = hospital.bob_member
    path = transfers(
        tmp_path,
        ["T1", bob.member_no, "院内转接", "2025-07-01", "A1", "B", None, None, None],
        ["T2", "N9", "转入", "2024-03-01", None, "A", "市医院党委", None, None],
        ["T3", "N9", "院内转接", "2025-02-01", "A", "B", None, None, None],
        members=[[bob.member_no, bob.name, "B", "正式党员"], ["N9", "新同志", "B", "正式党员"]],
    )
    result = import_workbook(path)
    assert result.ok, result.error_lines()
    assert not result.warnings
    assert org_of(bob) == "B" and Member.objects.get(member_no="N9").organization.code == "B"
    assert Member.objects.get(member_no="N9").pk in ids_on(hospital.branch_a, D(2024, 12, 31))


def test_a_stored_transfer_keeps_what_moved_the_member(hospital, tmp_path):
    h = hospital
    transfer_record(
        member=h.bob_member, kind="internal", date=D(2025, 3, 1), to_org=h.branch_b, code="T1"
    )
    transfer_record(
        member=h.bob_member, kind="internal", date=D(2025, 6, 1), to_org=h.branch_a, code="T2"
    )
    changed = transfers(
        tmp_path,
        ["T1", h.bob_member.member_no, "院内转接", "2025-03-01", "A1", "A", None, None, None],
        ["T2", h.bob_member.member_no, "院内转接", "2025-02-01", "B", "A", None, None, None],
    )
    lines = import_workbook(changed).error_lines()
    assert len(lines) == 2, lines
    assert lines[0].startswith(
        "组织关系转接!2 转入组织编码: 转接编号“T1”已登记（2025-03-01 院内转接"
    )
    assert "转入组织为“B”" in lines[0] and "删除该转接后重新登记" in lines[0]
    assert lines[1] == "组织关系转接!3 转接日期: 转接日期不能早于该党员上一次转接（2025-03-01）。"
    out_of_order = transfers(
        tmp_path,
        ["T2", h.bob_member.member_no, "院内转接", "2025-02-01", "B", "A", None, None, None],
        name="order.xlsx",
    )
    assert import_workbook(out_of_order).error_lines() == [
        "组织关系转接!2 转接日期: 转接日期不能早于该党员上一次转接（2025-03-01）。"
    ]
    # The date (kept in order), the letter and the note may change, as on the edit page.
    fine = transfers(
        tmp_path,
        ["T2", h.bob_member.member_no, "院内转接", "2025-05-20", None, "A", None, None, "更正日期"],
        name="fine.xlsx",
    )
    result = import_workbook(fine)
    assert result.ok, result.error_lines()
    t2 = Transfer.objects.get(code="T2")
    assert (t2.date, t2.note, t2.from_org.code) == (D(2025, 5, 20), "更正日期", "B")
    assert org_of(h.bob_member) == "A"


def test_a_dry_run_moves_nobody(hospital, tmp_path):
    bob = hospital.bob_member
    path = transfers(
        tmp_path, ["T1", bob.member_no, "院内转接", "2025-07-01", None, "B", None, None, None]
    )
    result = import_workbook(path, dry_run=True)
    assert result.ok and result.summary["党员"].updated == 1
    assert org_of(bob) == "A1" and not Transfer.objects.exists()


def test_export_then_import_into_an_empty_ledger_keeps_members_where_their_transfers_left_them(
    hospital, tmp_path
):
    h = hospital
    transfer_record(member=h.bob_member, kind="internal", date=D(2025, 3, 1), to_org=h.branch_b)
    transfer_record(member=h.bob_member, kind="internal", date=D(2025, 9, 1), to_org=h.branch_a)
    path = tmp_path / "export.xlsx"
    export_workbook(path)
    from django.contrib.auth.models import User

    User.objects.all().delete()
    Transfer.objects.all().delete()
    Member.objects.all().delete()
    result = import_workbook(path)
    assert result.ok, result.error_lines()
    assert not result.warnings, result.warning_lines()
    bob = Member.objects.get(member_no=h.bob_member.member_no)
    assert bob.organization == h.branch_a
    assert bob.pk in ids_on(h.branch_b, D(2025, 6, 30)) and bob.pk in ids_on(
        h.group_a, D(2025, 2, 28)
    )


@pytest.mark.parametrize("count", [20, 120])
def test_checking_the_sheet_takes_the_same_queries_for_more_rows(hospital, tmp_path, count):
    members = [MemberFactory(organization=hospital.branch_a) for _ in range(count)]
    rows = [
        [f"T{n}", m.member_no, "院内转接", "2025-07-01", "A", "B", None, None, None]
        for n, m in enumerate(members)
    ]
    path = transfers(tmp_path, *rows)
    with CaptureQueriesContext(connection) as queries:
        result = import_workbook(path, dry_run=True)
    assert result.ok, result.error_lines()[:3]
    # Reading the database is batched (500 codes a query): no query per row.
    assert len(queries) <= 20, len(queries)
