"""Traditional script is converted to simplified, offsets kept, the original kept too."""

from dangjian.ingest import ingest_text

TRADITIONAL = "醫院黨委認真組織學習，全年開展主題黨日活動12次，發展黨員9名。"


def test_traditional_text_is_simplified_and_marked_hant():
    result = ingest_text(TRADITIONAL)
    assert result.script == "hant"
    assert result.cleaned_text == "医院党委认真组织学习，全年开展主题党日活动12次，发展党员9名。"
    assert result.original_text == TRADITIONAL
    assert result.removed == []  # conversion is not a removal


def test_figures_of_traditional_text_are_read_in_simplified():
    figures = ingest_text(TRADITIONAL).figures
    assert [(f.value, f.unit, f.label) for f in figures] == [
        (12, "次", "主题党日活动"),
        (9, "名", "发展党员"),
    ]


def test_traditional_measure_words_and_numerals():
    figures = ingest_text("幫扶兩個鄉鎮衛生院，舉辦講座二十場次。").figures
    assert [(f.value, f.unit) for f in figures] == [(2, "个"), (20, "场次")]


def test_simplified_text_with_a_few_traditional_characters_stays_hans():
    result = ingest_text("医院党委召开会议，学习习近平总书记重要讲话精神，會议")
    assert result.script == "hans"


def test_phrases_convert_as_phrases_and_offsets_hold():
    original = "頭髮與乾隆，開展活動3次"
    result = ingest_text(original)
    assert result.cleaned_text == "头发与乾隆，开展活动3次"
    assert len(result.cleaned_text) == len(original)
    figure = result.figures[0]
    assert result.cleaned_text[figure.start : figure.end] == "3次"
