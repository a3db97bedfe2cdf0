"""Importing the same workbook twice changes nothing the second time: no writes, no history rows."""

from dangjian.organizations.models import Member
from tests.workbook.conftest import MEMBERS, run_import, sample_sheets, table_counts, write_workbook


def test_second_import_changes_nothing(db, sample_workbook):
    run_import(sample_workbook)
    before = table_counts()
    stamps = list(Member.objects.order_by("pk").values_list("updated_at", flat=True))

    out, _ = run_import(sample_workbook)

    assert table_counts() == before  # history tables included
    assert list(Member.objects.order_by("pk").values_list("updated_at", flat=True)) == stamps
    assert "党员：新增 0，更新 0，未变 3" in out
    assert "新增 0，更新 0" in out.splitlines()[0]


def test_a_changed_row_is_updated_with_one_history_row(db, tmp_path, sample_workbook):
    run_import(sample_workbook)
    before = table_counts()
    sheets = sample_sheets()
    sheets["党员"][3][9] = "胃肠外科"  # 王芳's 科室
    sheets["党员"][3][2] = "NK"  # and she moves branch
    changed = write_workbook(tmp_path / "changed.xlsx", sheets)

    out, _ = run_import(changed)

    assert "党员：新增 0，更新 1，未变 2" in out
    wang = Member.objects.get(member_no="M003")
    assert wang.department == "胃肠外科" and wang.organization.code == "NK"
    after = table_counts()
    assert after["organizations.HistoricalMember"] == before["organizations.HistoricalMember"] + 1
    assert wang.history.first().department == "胃肠外科"
    assert {k: v for k, v in after.items() if k != "organizations.HistoricalMember"} == {
        k: v for k, v in before.items() if k != "organizations.HistoricalMember"
    }


def test_an_absent_optional_column_leaves_existing_values_alone(db, tmp_path, sample_workbook):
    run_import(sample_workbook)
    header = MEMBERS[0]
    keep = [header.index(h) for h in ("党员编号", "姓名", "所在组织编码", "人员类别")]
    rows = [[row[i] for i in keep] for row in MEMBERS]
    out, _ = run_import(write_workbook(tmp_path / "narrow.xlsx", {"党员": rows}))

    assert "党员：新增 0，更新 0，未变 3" in out
    assert Member.objects.get(member_no="M001").department == "心内科"
