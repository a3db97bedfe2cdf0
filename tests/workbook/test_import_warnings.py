"""Warnings do not stop an import: extra columns and sheets, and rows that break a rule."""

from dangjian.decisions.models import MajorDecision
from dangjian.development.models import DevelopmentCase
from tests.workbook.conftest import ID_LATE, run_import, sample_sheets, write_workbook


def test_extra_columns_and_sheets_are_reported(db, tmp_path):
    sheets = sample_sheets()
    sheets["党员"][0].append("备注")
    sheets["党员"][1].append("老党员")
    sheets["通讯录"] = [["姓名"], ["张伟"]]
    out, _ = run_import(write_workbook(tmp_path / "extra.xlsx", sheets))

    assert "警告 党员!1 备注: 不是本工作表的列，未导入" in out
    assert "警告 通讯录: 不是台账工作表，已忽略" in out
    assert "导入完成" in out


def test_development_row_breaking_a_rule_is_imported_with_a_warning(db, tmp_path):
    sheets = sample_sheets()
    # 确定发展对象 only 5 months after 确定积极分子, and the talk two months after the application.
    sheets["发展党员"].append(
        [
            "钱进",
            ID_LATE,
            "WK",
            "2023-01-05",
            "2023-03-10",
            "2023-06-01",
            "2023-11-01",
            None,
            None,
            None,
            None,
            None,
        ]
    )
    out, _ = run_import(write_workbook(tmp_path / "late.xlsx", sheets))

    assert DevelopmentCase.objects.filter(id_number=ID_LATE).exists()
    warnings = [line for line in out.splitlines() if line.startswith("警告 发展党员!3")]
    assert any(
        line.startswith("警告 发展党员!3 谈话日期: ")
        and "《中国共产党发展党员工作细则》" in line
        and "第2步" in line
        for line in warnings
    ), warnings
    assert any(
        line.startswith("警告 发展党员!3 确定发展对象日期: ") and "第7步" in line
        for line in warnings
    )
    assert not any(line.startswith("警告 发展党员!2") for line in out.splitlines())


def test_decision_without_quorum_is_imported_with_a_warning(db, tmp_path):
    sheets = sample_sheets()
    sheets["三重一大"].append(["SZ002", "2025-05-10", "重要干部任免", "任命科主任", 9, 5, "通过"])
    out, _ = run_import(write_workbook(tmp_path / "quorum.xlsx", sheets))

    assert MajorDecision.objects.filter(code="SZ002").exists()
    assert any(line.startswith("警告 三重一大!3") for line in out.splitlines()), out
    assert not any(line.startswith("警告 三重一大!2") for line in out.splitlines())
