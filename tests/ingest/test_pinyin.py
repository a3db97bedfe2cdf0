"""Pinyin annotations inserted after characters are removed, each reported with its offset."""

import pytest

from dangjian.ingest import ingest_text


def test_tone_marked_pinyin_in_ascii_parentheses():
    result = ingest_text("縣衛(wèi)生健康局召开会议。")
    assert result.cleaned_text == "县卫生健康局召开会议。"
    assert [(r.kind, r.text, r.start) for r in result.removed] == [("pinyin", "(wèi)", 2)]


def test_plain_and_full_width_pinyin_and_several_annotations():
    text = "医院党委（dǎng wěi）组织党员(dang yuan)学习，开展贯彻(guan che)活动12次。"
    result = ingest_text(text)
    assert result.cleaned_text == "医院党委组织党员学习，开展贯彻活动12次。"
    assert [r.text for r in result.removed] == ["（dǎng wěi）", "(dang yuan)", "(guan che)"]
    for removal in result.removed:
        assert text[removal.start : removal.start + len(removal.text)] == removal.text
    assert [(f.value, f.unit) for f in result.figures] == [(12, "次")]


def test_full_width_letters():
    result = ingest_text("卫（ｗｅｉ）生院")
    assert result.cleaned_text == "卫生院"


@pytest.mark.parametrize(
    "text",
    [
        "重症监护室(ICU)床位20张。",  # an abbreviation, not a reading
        "胸痛中心（基层版）通过认证。",
        "详见附件(pdf)。",
        "事项(a)已办结。",  # a list marker
        "(wei)开头的行",  # not after a Han character
    ],
)
def test_other_parentheses_are_kept(text):
    result = ingest_text(text)
    assert result.cleaned_text == text
    assert result.removed == []
