"""三重一大 has no 组织编码 in the spec: a blank one means the single top-level 党委."""

from dangjian.decisions.models import MajorDecision
from tests.workbook.conftest import failed_import, run_import, table_counts, write_workbook

DECISION = [
    ["事项编号", "会议日期", "事项类别", "议题"],
    ["SZ9", "2025-04-10", "重大决策", "年度预算"],
]


def test_the_single_committee_in_the_database(hospital, tmp_path):
    run_import(write_workbook(tmp_path / "d.xlsx", {"三重一大": DECISION}))
    assert MajorDecision.objects.get().organization == hospital.committee


def test_two_top_level_committees_are_ambiguous(hospital, tmp_path):
    path = write_workbook(
        tmp_path / "d.xlsx",
        {
            "党组织": [["组织编码", "组织名称", "组织类型"], ["OTHER", "另一医院党委", "党委"]],
            "三重一大": DECISION,
        },
    )
    before = table_counts()
    lines = failed_import(path)
    assert lines == [
        "三重一大!2 组织编码: 无法确定决策的党委（顶层党委：HOSP、OTHER），请填写“组织编码”列"
    ]
    assert table_counts() == before


def test_the_optional_column_names_the_committee(hospital, tmp_path):
    rows = [DECISION[0] + ["组织编码"], DECISION[1] + ["OTHER"]]
    path = write_workbook(
        tmp_path / "d.xlsx",
        {
            "党组织": [["组织编码", "组织名称", "组织类型"], ["OTHER", "另一医院党委", "党委"]],
            "三重一大": rows,
        },
    )
    run_import(path)
    assert MajorDecision.objects.get().organization.code == "OTHER"


def test_no_committee_at_all_is_an_error(db, tmp_path):
    lines = failed_import(write_workbook(tmp_path / "d.xlsx", {"三重一大": DECISION}))
    assert lines == [
        "三重一大!2 组织编码: 无法确定决策的党委（顶层党委：没有），请填写“组织编码”列"
    ]
