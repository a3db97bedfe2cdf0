"""Clause, sentence and label around a figure."""

import pytest

from dangjian.ingest import ingest_text


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("全年开展主题党日活动12次。", "主题党日活动"),
        ("今年以来发展党员9名。", "发展党员"),
        ("目前共有党员312名。", "党员"),
        ("全年参会率达98.5%。", "参会率"),
        ("举办4期医共体护理管理培训班。", "医共体护理管理培训班"),
        ("10个党支部于12月底完成换届选举。", "党支部"),
        ("党员总数：312名。", "党员总数"),
        ("组织召开党风廉政会议6次。", "党风廉政会议"),
    ],
)
def test_label(text, label):
    assert ingest_text(text).figures[0].label == label


def test_clause_and_sentence():
    text = "一是强化学习。2023年，班子会“第一议题”学习25次、理论学习中心组学习23次；成效明显。"
    first, second = ingest_text(text).figures
    assert first.clause == "班子会“第一议题”学习25次"
    assert second.clause == "理论学习中心组学习23次"
    sentence = "2023年，班子会“第一议题”学习25次、理论学习中心组学习23次；成效明显。"
    assert first.sentence == sentence.rstrip("。")
    assert second.sentence == first.sentence


def test_thousands_comma_does_not_split_a_clause():
    figure = ingest_text("服务群众1,200人次，反响良好。").figures[0]
    assert figure.clause == "服务群众1,200人次"
