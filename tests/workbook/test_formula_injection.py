"""A text that a spreadsheet would run as a formula is exported with a leading ' and read back as is."""

from openpyxl import load_workbook

from dangjian.organizations.models import Member
from dangjian.workbook.exporter import export_workbook
from dangjian.workbook.importer import import_workbook
from dangjian.workbook.sheets import escape_text, unescape_text
from tests.factories import MemberFactory

TEXTS = [
    '=HYPERLINK("http://evil","点我")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "'=已有引号",
    "普通文字",
    "a=b",
]


def test_escape_and_unescape_are_inverse():
    for text in [*TEXTS, "'", "''", "'普通"]:
        assert unescape_text(escape_text(text)) == text
    assert escape_text("=1+1") == "'=1+1"
    assert escape_text("普通文字") == "普通文字"


def test_exported_cells_are_not_formulas_and_round_trip(hospital, tmp_path):
    for number, text in enumerate(TEXTS):
        MemberFactory(member_no=f"F{number}", organization=hospital.branch_a, department=text)
    path = tmp_path / "out.xlsx"
    export_workbook(path)

    sheet = load_workbook(path)["党员"]
    departments = {row[0].value: row[9] for row in sheet.iter_rows(min_row=2)}
    for number in range(len(TEXTS)):
        cell = departments[f"F{number}"]
        assert cell.data_type == "s"
        assert not str(cell.value).startswith(("=", "+", "-", "@"))
    assert departments["F0"].value == "'" + TEXTS[0]

    Member.objects.filter(member_no__startswith="F").update(department="changed")
    result = import_workbook(path)
    assert result.ok, result.error_lines()
    for number, text in enumerate(TEXTS):
        assert Member.objects.get(member_no=f"F{number}").department == text
