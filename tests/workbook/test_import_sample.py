"""A complete workbook is imported: every sheet, every date format, codes resolved across sheets."""

import datetime as dt
from decimal import Decimal

from dangjian.decisions.models import MajorDecision
from dangjian.development.models import DevelopmentCase
from dangjian.organizations.models import Member, Organization
from dangjian.orglife.models import Attendance, OrgLifeEvent
from dangjian.outreach.models import ServiceActivity
from dangjian.rectification.models import RectificationItem
from tests.workbook.conftest import ID_LI, run_import


def test_every_sheet_is_imported(db, sample_workbook):
    out, _ = run_import(sample_workbook)

    assert "导入完成" in out
    assert "党组织：新增 4，更新 0，未变 0" in out
    hosp, nk, nk1 = (Organization.objects.get(code=c) for c in ("HOSP", "NK", "NK1"))
    # NK came before its parent in the sheet: the tree is still right.
    assert nk.parent == hosp and nk1.parent == nk
    assert nk1.path.startswith(nk.path) and nk.path.startswith(hosp.path)
    assert nk.founded_on == dt.date(2010, 3, 1)  # 2010/3/1
    assert nk.last_election_on == dt.date(2023, 5, 4)  # 2023年5月4日
    assert hosp.founded_on == dt.date(1998, 7, 1)  # an Excel date
    assert nk.term_years is None and nk.effective_term_years == 3

    zhang = Member.objects.get(member_no="M001")
    assert zhang.organization == nk and zhang.category == "full" and zhang.gender == "male"
    assert zhang.phone == "13800138000"  # typed as a number in Excel
    assert zhang.is_dual_leader and zhang.name_initials == "zw"
    li = Member.objects.get(member_no="M002")
    assert li.id_number == ID_LI and li.employment_status == "working" and not li.is_dual_leader
    assert Member.objects.get(member_no="M003").employment_status == "retired"

    e1 = OrgLifeEvent.objects.get(code="E001")
    assert e1.event_type == "主题党日" and e1.duration_hours == Decimal("1.5")
    assert OrgLifeEvent.objects.get(code="E002").topic == "+医德医风专题党课"
    assert Attendance.objects.get(event=e1, member=li).status == "excused"

    case = DevelopmentCase.objects.get()
    assert case.organization == nk and case.admitted_on == dt.date(2024, 1, 10)
    assert RectificationItem.objects.get(code="ZG001").status == "done"
    assert RectificationItem.objects.get(code="ZG002").raised_on is None
    # The spec's 三重一大 sheet has no 组织编码: the single top-level 党委 decides.
    assert MajorDecision.objects.get(code="SZ001").organization == hosp
    # 服务活动 types are open: 健康讲座 is not in the suggested list but accepted.
    assert ServiceActivity.objects.get(code="FW002").activity_type == "健康讲座"


def test_rows_may_refer_to_codes_already_in_the_database(hospital, tmp_path):
    from tests.workbook.conftest import write_workbook

    path = write_workbook(
        tmp_path / "b.xlsx",
        {
            "组织生活": [
                ["活动编号", "组织编码", "类型", "日期"],
                ["X1", "B", "党课", "2025-01-02"],
            ],
            "参会记录": [
                ["出勤", "党员编号", "活动编号"],
                ["出席", hospital.erin_member.member_no, "X1"],
            ],
        },
    )
    run_import(path)

    attendance = Attendance.objects.get()
    assert attendance.event.organization == hospital.branch_b
    assert attendance.member == hospital.erin_member


def test_absent_sheets_and_blank_rows_are_fine(db, tmp_path):
    from tests.workbook.conftest import write_workbook

    path = write_workbook(
        tmp_path / "c.xlsx",
        {
            "党组织": [
                ["组织编码", "组织名称", "组织类型"],
                [None, None, None],
                ["H", "医院党委", "党委"],
            ],
        },
    )
    out, _ = run_import(path)
    assert "党组织：新增 1" in out
    assert Organization.objects.get().code == "H"


def test_a_large_import_refreshes_planner_statistics(db, sample_workbook, monkeypatch):
    from dangjian.workbook import importer

    calls = []
    monkeypatch.setattr(
        importer, "refresh_planner_statistics", lambda: calls.append(Member.objects.count())
    )
    monkeypatch.setattr(importer, "ANALYZE_AFTER_ROWS", 5)
    run_import(sample_workbook, "--dry-run")
    assert calls == [], "a dry run writes nothing"
    run_import(sample_workbook)
    assert calls == [Member.objects.count()] and calls[0] > 0, "once, after the rows are committed"
    run_import(sample_workbook)
    assert len(calls) == 1, "the same workbook again changes no row"
