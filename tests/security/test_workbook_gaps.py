"""Workbooks that used to import "successfully" while dropping data (issue 15, item 17)."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from dangjian.core import clock
from dangjian.organizations.models import Member, Organization
from dangjian.orglife.models import OrgLifeEvent
from dangjian.workbook.importer import NO_LEDGER_SHEET, UNCACHED_FORMULA, import_workbook
from tests.workbook.conftest import run_import, write_workbook


def test_a_workbook_with_only_unknown_sheets_is_an_error(db, tmp_path):
    path = write_workbook(
        tmp_path / "x.xlsx",
        {"Sheet1": [["组织编码", "组织名称"], ["H", "医院党委"]], "说明": [["说明"]]},
    )
    result = import_workbook(path)
    assert not result.ok
    assert [(p.sheet, p.message) for p in result.errors] == [("工作簿", NO_LEDGER_SHEET)]
    # The command said "导入完成" before.
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        run_import(path)


def test_an_uncached_formula_in_an_optional_cell_names_the_cell(db, tmp_path):
    """openpyxl writes formulas without a result (as any program but Excel does): read by value,
    the cell looks empty and the 科室 was dropped without a word."""
    path = tmp_path / "f.xlsx"
    book = openpyxl.Workbook()
    book.remove(book.active)
    orgs = book.create_sheet("党组织")
    orgs.append(["组织编码", "组织名称", "组织类型", "上级组织编码"])
    orgs.append(["H", "医院党委", "党委", None])
    orgs.append(["H1", "第一党支部", "党支部", "H"])
    members = book.create_sheet("党员")
    members.append(["党员编号", "姓名", "所在组织编码", "人员类别", "科室"])
    members.append(["M1", "张三", "H1", "正式党员", '="心"&"内科"'])
    members.append(["M2", "李四", "H1", "正式党员", "外科"])
    book.save(path)

    result = import_workbook(path)
    assert not result.ok
    problems = [(p.sheet, p.row, p.column, p.message) for p in result.errors]
    assert problems == [("党员", 2, "科室", UNCACHED_FORMULA)]
    assert not Organization.objects.exists() and not Member.objects.exists()


def test_a_cached_formula_result_is_read(db, tmp_path):
    """A formula whose result Excel stored is imported with that result (openpyxl cannot write
    one, so the sheet XML is written by hand as Excel would)."""
    import zipfile

    path = write_workbook(
        tmp_path / "c.xlsx",
        {"党组织": [["组织编码", "组织名称", "组织类型"], ["H", "PLACEHOLDER", "党委"]]},
    )
    cached = tmp_path / "cached.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(cached, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = data.replace(
                    b'<c r="B2" t="inlineStr"><is><t>PLACEHOLDER</t></is></c>',
                    b'<c r="B2" t="str"><f>"\xe5\x8c\xbb\xe9\x99\xa2"&amp;"\xe5\x85\x9a\xe5\xa7\x94"</f>'
                    b"<v>\xe5\x8c\xbb\xe9\x99\xa2\xe5\x85\x9a\xe5\xa7\x94</v></c>",
                )
                assert b"<f>" in data
            target.writestr(item, data)
    result = import_workbook(cached)
    assert result.ok, result.error_lines()
    assert Organization.objects.get(code="H").name == "医院党委"


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_dates_of_year_1_and_9999_are_refused(day, hospital, tmp_path):
    path = write_workbook(
        tmp_path / "d.xlsx",
        {"组织生活": [["活动编号", "组织编码", "类型", "日期"], ["E1", "A", "支部党员大会", day]]},
    )
    with clock.frozen(dt.date(2025, 7, 1)):
        result = import_workbook(path)
    assert not result.ok
    assert [(p.sheet, p.row, p.column) for p in result.errors] == [("组织生活", 2, "日期")]
    assert "不是有效日期" in result.errors[0].message
    assert not OrgLifeEvent.objects.filter(code="E1").exists()
