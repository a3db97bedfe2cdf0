"""The five evaluation sheets: export → import into a clean ledger gives the same rows; scoping."""

import io
from decimal import Decimal

from openpyxl import load_workbook

from dangjian.evaluations.models import (
    BranchAssessment,
    EthicsRecord,
    MemberEvaluation,
    PointAdjustment,
    ReviewGrade,
    SecretaryReview,
)
from dangjian.workbook.exporter import export_workbook
from dangjian.workbook.importer import import_workbook
from tests.workbook.conftest import write_workbook

SHEETS = ("民主评议", "述职评议", "支部考核", "医德考评", "积分调整")
MODELS = (MemberEvaluation, SecretaryReview, BranchAssessment, EthicsRecord, PointAdjustment)
SKIP = {"id", "created_at", "updated_at"}


def snapshot() -> dict:
    data = {}
    for model in MODELS:
        rows = set()
        for obj in model.objects.all():
            row = []
            for field in model._meta.concrete_fields:
                if field.name in SKIP:
                    continue
                value = getattr(obj, field.name)
                row.append((field.name, getattr(value, "pk", value)))
            rows.add(tuple(row))
        data[model._meta.label] = rows
    return data


def test_round_trip_of_every_evaluation_sheet(ledgers):
    h = ledgers
    BranchAssessment.objects.create(
        organization=h.branch_a, year=2025, grade=ReviewGrade.GOOD, remarks="=HYPERLINK(1)"
    )
    EthicsRecord.objects.filter(staff_no="N001").update(score=Decimal("93.5"), remarks="+加分")
    before = snapshot()
    assert all(before[m._meta.label] for m in MODELS)
    buffer = io.BytesIO()
    export_workbook(buffer)
    book = load_workbook(io.BytesIO(buffer.getvalue()))
    assert set(SHEETS) <= set(book.sheetnames)
    # Formula-looking texts are neutralised in the file.
    assert book["支部考核"]["D2"].value == "'=HYPERLINK(1)"
    for model in MODELS:
        model.objects.all().delete()
    buffer.seek(0)
    result = import_workbook(buffer)
    assert result.ok, result.error_lines()
    assert snapshot() == before
    # A second import of the same workbook changes nothing.
    buffer.seek(0)
    again = import_workbook(buffer)
    assert all(again.summary[name].created == again.summary[name].updated == 0 for name in SHEETS)
    assert PointAdjustment.objects.get(code="JF2025-0002").points == Decimal("-1.0")


def test_adjustment_without_reason_and_bad_grade_are_refused_on_import(hospital, tmp_path):
    path = write_workbook(
        tmp_path / "bad.xlsx",
        {
            "积分调整": [
                ["调整编号", "党员编号", "年度", "分值", "事由"],
                ["X1", hospital.bob_member.member_no, 2025, -2, ""],
            ],
            "民主评议": [
                ["党员编号", "年度", "评议等次"],
                [hospital.bob_member.member_no, 2025, "很好"],
            ],
            "医德考评": [
                ["工号", "姓名", "组织编码", "年度", "考评等次"],
                ["N9", "王五", "A", 1800, "优秀"],
            ],
        },
    )
    result = import_workbook(path)
    lines = result.error_lines()
    assert any(line.startswith("积分调整!2 事由") and "必填" in line for line in lines), lines
    assert any(
        line.startswith("民主评议!2 评议等次") and "优秀、合格、基本合格、不合格" in line
        for line in lines
    )
    assert any(line.startswith("医德考评!2 年度") for line in lines)
    assert not PointAdjustment.objects.exists() and not MemberEvaluation.objects.exists()


def test_duplicate_member_year_in_a_workbook_is_an_error(hospital, tmp_path):
    no = hospital.bob_member.member_no
    path = write_workbook(
        tmp_path / "dup.xlsx",
        {
            "民主评议": [["党员编号", "年度", "评议等次"], [no, 2025, "优秀"], [no, 2025, "合格"]],
        },
    )
    result = import_workbook(path)
    assert any("与第2行重复" in line for line in result.error_lines())


def test_export_is_scoped_per_role(ledgers):
    def rows(user, sheet):
        buffer = io.BytesIO()
        export_workbook(buffer, user=user)
        ws = load_workbook(io.BytesIO(buffer.getvalue()))[sheet]
        return [row for row in ws.iter_rows(min_row=2, values_only=True) if any(row)]

    h = ledgers
    alice_evaluations = {row[0] for row in rows(h.alice, "民主评议")}
    assert alice_evaluations == {h.alice_member.member_no, h.bob_member.member_no}
    assert {row[0] for row in rows(h.alice, "医德考评")} == {"N001", "N002"}
    assert {row[1] for row in rows(h.dave, "积分调整")} == {h.erin_member.member_no}
    assert h.bob_member.member_no not in {row[0] for row in rows(h.dave, "民主评议")}
    assert len(rows(h.carol, "医德考评")) == 3
