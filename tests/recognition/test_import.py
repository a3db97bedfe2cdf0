"""The 表彰 and 双培养 sheets refuse rows naming a member that does not exist, and apply the page's
rule on who is honoured: nothing is stored as free text, nothing is dropped."""

from dangjian.recognition.models import DualCultivation, Honour
from dangjian.workbook.importer import import_workbook
from tests.workbook.conftest import write_workbook

HONOUR_HEADER = ["表彰编号", "表彰类型", "年度", "表彰级别", "组织编码", "党员编号", "荣誉名称"]


def honours(tmp_path, *rows, extra=None):
    sheets = {"表彰": [HONOUR_HEADER, *[list(row) for row in rows]]}
    sheets.update(extra or {})
    return write_workbook(tmp_path / "honours.xlsx", sheets)


def test_an_unknown_member_is_refused_and_nothing_is_written(hospital, tmp_path):
    path = honours(
        tmp_path,
        ["H1", "先进党组织", 2025, "省级", "A", None, "先进基层党组织"],
        ["H2", "优秀共产党员", 2025, "院级", "A", "NOPE", None],
        extra={
            "双培养": [
                ["党员编号", "培养类型", "日期"],
                ["GONE", "党员培养为业务骨干", "2025-03-01"],
            ]
        },
    )
    result = import_workbook(path)
    assert not result.ok
    assert result.error_lines() == [
        "表彰!3 党员编号: 党员编号“NOPE”不存在（工作簿和数据库中都没有）",
        "双培养!2 党员编号: 党员编号“GONE”不存在（工作簿和数据库中都没有）",
    ]
    assert not Honour.objects.exists() and not DualCultivation.objects.exists()


def test_who_is_honoured_follows_the_kind(hospital, tmp_path):
    bob = hospital.bob_member
    path = honours(
        tmp_path,
        ["H1", "优秀党务工作者", 2025, "院级", "A", None, None],
        ["H2", "先进党组织", 2025, "市级", "A", bob.member_no, None],
        ["H3", "优秀共产党员", 2025, "院级", "A1", bob.member_no, None],
    )
    result = import_workbook(path)
    assert result.error_lines() == [
        "表彰!2 党员编号: “优秀党务工作者”是个人表彰，须填写受表彰党员的党员编号",
        "表彰!3 党员编号: “先进党组织”表彰的是组织（填在组织编码），不填党员编号",
    ]
    assert not Honour.objects.exists()


def test_a_sheet_without_the_member_column_cannot_hold_personal_honours(hospital, tmp_path):
    path = write_workbook(
        tmp_path / "h.xlsx",
        {
            "表彰": [
                ["表彰编号", "表彰类型", "年度", "表彰级别", "组织编码"],
                ["H1", "先进党组织", 2025, "省级", "A"],
                ["H2", "优秀共产党员", 2025, "省级", "A"],
            ]
        },
    )
    result = import_workbook(path)
    assert result.error_lines() == [
        "表彰!3 党员编号: “优秀共产党员”是个人表彰，须填写受表彰党员的党员编号"
    ]


def test_good_rows_import_with_the_member_linked(hospital, tmp_path):
    bob = hospital.bob_member
    path = honours(
        tmp_path,
        ["H1", "先进党组织", 2025, "省级", "A", None, "先进基层党组织"],
        ["H2", "优秀共产党员", 2025, "院级", "A1", bob.member_no, None],
    )
    result = import_workbook(path)
    assert result.ok, result.error_lines()
    assert Honour.objects.get(code="H2").member == bob
    assert Honour.objects.get(code="H1").member is None
