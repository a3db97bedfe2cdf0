"""Each kind of error rejects the whole workbook: one line per error, the database unchanged."""

import pytest

from tests.workbook.conftest import (
    ID_ZHANG,
    failed_import,
    sample_sheets,
    table_counts,
    write_workbook,
)


def broken(change) -> dict:
    sheets = sample_sheets()
    change(sheets)
    return sheets


CASES = {
    "unknown organisation code": (
        lambda s: s["党员"][1].__setitem__(2, "NOPE"),
        ["党员!2 所在组织编码: 组织编码“NOPE”不存在（工作簿和数据库中都没有）"],
    ),
    "unknown parent organisation": (
        lambda s: s["党组织"][4].__setitem__(3, "NOPE"),
        ["党组织!5 上级组织编码: 组织编码“NOPE”不存在（工作簿和数据库中都没有）"],
    ),
    "bad identity number": (
        lambda s: s["党员"][1].__setitem__(
            6, ID_ZHANG[:-1] + ("0" if ID_ZHANG[-1] != "0" else "1")
        ),
        ["党员!2 身份证号: "],
    ),
    "bad dates": (
        lambda s: (
            s["组织生活"][1].__setitem__(3, "2025-02-30"),
            s["整改台账"][1].__setitem__(7, "下月底"),
        ),
        ["组织生活!2 日期: “2025-02-30”不是有效日期", "整改台账!2 整改时限: “下月底”不是日期"],
    ),
    "unknown meeting type": (
        lambda s: s["组织生活"][2].__setitem__(2, "读书会"),
        ["组织生活!3 类型: “读书会”不是有效的类型（可选："],
    ),
    "duplicated code within a sheet": (
        lambda s: s["党员"].append(["M001", "张伟", "NK", "正式党员"]),
        ["党员!5 党员编号: 党员编号“M001”与第2行重复"],
    ),
    "duplicated attendance": (
        lambda s: s["参会记录"].append(["E001", "M001", "缺席"]),
        ["参会记录!5 党员编号: 活动编号+党员编号“E001+M001”与第2行重复"],
    ),
    "missing required column": (
        lambda s: [row.pop(3) for row in s["服务活动"]],  # 日期
        ["服务活动!1 日期: 缺少必填列"],
    ),
    "text where a number belongs": (
        lambda s: s["服务活动"][1].__setitem__(6, "约两百"),
        ["服务活动!2 服务人次: “约两百”不是整数，应填写数字"],
    ),
    "empty required cell": (
        lambda s: s["党员"][2].__setitem__(1, None),
        ["党员!3 姓名: 必填，不能为空"],
    ),
    "unknown member in attendance": (
        lambda s: s["参会记录"][3].__setitem__(1, "M999"),
        ["参会记录!4 党员编号: 党员编号“M999”不存在（工作簿和数据库中都没有）"],
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_error_rejects_the_whole_workbook(hospital, tmp_path, name):
    change, expected = CASES[name]
    path = write_workbook(tmp_path / "bad.xlsx", broken(change))
    before = table_counts()

    lines = failed_import(path)

    assert len(lines) == len(expected), lines
    for line, start in zip(lines, expected, strict=False):
        assert line.startswith(start), (line, start)
    assert table_counts() == before


def test_every_error_is_listed(db, tmp_path):
    sheets = sample_sheets()
    sheets["党员"][1][2] = "NOPE"
    sheets["党员"][2][6] = "123"
    sheets["组织生活"][1][2] = "读书会"
    sheets["服务活动"][1][5] = "十二"
    lines = failed_import(write_workbook(tmp_path / "bad.xlsx", sheets))

    assert lines == [
        "党员!2 所在组织编码: 组织编码“NOPE”不存在（工作簿和数据库中都没有）",
        "党员!3 身份证号: “123”：身份证号应为18位",
        lines[2],
        "服务活动!2 参与人数: “十二”不是整数，应填写数字",
    ]
    assert lines[2].startswith("组织生活!2 类型: “读书会”不是有效的类型")
    assert table_counts()["organizations.Organization"] == 0


def test_dry_run_reports_errors_too(db, tmp_path):
    sheets = sample_sheets()
    sheets["党员"][1][2] = "NOPE"
    lines = failed_import(write_workbook(tmp_path / "bad.xlsx", sheets), "--dry-run")
    assert lines == ["党员!2 所在组织编码: 组织编码“NOPE”不存在（工作簿和数据库中都没有）"]


def test_organisation_cycle_is_an_error(db, tmp_path):
    path = write_workbook(
        tmp_path / "cycle.xlsx",
        {
            "党组织": [
                ["组织编码", "组织名称", "组织类型", "上级组织编码"],
                ["X", "甲支部", "党支部", "Y"],
                ["Y", "乙支部", "党支部", "X"],
            ]
        },
    )
    lines = failed_import(path)
    assert lines and all("成环" in line for line in lines)
    assert table_counts()["organizations.Organization"] == 0


@pytest.mark.parametrize(
    "content, name",
    [
        (b"not a workbook at all", "ledger.xlsx"),
        (b"PK\x03\x04 broken zip", "ledger.xlsx"),
        (b"\xd0\xcf\x11\xe0 old excel", "ledger.xls"),
        (b"a,b,c\n", "ledger.csv"),
    ],
)
def test_a_file_that_is_not_xlsx_gives_a_chinese_error(db, tmp_path, content, name):
    path = tmp_path / name
    path.write_bytes(content)
    lines = failed_import(path)
    assert len(lines) == 1
    assert "不是有效的 Excel 工作簿（.xlsx）" in lines[0]
    assert "Traceback" not in lines[0]


def test_a_missing_file_gives_a_chinese_error(db, tmp_path):
    lines = failed_import(tmp_path / "nowhere.xlsx")
    assert lines and "找不到文件" in lines[0]
