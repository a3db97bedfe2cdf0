"""The 党建业务指标 sheet takes indicator names from the 指标名称 list only (as the page and the
API do); an unknown name is refused with the row and column, and nothing is written."""

from decimal import Decimal

from dangjian.indicators.models import Indicator, IndicatorValue
from dangjian.workbook.importer import import_workbook
from tests.factories import IndicatorValueFactory
from tests.workbook.conftest import write_workbook

HEADER = ["指标编号", "组织编码", "指标", "年度", "期间", "数值", "单位"]


def values(tmp_path, *rows, name="values.xlsx"):
    return write_workbook(tmp_path / name, {"党建业务指标": [HEADER, *[list(row) for row in rows]]})


def test_an_unknown_indicator_is_refused_and_nothing_is_written(hospital, tmp_path):
    path = values(
        tmp_path,
        ["I1", "A", "患者满意度", 2025, "全年", 98.5, "%"],
        ["I2", "A", "病人满意度", 2025, "全年", 97, "%"],
    )
    result = import_workbook(path)
    assert not result.ok
    assert len(result.errors) == 1
    line = result.error_lines()[0]
    assert line.startswith(
        "党建业务指标!3 指标: “病人满意度”不在指标名称列表中（可选：患者满意度、投诉、"
    )
    assert "党委管理员" in line
    assert not IndicatorValue.objects.exists()


def test_names_on_the_list_import_even_when_no_longer_offered(hospital, tmp_path):
    Indicator.objects.create(name="门诊量", unit="人次", active=False)
    path = values(tmp_path, ["I1", "A", "门诊量", 2025, "第一季度", 12000, "人次"])
    result = import_workbook(path)
    assert result.ok, result.error_lines()
    assert IndicatorValue.objects.get(code="I1").value == Decimal("12000.00")


def test_a_stored_value_keeps_a_name_since_removed_but_cannot_take_a_new_unknown_one(
    hospital, tmp_path
):
    IndicatorValueFactory(
        code="I1",
        organization=hospital.branch_a,
        indicator="旧指标",
        year=2025,
        period="Y",
        value=Decimal("3"),
        unit="项",
    )
    same = values(tmp_path, ["I1", "A", "旧指标", 2025, "全年", 3, "项"])
    result = import_workbook(same)
    assert result.ok, result.error_lines()
    assert result.summary["党建业务指标"].unchanged == 1
    renamed = values(
        tmp_path, ["I1", "A", "另一个旧指标", 2025, "全年", 3, "项"], name="renamed.xlsx"
    )
    assert (
        import_workbook(renamed)
        .error_lines()[0]
        .startswith("党建业务指标!2 指标: “另一个旧指标”不在指标名称列表中")
    )
    assert IndicatorValue.objects.get(code="I1").indicator == "旧指标"


def test_percent_over_100_and_duplicate_periods_are_refused_as_on_the_page(hospital, tmp_path):
    IndicatorValueFactory(
        code="OLD",
        organization=hospital.branch_a,
        indicator="患者满意度",
        year=2025,
        period="Q1",
        value=Decimal("96"),
        unit="%",
    )
    path = values(
        tmp_path,
        ["I1", "A", "患者满意度", 2025, "全年", 101, "%"],  # a percentage above 100
        ["I2", "A", "患者满意度", 2025, "第一季度", 97, "%"],  # Q1 is already stored as OLD
        ["I3", "B", "患者满意度", 2025, "全年", 95, None],  # unit from the list: fine
        ["I4", "B", "患者满意度", 2025, "全年", 94, None],  # the same key as the row above
    )
    result = import_workbook(path)
    assert not result.ok
    lines = result.error_lines()
    assert any(
        line.startswith("党建业务指标!2 数值: “患者满意度”的单位是%，数值不能超过100")
        for line in lines
    ), lines
    assert any(line.startswith("党建业务指标!3 期间: ") and "（OLD）" in line for line in lines), (
        lines
    )
    assert any(line.startswith("党建业务指标!5 期间: 与第4行重复") for line in lines), lines
    assert len(lines) == 3
    assert list(IndicatorValue.objects.values_list("code", flat=True)) == ["OLD"]
    # Re-importing the stored row itself under its own code is an update, not a clash.
    again = import_workbook(
        values(tmp_path, ["OLD", "A", "患者满意度", 2025, "第一季度", 97, "%"], name="again.xlsx")
    )
    assert again.ok, again.error_lines()
    assert IndicatorValue.objects.get(code="OLD").value == Decimal("97.00")
