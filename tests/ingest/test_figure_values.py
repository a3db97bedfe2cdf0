"""Values, units and qualifiers: 万/亿 applied, Chinese numerals read, ints kept as ints."""

import pytest

from dangjian.ingest import ingest_text


def only_figure(text):
    figures = ingest_text(text).figures
    assert len(figures) == 1, [f.text for f in figures]
    return figures[0]


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("全年出动救护车4.3万辆。", 43000, "辆", None),
        ("投入党建经费7.8万元。", 78000, "元", None),
        ("累计服务群众1000多万人次。", 10_000_000, "人次", "多"),
        ("对口帮扶六所乡镇卫生院。", 6, "所", None),
        ("与三家医院结对共建。", 3, "家", None),
        ("新建两所分院。", 2, "所", None),
        ("召开党委会二十三次。", 23, "次", None),
        ("开展主题党日活动12次。", 12, "次", None),
        ("开展主题党日活动１２次。", 12, "次", None),
        ("发放资料近500份。", 500, "份", "近"),
        ("服务群众约3000人次。", 3000, "人次", "约"),
        ("参与党员超过200名。", 200, "名", "超过"),
        ("培训时长达40小时以上。", 40, "小时", "以上"),
        ("开展义诊十余次。", 10, "次", "余"),
        ("惠及群众百余人。", 100, "人", "余"),
        ("参会率达98.5%。", 98.5, "%", None),
        ("参会率达98.5％。", 98.5, "%", None),
        ("党员覆盖率达到百分之百。", 100, "%", None),
        ("筹集善款10万余元。", 100000, "元", "余"),
        ("全院共有党员1,200名。", 1200, "名", None),
        ("慰问困难职工两户。", 2, "户", None),
        ("撰写心得体会300篇。", 300, "篇", None),
    ],
)
def test_value_unit_qualifier(text, value, unit, qualifier):
    figure = only_figure(text)
    assert (figure.value, figure.unit, figure.qualifier) == (value, unit, qualifier)
    assert type(figure.value) is type(value)


def test_figure_text_and_offsets_cover_the_qualifier():
    result = ingest_text("其中邀请省级专家近50名。")
    figure = result.figures[0]
    assert figure.text == "近50名"
    assert result.cleaned_text[figure.start : figure.end] == "近50名"


def test_words_that_merely_contain_qualifier_characters_are_not_qualifiers():
    figure = only_figure("网上预约3000人次。")
    assert figure.qualifier is None
    assert figure.text == "3000人次"
