"""Every figure in the sample 000.txt, checked against a hand-annotated golden file."""

import json

from dangjian.ingest import ingest_file

from .conftest import GOLDEN


def _golden() -> dict:
    return json.loads((GOLDEN / "000.json").read_text(encoding="utf-8"))


def test_every_figure_of_000_is_extracted_with_value_unit_and_clause(corpus_text):
    result = ingest_file(corpus_text("000.txt"))
    expected = _golden()["figures"]
    got = [
        {
            "value": f.value,
            "unit": f.unit,
            "qualifier": f.qualifier,
            "text": f.text,
            "clause": f.clause,
        }
        for f in result.figures
    ]
    assert got == [{k: v for k, v in e.items() if k != "label_has"} for e in expected]


def test_labels_of_000_name_what_is_counted(corpus_text):
    result = ingest_file(corpus_text("000.txt"))
    for figure, expected in zip(result.figures, _golden()["figures"], strict=True):
        assert expected["label_has"] in figure.label, (figure.text, figure.label)


def test_offsets_of_000_point_at_the_figure_text(corpus_text):
    result = ingest_file(corpus_text("000.txt"))
    for figure in result.figures:
        assert result.cleaned_text[figure.start : figure.end] == figure.text
        assert figure.clause in figure.sentence
        assert figure.text in figure.clause


def test_no_slogan_year_or_ordinal_of_000_is_a_figure(corpus_text):
    result = ingest_file(corpus_text("000.txt"))
    text = result.cleaned_text
    for phrase in _golden()["not_figures"]:
        pos = text.find(phrase)
        assert pos >= 0, f"{phrase} is not in the sample: fix the golden file"
        while pos >= 0:
            end = pos + len(phrase)
            clash = [f.text for f in result.figures if f.start < end and pos < f.end]
            assert not clash, (phrase, clash)
            pos = text.find(phrase, end)


def test_000_needs_no_cleaning(corpus_text):
    result = ingest_file(corpus_text("000.txt"))
    assert result.removed == []
    assert result.warnings == []
    assert result.script == "hans"
    assert result.cleaned_text == result.original_text
