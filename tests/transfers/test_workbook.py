"""The new sheets (组织关系转接, 表彰, 党建品牌, 双培养, 党建业务指标, 舆情) survive export → empty
database → import field for field; a second import changes nothing; bad cells are named."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import models

from dangjian.indicators.models import Indicator, IndicatorValue, OpinionEvent
from dangjian.organizations.models import Member, Organization
from dangjian.recognition.models import DualCultivation, Honour, PartyBrand
from dangjian.transfers.models import Transfer
from dangjian.transfers.services import transfer_record
from dangjian.workbook.exporter import export_workbook
from dangjian.workbook.importer import import_workbook
from tests.factories import (
    DualCultivationFactory,
    HonourFactory,
    IndicatorValueFactory,
    MemberFactory,
    OpinionEventFactory,
    PartyBrandFactory,
)
from tests.workbook.conftest import write_workbook

D = dt.date
MODELS = (Transfer, Honour, PartyBrand, DualCultivation, IndicatorValue, OpinionEvent)
SKIP = {"id", "created_at", "updated_at"}


def natural(obj):
    if isinstance(obj, Member):
        return obj.member_no
    if isinstance(obj, DualCultivation):
        return (obj.member.member_no, obj.kind)
    return obj.code


def snapshot() -> dict:
    data = {}
    for model in MODELS:
        rows = {}
        for obj in model.objects.all():
            row = {}
            for field in model._meta.concrete_fields:
                if field.name not in SKIP:
                    value = getattr(obj, field.name)
                    row[field.name] = natural(value) if isinstance(value, models.Model) else value
            rows[natural(obj)] = row
        data[model._meta.label] = rows
    return data


def build(h) -> None:
    transfer_record(
        member=h.bob_member,
        kind="internal",
        date=D(2025, 7, 1),
        to_org=h.branch_b,
        letter_no="=JS-7",
        note="多行\n备注",
        code="T1",
    )
    leaver = MemberFactory(member_no="L1", name="乙", organization=h.branch_a)
    transfer_record(
        member=leaver, kind="out", date=D(2025, 10, 1), to_unit="省肿瘤医院党委", code="T2"
    )
    newcomer = MemberFactory(member_no="N1", name="甲", organization=h.branch_a)
    transfer_record(
        member=newcomer,
        kind="in",
        date=D(2025, 4, 1),
        to_org=h.branch_a,
        from_unit="市医院党委",
        code="T3",
    )
    HonourFactory(
        code="H1",
        kind="advanced_org",
        level="province",
        year=2025,
        organization=h.branch_a,
        title="全省先进基层党组织",
        awarded_by="省卫健委党组",
    )
    HonourFactory(
        code="H2",
        kind="outstanding_member",
        level="hospital",
        year=2024,
        organization=h.branch_b,
        member=h.erin_member,
        note="",
    )
    PartyBrandFactory(
        code="P1",
        kind="brand",
        organization=h.branch_a,
        name="心守护",
        year=2023,
        level="city",
        description="一支部一特色",
    )
    PartyBrandFactory(
        code="P2", kind="demonstration", organization=h.branch_b, name="示范点", year=2025, level=""
    )
    DualCultivationFactory(
        member=h.dave_member, kind="promoted_to_middle", date=D(2025, 3, 3), note="任副主任"
    )
    DualCultivationFactory(member=h.dave_member, kind="backbone_to_member", date=D(2019, 3, 3))
    IndicatorValueFactory(
        code="I1",
        organization=h.branch_a,
        indicator="患者满意度",
        period="Q2",
        value=Decimal("98.55"),
        unit="%",
        note="第三方测评",
    )
    # A name on the 指标名称 list, no longer offered (inactive): its values still round-trip.
    Indicator.objects.create(name="自定义指标", unit="项", active=False)
    IndicatorValueFactory(
        code="I2",
        organization=h.group_a,
        indicator="自定义指标",
        period="M11",
        value=Decimal("0"),
        unit="",
    )
    OpinionEventFactory(
        code="O1",
        organization=h.branch_b,
        date=D(2025, 5, 1),
        source="12345热线",
        content="+反映停车难",
        handling="协调",
        result="已答复",
        handled_on=D(2025, 5, 3),
    )
    OpinionEventFactory(code="O2", organization=h.committee)


def empty() -> None:
    for model in MODELS:
        model.objects.all().delete()
    Member.objects.all().delete()
    Organization.objects.update(parent=None)
    Organization.objects.all().delete()


def test_round_trip_of_every_new_sheet(hospital, tmp_path):
    build(hospital)
    before = snapshot()
    assert all(before.values())
    path = tmp_path / "export.xlsx"
    export_workbook(path)
    from django.contrib.auth.models import User

    User.objects.all().delete()  # profiles protect members
    empty()
    result = import_workbook(path)
    assert result.ok, result.error_lines()
    assert snapshot() == before
    # The history comes from the transfers, and the member ends where the latest one took them.
    assert Member.objects.get(member_no=hospital.bob_member.member_no).organization.code == "B"
    again = import_workbook(path)
    assert all(s.created == 0 and s.updated == 0 for s in again.summary.values()), again.summary


def test_bad_cells_are_named(hospital, tmp_path):
    path = write_workbook(
        tmp_path / "bad.xlsx",
        {
            "组织关系转接": [
                ["转接编号", "党员编号", "转接类型", "转接日期"],
                ["T1", hospital.bob_member.member_no, "调动", "2025-07-01"],
                ["T2", "NOPE", "转出", "2025-07-01"],
            ],
            "表彰": [
                ["表彰编号", "表彰类型", "年度", "表彰级别", "组织编码"],
                ["H1", "先进党组织", "二〇二五", "省级", "A"],
            ],
            "党建业务指标": [
                ["指标编号", "组织编码", "指标", "年度", "期间", "数值"],
                ["I1", "A", "投诉", 2025, "第五季度", "三"],
            ],
            "舆情": [
                ["舆情编号", "组织编码", "发现日期", "来源"],
                ["O1", "A", "2025-13-01", "微博"],
            ],
        },
    )
    result = import_workbook(path)
    lines = result.error_lines()
    assert not result.ok
    expected = [
        ("组织关系转接!2", "转接类型", "调动"),
        ("组织关系转接!3", "党员编号", "NOPE"),
        ("表彰!2", "年度", "二〇二五"),
        ("党建业务指标!2", "期间", "第五季度"),
        ("党建业务指标!2", "数值", "三"),
        ("舆情!1", "舆情内容", "缺少必填列"),
        ("舆情!2", "发现日期", ""),
    ]
    for where, column, text in expected:
        assert any(line.startswith(where) and column in line and text in line for line in lines), (
            where,
            lines,
        )
    assert not Transfer.objects.exists() and not Honour.objects.exists()


@pytest.mark.parametrize(
    "sheet", ["组织关系转接", "表彰", "党建品牌", "双培养", "党建业务指标", "舆情"]
)
def test_template_has_the_sheet(db, tmp_path, sheet):
    from openpyxl import load_workbook

    from dangjian.workbook.template import write_template

    path = tmp_path / "template.xlsx"
    write_template(path)
    assert sheet in load_workbook(path, read_only=True).sheetnames
