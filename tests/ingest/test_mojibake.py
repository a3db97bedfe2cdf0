"""Mojibake is flagged with its offsets, never deleted, and yields no figures."""

import pytest

from dangjian.ingest import ingest_text
from dangjian.ingest.mojibake import find_mojibake

GOOD = "医院党委召开专题会议"


def garbled(text: str, wrong: str) -> str:
    return text.encode("utf-8").decode(wrong, errors="replace")


@pytest.mark.parametrize(
    ("bad", "cause"),
    [
        (garbled(GOOD, "gbk"), "gbk"),  # 鍖婚櫌鍏氬…
        (garbled(GOOD, "cp1252"), "latin1"),  # åŒ»é™¢…
        (garbled(GOOD, "latin-1"), "latin1"),
        ("????????", "replacement"),
        ("\ufffd\ufffd", "replacement"),
        ("锟斤拷锟斤拷", "replacement"),
    ],
)
def test_mojibake_is_flagged_in_place(bad, cause):
    text = f"开展主题党日活动5次。{bad}。发展党员3名。"
    result = ingest_text(text)
    assert result.cleaned_text == text  # not deleted, not converted
    [warning] = [w for w in result.warnings if w.kind == "mojibake"]
    assert warning.start == len("开展主题党日活动5次。")
    assert result.cleaned_text[warning.start : warning.end] == warning.text
    assert bad.startswith(warning.text[:2])
    assert warning.message.startswith("疑似乱码")
    assert [f.text for f in result.figures] == ["5次", "3名"]
    assert [s.cause for s in find_mojibake(text)] == [cause]


def test_named_examples_from_the_brief():
    assert [s.cause for s in find_mojibake("本院åŒ»é™¢概况")] == ["latin1"]
    assert [(s.start, s.end, s.cause) for s in find_mojibake("本院鍖婚櫌概况")] == [(2, 5, "gbk")]


def test_no_figure_is_extracted_inside_or_beside_mojibake():
    # “12次” survives the wrong decode as ASCII, but the clause around it is garbage.
    bad = garbled("召开会议", "gbk")
    result = ingest_text(f"{bad}12次{bad}，开展活动3次")
    spans = [(w.start, w.end) for w in result.warnings if w.kind == "mojibake"]
    assert spans == [(0, len(bad)), (len(bad) + 3, 2 * len(bad) + 3)]
    assert [f.text for f in result.figures] == ["3次"]


def test_ascii_between_latin1_pieces_is_not_swallowed():
    result = ingest_text("åŒ»é™¢12次åŒ»é™¢")
    assert [(w.start, w.end) for w in result.warnings] == [(0, 6), (9, 15)]


@pytest.mark.parametrize(
    "text",
    [
        "医院党委坚持以习近平新时代中国特色社会主义思想为指导，扛起管党治党重大政治责任。",
        "增强“四个意识”——坚定“四个自信”…",
        "Müller 教授来院交流",
        "什么？为什么？",
    ],
)
def test_ordinary_text_is_not_mojibake(text):
    assert find_mojibake(text) == []


def test_corpus_has_no_mojibake(corpus_text):
    for name in ("000.txt", "001.txt", "002.txt"):
        assert find_mojibake(corpus_text(name).read_text(encoding="utf-8")) == []
