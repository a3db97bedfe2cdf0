"""Years, dates, ordinals, slogans, ranks and names with digits are not figures."""

import pytest

from dangjian.ingest import ingest_text


@pytest.mark.parametrize(
    "text",
    [
        # years and dates
        "2023年，医院党委认真履职。",
        "于12月底完成换届。",
        "5月4日组织青年党员活动。",
        "二〇二三年工作总结。",
        "3个月内完成整改。",
        # ordinals, congresses and plenums
        "深入学习党的二十大精神。",
        "学习党的十九届五中、六中全会精神。",
        "认真落实第一议题制度。",
        "第二个五年规划开局。",
        "第三季度召开推进会。",
        "荣获全市技能竞赛前三名。",
        # slogans and formula names
        "增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
        "坚定拥护两个确立，坚决做到两个维护。",
        "落实三会一课制度。",
        "班子成员履行一岗双责。",
        "凡属三重一大事项均提交党委会。",
        "推进两学一做学习教育常态化。",
        "严格落实中央八项规定精神，反对四风。",
        "深入学习廉洁从业九项准则。",
        "开展以“七个一”为主要内容的系列活动。",
        "打造一支部一特色品牌。",
        "坚持三不原则。",
        # ranks and levels
        "成功创建三级医院。",
        "通过二甲复审。",
        "入选中国医院五百强。",
        # names containing digits
        "与北京301医院建立合作。",
        "推行6S管理。",
        "完善120急救网络。",
        # articles and words built on 一/二
        "打造一支忠诚干净担当的队伍。",
        "一项一项转化为具体举措。",
        "推动二次创业。",
        "加快二期工程建设。",
        "这一次性用品。",
        "建党100周年。",
        "千家万户受益。",
        "此事十分重要。",
        "《关于开展2023年度20项重点工作的通知》",
    ],
)
def test_not_a_figure(text):
    assert [f.text for f in ingest_text(text).figures] == []


def test_figures_next_to_slogans_are_still_found():
    result = ingest_text("落实“三会一课”制度，全年召开支部党员大会48次。")
    assert [(f.value, f.unit) for f in result.figures] == [(48, "次")]
