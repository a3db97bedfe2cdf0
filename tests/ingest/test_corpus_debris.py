"""The advert tail of 001 and the paywall markers of 002 are removed and reported."""

from dangjian.ingest import ingest_file


def test_advert_tail_of_001_is_removed_and_reported(corpus_text):
    result = ingest_file(corpus_text("001.txt"))
    assert [r.kind for r in result.removed] == ["advert"]
    removal = result.removed[0]
    assert removal.text.startswith("预览阅读已结束")
    assert removal.text.endswith("联系老师")
    assert result.original_text[removal.start :].startswith("预览阅读已结束")
    assert "联系老师" not in result.cleaned_text and "mooonya" not in result.cleaned_text
    # Nothing else altered: the cleaned text is the original with the tail cut.
    assert result.cleaned_text == result.original_text[: removal.start]
    assert result.cleaned_text.rstrip().endswith("以优异成绩迎接党的二十大胜利召开。")


def test_001_yields_no_slogan_or_congress_figures(corpus_text):
    result = ingest_file(corpus_text("001.txt"))
    # 001 states no counts at all; 两学一做, 十九大, 二十大, 一岗双责, 四个意识 are not figures.
    assert result.figures == []


def test_paywall_markers_of_002_are_removed_and_the_text_between_kept(corpus_text):
    result = ingest_file(corpus_text("002.txt"))
    assert [(r.kind, r.text) for r in result.removed] == [
        ("paywall_marker", "##paidbegin##"),
        ("paywall_marker", "##paidend##"),
    ]
    for removal in result.removed:
        original = result.original_text
        assert original[removal.start : removal.start + len(removal.text)] == removal.text
    assert "##paid" not in result.cleaned_text
    assert "（二）加强组织学习，强化理论武装" in result.cleaned_text
    expected = result.original_text.replace("##paidbegin##", "").replace("##paidend##", "")
    assert result.cleaned_text == expected


def test_002_blank_placeholders_are_warned_not_extracted(corpus_text):
    result = ingest_file(corpus_text("002.txt"))
    placeholders = [w for w in result.warnings if w.kind == "placeholder"]
    assert any(w.text == "XX余次" for w in placeholders)
    assert all(result.cleaned_text[w.start : w.end] == w.text for w in placeholders)
    texts = [f.text for f in result.figures]
    assert texts == ["6名", "700余份", "两个", "8本", "10余名", "100余人"]
    assert all(
        "X" not in f.clause[f.clause.find(f.text) - 1 : f.clause.find(f.text)]
        for f in result.figures
    )
