"""Plain-text reports in the encodings Chinese sites use."""

import pytest

from dangjian.ingest import ingest_file
from dangjian.ingest.decode import decode_bytes

REPORT = "医院党委全年开展主题党日活动12次，发展党员9名，党员参会率达98.5%。\n"
REPORT_HANT = "醫院黨委全年開展主題黨日活動12次，發展黨員9名，黨員參會率達98.5%。\n"


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("utf-8", REPORT),
        ("utf-8-sig", REPORT),
        ("gbk", REPORT),
        ("gb18030", REPORT),
        ("big5", REPORT_HANT),
        ("gb18030", REPORT_HANT),
        ("utf-16", REPORT),
    ],
)
def test_report_file_in_each_encoding(tmp_path, encoding, text):
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode(encoding))
    result = ingest_file(path)
    assert result.original_text == text
    assert result.cleaned_text == REPORT
    assert [(f.value, f.unit) for f in result.figures] == [(12, "次"), (9, "名"), (98.5, "%")]
    assert not [w for w in result.warnings if w.kind == "mojibake"]


def test_short_gbk_and_big5_snippets_are_told_apart():
    assert decode_bytes("党支部".encode("gbk")).text == "党支部"
    assert decode_bytes("黨支部".encode("big5")).text == "黨支部"
    assert decode_bytes("发展党员工作".encode("gbk")).encoding == "gb18030"
    assert decode_bytes("發展黨員工作".encode("big5")).encoding == "cp950"


def test_windows_line_endings_become_newlines(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes("第一行\r\n第二行".encode("gbk"))
    assert ingest_file(path).cleaned_text == "第一行\n第二行"


def test_undecodable_bytes_are_replaced_and_warned(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes("医院党委".encode("gbk") + b"\xff\xff\xff" + "开展活动12次".encode("gbk"))
    result = ingest_file(path)
    kinds = [w.kind for w in result.warnings]
    assert "mojibake" in kinds
    assert "开展活动12次" in result.cleaned_text
