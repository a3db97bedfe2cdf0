"""Helpers for the workbook tests: write a workbook from rows, count every table, a sample ledger."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from dangjian.core import idcard


def write_workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    """Write ``{sheet name: [header row, row, …]}`` to ``path``; each row is a list of cell values."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
    book.save(path)
    return path


def table_counts() -> dict[str, int]:
    """Rows in every table of the project's apps, history tables included."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {"organizations", "orglife", "development", "rectification", "decisions", "outreach"}
    }


def run_import(path: Path, *args: str) -> tuple[str, str]:
    """Run `dangjian import` and return (stdout, stderr); CommandError propagates."""
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("import", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def failed_import(path: Path, *args: str) -> list[str]:
    """Run an import that must fail; return its error lines."""
    from io import StringIO

    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command("import", str(path), *args, stdout=out, stderr=err)
    return [line for line in err.getvalue().splitlines() if line.strip()]


ID_ZHANG = idcard.make("33010119850601001")
ID_LI = idcard.make("33010119900315002")
ID_APPLICANT = idcard.make("33010119980203003")
ID_LATE = idcard.make("33010119970101004")

ORGS = [
    ["组织编码", "组织名称", "组织类型", "上级组织编码", "成立日期", "本届选举日期", "届期年数"],
    # A child before its parent: the importer orders them.
    ["NK", "内科党支部", "党支部", "HOSP", "2010/3/1", "2023年5月4日", None],
    ["HOSP", "市第一人民医院党委", "党委", None, dt.date(1998, 7, 1), "2021-06-30", 5],
    ["NK1", "内科第一党小组", "党小组", "NK", None, None, None],
    ["WK", "外科党支部", "党支部", "HOSP", None, "2022-01-10", 3],
]
MEMBERS = [
    [
        "党员编号",
        "姓名",
        "所在组织编码",
        "人员类别",
        "性别",
        "出生日期",
        "身份证号",
        "入党日期",
        "转正日期",
        "科室",
        "行政职务",
        "职称",
        "党内职务",
        "手机号",
        "在职状态",
        "双带头人",
    ],
    [
        "M001",
        "张伟",
        "NK",
        "正式党员",
        "男",
        "1985-06-01",
        ID_ZHANG,
        "2008-07-01",
        "2009-07-01",
        "心内科",
        "科主任",
        "主任医师",
        "书记",
        13800138000,
        "在职",
        "是",
    ],
    [
        "M002",
        "李娜",
        "NK1",
        "预备党员",
        "女",
        "1990/3/15",
        ID_LI,
        "2024-12-01",
        None,
        "肾内科",
        None,
        "主治医师",
        None,
        "13900139000",
        None,
        None,
    ],
    [
        "M003",
        "王芳",
        "WK",
        "正式党员",
        None,
        None,
        None,
        None,
        None,
        "普外科",
        None,
        None,
        "组织委员",
        None,
        "离退休",
        "否",
    ],
]
EVENTS = [
    ["活动编号", "组织编码", "类型", "日期", "主题", "主持人", "讲课人", "地点", "时长(小时)"],
    [
        "E001",
        "NK",
        "主题党日",
        "2025-03-05",
        "学习贯彻二十届三中全会精神",
        "张伟",
        None,
        "三楼会议室",
        1.5,
    ],
    ["E002", "NK", "党课", "2025年4月10日", "+医德医风专题党课", "张伟", "张伟", None, 2],
    ["E003", "WK", "支部党员大会", dt.date(2025, 3, 20), None, None, None, None, None],
]
ATTENDANCE = [
    ["活动编号", "党员编号", "出勤"],
    ["E001", "M001", "出席"],
    ["E001", "M002", "请假"],
    ["E003", "M003", "缺席"],
]
DEVELOPMENT = [
    [
        "姓名",
        "身份证号",
        "所在组织编码",
        "入党申请日期",
        "谈话日期",
        "确定积极分子日期",
        "确定发展对象日期",
        "支部大会接收日期",
        "上级党委审批日期",
        "转正日期",
        "延长预备期至",
        "入党介绍人",
    ],
    [
        "赵敏",
        ID_APPLICANT,
        "NK",
        "2022-03-01",
        "2022-03-20",
        "2022-09-01",
        "2023-09-15",
        "2024-01-10",
        "2024-02-20",
        None,
        None,
        "张伟、李娜",
    ],
]
RECTIFICATION = [
    [
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
    ],
    [
        "ZG001",
        "NK",
        "三会一课记录不规范",
        "组织生活会",
        "2025-01-15",
        "-统一记录模板",
        "张伟",
        "2025-06-30",
        "2025-05-20",
        "已完成",
    ],
    [
        "ZG002",
        "WK",
        "@党员学习积分未更新",
        "巡察",
        None,
        None,
        None,
        "2025-12-31",
        None,
        "正在推进",
    ],
]
DECISIONS = [
    ["事项编号", "会议日期", "事项类别", "议题", "应到人数", "实到人数", "表决结果"],
    ["SZ001", "2025-04-10", "重大项目安排", "新建住院大楼", 9, 8, "通过"],
]
SERVICES = [
    ["活动编号", "组织编码", "类型", "日期", "内容", "参与人数", "服务人次"],
    ["FW001", "NK", "义诊", "2025-05-12", "社区高血压义诊", 12, 230],
    ["FW002", "WK", "健康讲座", "2025-06-01", None, None, None],
]


def sample_sheets() -> dict[str, list[list]]:
    return {
        "党组织": [list(r) for r in ORGS],
        "党员": [list(r) for r in MEMBERS],
        "组织生活": [list(r) for r in EVENTS],
        "参会记录": [list(r) for r in ATTENDANCE],
        "发展党员": [list(r) for r in DEVELOPMENT],
        "整改台账": [list(r) for r in RECTIFICATION],
        "三重一大": [list(r) for r in DECISIONS],
        "服务活动": [list(r) for r in SERVICES],
    }


@pytest.fixture
def sample_workbook(tmp_path: Path) -> Path:
    return write_workbook(tmp_path / "台账.xlsx", sample_sheets())
