"""贯彻落实, 落实措施, 督导督办 sheets: import/export round trip, references, errors."""

import datetime as dt

from dangjian.implementation.models import CheckIn, Instruction, Measure
from dangjian.workbook.exporter import export_workbook
from dangjian.workbook.importer import import_workbook
from tests.workbook.conftest import write_workbook

SHEETS = {
    "贯彻落实": [
        ["指示编号", "类别", "标题", "来源", "日期", "组织编码"],
        ["GC1", "指示批示", "'=关于改善医疗服务的指示批示", "省卫健委党组", "2025/3/1", "A"],
    ],
    "落实措施": [
        ["措施编号", "指示编号", "落实措施", "责任人", "完成时限", "状态", "完成日期"],
        ["CS1", "GC1", "制定实施方案", "医务科", "2025-04-30", "已完成", "2025年4月28日"],
        ["CS2", "GC1", "开展专项督查", "党办", "2025-09-30", "正在推进", None],
    ],
    "督导督办": [
        ["措施编号", "日期", "方式", "进度(%)", "督导情况", "佐证材料说明"],
        ["CS2", "2025-06-01", "督导", 40, "已督查5个科室", "督查记录表"],
        ["CS2", "2025-07-01", "督办", 60, "", ""],
    ],
}


def test_import_then_export_round_trip(tmp_path, hospital):
    result = import_workbook(write_workbook(tmp_path / "in.xlsx", SHEETS))
    assert result.ok, result.error_lines()
    assert Instruction.objects.get(code="GC1").title == "=关于改善医疗服务的指示批示"
    assert Measure.objects.get(code="CS1").completed_on == dt.date(2025, 4, 28)
    assert list(CheckIn.objects.order_by("date").values_list("progress", flat=True)) == [40, 60]
    snapshot = [list(m.objects.order_by("pk").values()) for m in (Instruction, Measure, CheckIn)]
    out = tmp_path / "out.xlsx"
    export_workbook(out)
    again = import_workbook(out)
    assert again.ok, again.error_lines()
    assert {s: again.summary[s].unchanged for s in SHEETS} == {
        "贯彻落实": 1,
        "落实措施": 2,
        "督导督办": 2,
    }
    assert [
        list(m.objects.order_by("pk").values()) for m in (Instruction, Measure, CheckIn)
    ] == snapshot
    # Into an empty database the export gives the same rows.
    CheckIn.objects.all().delete()
    Measure.objects.all().delete()
    Instruction.objects.all().delete()
    assert import_workbook(out).ok
    assert Measure.objects.get(code="CS2").instruction.code == "GC1"
    assert CheckIn.objects.get(date=dt.date(2025, 6, 1)).evidence == "督查记录表"


def test_unknown_reference_and_bad_progress_are_errors(tmp_path, hospital):
    sheets = {
        "落实措施": [SHEETS["落实措施"][0], ["CS9", "GC-NONE", "x", "", "2025-04-30", "", None]],
        "督导督办": [SHEETS["督导督办"][0], ["CS9", "2025-06-01", "督导", 120, "", ""]],
    }
    result = import_workbook(write_workbook(tmp_path / "bad.xlsx", sheets))
    lines = result.error_lines()
    assert any("落实措施!2 指示编号" in line and "GC-NONE" in line for line in lines), lines
    assert any("督导督办!2 进度(%)" in line and "0 到 100" in line for line in lines), lines
    assert not Measure.objects.exists() and not CheckIn.objects.exists()
