"""`dangjian template` writes every sheet's headers, the drop-down lists and the 说明 sheet."""

from io import StringIO

from django.core.management import call_command
from openpyxl import load_workbook

from dangjian.workbook import sheets as S
from dangjian.workbook.importer import import_workbook


def test_template_has_headers_validations_and_instructions(db, tmp_path):
    path = tmp_path / "模板.xlsx"
    call_command("template", str(path), stdout=StringIO())
    book = load_workbook(path)

    assert book.sheetnames == ["说明", *(sheet.name for sheet in S.SHEETS)]
    members = book["党员"]
    assert [cell.value for cell in members[1]] == [c.header for c in S.MEMBERS.columns]
    assert members.max_row == 1
    lists = {
        str(dv.sqref).split(":")[0].rstrip("0123456789"): dv
        for dv in members.data_validations.dataValidation
    }
    category = lists["D"]  # 人员类别
    assert category.formula1 == '"正式党员,预备党员"' and category.showErrorMessage
    assert lists["P"].formula1 == '"是,否"'  # 双带头人
    events = {dv.formula1 for dv in book["组织生活"].data_validations.dataValidation}
    assert any("理论学习中心组学习" in formula and "警示教育" in formula for formula in events)
    # Open lists suggest but do not refuse other values.
    services = book["服务活动"].data_validations.dataValidation
    assert (
        len(services) == 1 and "义诊" in services[0].formula1 and not services[0].showErrorMessage
    )

    text = "\n".join(str(c.value) for row in book["说明"].iter_rows() for c in row if c.value)
    for sheet in S.SHEETS:
        for column in sheet.columns:
            assert column.header in text
    assert "2023年5月4日" in text and "全部成功" in text and "单引号" in text


def test_the_empty_template_imports_cleanly(db, tmp_path):
    path = tmp_path / "模板.xlsx"
    call_command("template", str(path), stdout=StringIO())
    result = import_workbook(path)
    assert result.ok and not result.warnings
    assert all(s.total == 0 for s in result.summary.values())
