"""A corpus of malformed workbooks: each is rejected with a clear Chinese message, nothing written."""

import zipfile

import openpyxl
import pytest

from dangjian.organizations.models import Member, Organization
from dangjian.workbook.importer import import_workbook

ORG_HEADER = ["组织编码", "组织名称", "组织类型", "上级组织编码"]
MEMBER_HEADER = ["党员编号", "姓名", "所在组织编码", "人员类别"]


def workbook(path, sheets):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def rejected(path):
    before = (Organization.objects.count(), Member.objects.count())
    result = import_workbook(path)
    assert not result.ok
    assert (Organization.objects.count(), Member.objects.count()) == before
    return result.error_lines()


@pytest.fixture
def valid_orgs():
    return [ORG_HEADER, ["H", "医院党委", "党委", None], ["H1", "第一党支部", "党支部", "H"]]


def test_text_file_renamed_to_xlsx(db, tmp_path):
    path = tmp_path / "台账.xlsx"
    path.write_text("组织编码,组织名称\nH,医院党委\n", encoding="gbk")
    assert any("不是有效的 Excel 工作簿" in line for line in rejected(path))


def test_legacy_xls_name(db, tmp_path):
    path = tmp_path / "台账.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)  # an OLE2 (.xls) header
    assert any(".xlsx" in line for line in rejected(path))


def test_truncated_zip(db, tmp_path, valid_orgs):
    good = workbook(tmp_path / "good.xlsx", {"党组织": valid_orgs})
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert any("不是有效的 Excel 工作簿" in line for line in rejected(broken))


def test_zip_bomb_is_refused_without_unpacking(db, tmp_path, valid_orgs):
    """A real workbook whose sheet is padded with ~400 MB of blanks that pack to under 2 MB."""
    good = workbook(tmp_path / "good.xlsx", {"党组织": valid_orgs})
    path = tmp_path / "bomb.xlsx"
    with (
        zipfile.ZipFile(good) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for entry in source.infolist():
            data = source.read(entry.filename)
            if entry.filename != "xl/worksheets/sheet1.xml":
                archive.writestr(entry, data)
                continue
            head, tail = data.split(b"<sheetData>", 1)
            with archive.open(entry.filename, "w", force_zip64=True) as member:
                member.write(head + b"<sheetData>")
                for _ in range(400):
                    member.write(b" " * (1 << 20))
                member.write(tail)
    assert path.stat().st_size < 2_000_000
    assert any("解压" in line or "过大" in line for line in rejected(path))


def test_formula_cells_are_named(db, tmp_path, valid_orgs):
    path = workbook(
        tmp_path / "formula.xlsx",
        {
            "党组织": valid_orgs,
            "党员": [MEMBER_HEADER, ["M1", '=CONCAT("张","三")', "H1", "正式党员"]],
        },
    )
    lines = rejected(path)
    assert any(line.startswith("党员!2 姓名") for line in lines), lines


def test_merged_cells_leave_required_cells_empty(db, tmp_path, valid_orgs):
    path = tmp_path / "merged.xlsx"
    book = openpyxl.Workbook()
    book.remove(book.active)
    orgs = book.create_sheet("党组织")
    for row in valid_orgs:
        orgs.append(row)
    members = book.create_sheet("党员")
    for row in (MEMBER_HEADER, ["M1", "张三", "H1", "正式党员"], ["M2", "李四", None, "正式党员"]):
        members.append(row)
    members.merge_cells("C2:C3")  # "the same branch" typed once across two rows
    book.save(path)
    lines = rejected(path)
    assert any(line.startswith("党员!3 所在组织编码") for line in lines), lines


def test_hundred_thousand_empty_rows_are_ignored(db, tmp_path, valid_orgs):
    path = tmp_path / "empty-rows.xlsx"
    book = openpyxl.Workbook()
    book.remove(book.active)
    orgs = book.create_sheet("党组织")
    for row in valid_orgs:
        orgs.append(row)
    orgs.cell(row=100_003, column=1, value="")  # the used range reaches row 100,003
    book.save(path)
    result = import_workbook(path)
    assert result.ok, result.error_lines()
    assert Organization.objects.count() == 2


def test_dates_as_text(db, tmp_path, valid_orgs):
    valid_orgs[0].append("成立日期")
    valid_orgs[1].append("2001年7月1日")
    valid_orgs[2].append("去年七月")
    lines = rejected(workbook(tmp_path / "dates.xlsx", {"党组织": valid_orgs}))
    assert lines == [line for line in lines if line.startswith("党组织!3 成立日期")]
    assert len(lines) == 1


def test_huge_cell(db, tmp_path, valid_orgs):
    path = workbook(
        tmp_path / "huge.xlsx",
        {
            "党组织": valid_orgs,
            "党员": [MEMBER_HEADER, ["M1", "张" * 32000, "H1", "正式党员"]],
        },
    )
    lines = rejected(path)
    assert any(line.startswith("党员!2 姓名") for line in lines), lines
