"""The 查摆问题 and 工作要点 sheets: an export imports back unchanged, and a bad row is refused with
the model's message naming sheet, row and column."""

import datetime as dt

from openpyxl import load_workbook

from dangjian.problems.models import Problem
from dangjian.workbook.exporter import export_workbook
from dangjian.workbook.importer import import_workbook
from dangjian.workplans.models import WorkPlanItem
from tests.factories import RectificationItemFactory
from tests.workbook.conftest import write_workbook

from .conftest import plan, problem

PROBLEM_HEADER = [
    "查摆编号",
    "组织编码",
    "年度",
    "来源",
    "领域",
    "存在问题",
    "整改措施",
    "整改问题编号",
]
PLAN_HEADER = ["要点编号", "组织编码", "年度", "领域", "工作要点", "责任部门", "完成时限"]


def rows_of(model) -> list[tuple]:
    fields = [
        f.attname
        for f in model._meta.concrete_fields
        if f.name not in ("id", "created_at", "updated_at")
    ]
    return list(model.objects.order_by("code").values_list(*fields))


def test_export_then_import_gives_the_same_rows(hospital, tmp_path):
    item = RectificationItemFactory(organization=hospital.committee, code="ZG2026-001")
    problem(hospital.committee, code="CB1", rectification=item)
    problem(
        hospital.group_a,
        code="CB2",
        source="org_life",
        area="integration",
        text="=支部工作与科室业务结合不紧",  # a formula-like text survives the round trip
        measures="",
    )
    plan(hospital.committee, code="YD1")
    plan(hospital.branch_b, code="YD2", area="conduct", owner="", deadline=None)
    before = (rows_of(Problem), rows_of(WorkPlanItem))

    path = tmp_path / "export.xlsx"
    result = export_workbook(path)
    assert result.rows["查摆问题"] == 2 and result.rows["工作要点"] == 2
    sheet = load_workbook(path)["查摆问题"]
    assert [c.value for c in sheet[1]] == PROBLEM_HEADER
    assert [c.value for c in sheet[2]] == [
        "CB1",
        "HOSP",
        2025,
        "民主生活会",
        "政治建设",
        "理论学习系统性不够，学用结合不紧。",
        "落实第一议题制度。",
        "ZG2026-001",
    ]

    again = import_workbook(path)
    assert again.ok, again.error_lines()
    assert again.summary["查摆问题"].unchanged == 2 and again.summary["工作要点"].unchanged == 2

    Problem.objects.all().delete()
    WorkPlanItem.objects.all().delete()
    restored = import_workbook(path)
    assert restored.ok, restored.error_lines()
    assert restored.summary["查摆问题"].created == 2 and restored.summary["工作要点"].created == 2
    assert (rows_of(Problem), rows_of(WorkPlanItem)) == before
    assert Problem.history.filter(history_type="+").count() == 4  # two made, two re-imported


def test_bad_rows_are_refused_with_the_models_messages(hospital, tmp_path):
    path = write_workbook(
        tmp_path / "bad.xlsx",
        {
            "查摆问题": [
                PROBLEM_HEADER,
                ["CB1", "A", 1999, "民主生活会", "政治建设", "学用结合不紧", None, None],
                ["CB2", "A", 2025, "座谈会", "作风建设", "服务意识有差距", None, "ZG-NONE"],
                ["CB3", "A", 2025, "组织生活会", "思想建设", None, None, None],
                ["CB4", "A", 2025, "自查", "组织建设", "党费收缴不够及时", "每月核对", None],
            ],
            "工作要点": [
                PLAN_HEADER,
                [
                    "YD1",
                    "HOSP",
                    2026,
                    "纪律建设",
                    "签订目标责任书",
                    "纪检监察室",
                    dt.date(2025, 12, 1),
                ],
                ["YD2", "HOSP", 2029, "纪律建设", "开展专项整治", None, None],
            ],
        },
    )
    result = import_workbook(path)
    assert result.error_lines() == [
        "查摆问题!2 年度: 年度应为2000年至2027年之间的四位年份（填写的是1999）",
        "查摆问题!3 来源: “座谈会”不是有效的来源（可选：民主生活会、组织生活会、巡察、督查、考核、自查）",
        "查摆问题!3 整改问题编号: 整改问题编号“ZG-NONE”不存在（工作簿和数据库中都没有）",
        "查摆问题!4 存在问题: 必填，不能为空",
        "工作要点!2 完成时限: 完成时限（2025-12-01）早于工作要点所属的2026年",
        "工作要点!3 年度: 年度应为2000年至2027年之间的四位年份（填写的是2029）",
    ]
    assert not Problem.objects.exists() and not WorkPlanItem.objects.exists()


def test_a_problem_refers_to_a_rectification_item_of_the_same_workbook(hospital, tmp_path):
    path = write_workbook(
        tmp_path / "both.xlsx",
        {
            "整改台账": [
                ["问题编号", "组织编码", "问题描述", "来源", "整改时限"],
                ["ZG-1", "HOSP", "理论学习系统性不够", "民主生活会", dt.date(2026, 6, 30)],
            ],
            "查摆问题": [
                PROBLEM_HEADER,
                [
                    "CB1",
                    "HOSP",
                    2025,
                    "民主生活会",
                    "政治建设",
                    "理论学习系统性不够",
                    "制定学习计划",
                    "ZG-1",
                ],
            ],
        },
    )
    result = import_workbook(path)
    assert result.ok, result.error_lines()
    saved = Problem.objects.get()
    assert saved.rectification.code == "ZG-1" and not saved.is_settled
