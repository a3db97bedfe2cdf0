"""The 整改台账 sheet keeps the spec's columns and adds 整改类别, 整改证据 and the sign-off."""

import datetime as dt

from openpyxl import load_workbook

from dangjian.rectification.models import RectificationItem, RectificationStatus
from dangjian.workbook import sheets as S
from dangjian.workbook.exporter import export_workbook
from dangjian.workbook.importer import import_workbook
from tests.workbook.conftest import write_workbook

SPEC = [
    "问题编号",
    "组织编码",
    "问题描述",
    "来源",
    "提出日期",
    "整改措施",
    "责任人",
    "整改时限",
    "完成日期",
    "状态",
]


def test_spec_columns_first_extensions_marked():
    headers = [c.header for c in S.RECTIFICATION.columns]
    assert headers[:10] == SPEC
    extra = [c for c in S.RECTIFICATION.columns if c.header not in SPEC]
    assert [c.header for c in extra] == ["整改类别", "整改证据", "销号层级", "销号人", "销号日期"]
    assert all(c.extension and not c.required for c in extra)


def test_spec_only_workbook_still_imports(tmp_path, hospital):
    path = write_workbook(
        tmp_path / "spec.xlsx",
        {
            "整改台账": [
                SPEC,
                [
                    "ZG9",
                    "A",
                    "台账不全",
                    "巡察",
                    "2025-01-02",
                    "补齐",
                    "张三",
                    "2025-03-31",
                    "2025-03-01",
                    "已完成",
                ],
            ]
        },
    )
    result = import_workbook(path)
    assert result.ok, result.error_lines()
    item = RectificationItem.objects.get(code="ZG9")
    assert item.status == RectificationStatus.DONE and item.kind == "" and item.signer == ""


def test_round_trip_with_new_columns(tmp_path, hospital):
    RectificationItem.objects.create(
        code="ZG1",
        organization=hospital.branch_a,
        description="=台账不全",
        source="主题教育检视",
        deadline=dt.date(2025, 6, 30),
        completed_on=dt.date(2025, 6, 1),
        status=RectificationStatus.DONE,
        kind="long_term",
        evidence="+会议记录",
        sign_off_level="committee",
        signer="卡罗尔",
        signed_off_on=dt.date(2025, 6, 2),
    )
    exported = tmp_path / "out.xlsx"
    export_workbook(exported)
    ws = load_workbook(exported)["整改台账"]
    header = [c.value.rstrip("*") for c in ws[1]]
    row = dict(zip(header, [c.value for c in ws[2]], strict=False))
    assert (
        row["整改类别"] == "长期坚持"
        and row["销号层级"] == "党委"
        and row["整改证据"] == "'+会议记录"
    )
    before = list(RectificationItem.objects.values())
    result = import_workbook(exported)
    assert result.ok, result.error_lines()
    assert result.summary["整改台账"].unchanged == 1
    assert list(RectificationItem.objects.values()) == before
    RectificationItem.objects.all().delete()
    assert import_workbook(exported).ok
    again = RectificationItem.objects.get(code="ZG1")
    assert (again.kind, again.evidence, again.signer, again.signed_off_on) == (
        "long_term",
        "+会议记录",
        "卡罗尔",
        dt.date(2025, 6, 2),
    )
    assert again.description == "=台账不全"
