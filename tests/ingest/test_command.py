"""`dangjian ingest FILE [--format json|text]` through Django's call_command."""

import io
import json

import pytest
from django.core.management import CommandError, call_command


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("ingest", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_json_output(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes("醫院黨委全年開展主題黨日活動12次。\n".encode("big5"))
    out, _ = run(str(path))
    data = json.loads(out)
    assert data["source"] == str(path)
    assert data["script"] == "hant"
    assert [(f["value"], f["unit"]) for f in data["figures"]] == [(12, "次")]
    assert "主题党日活动" in out  # not \u-escaped
    assert out.startswith("{\n  ")  # indent 2


def test_text_output_is_cleaned_and_simplified(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("衛(wèi)生院黨委召开会议。##paidend##\n", encoding="utf-8")
    out, _ = run(str(path), "--format", "text")
    assert out == "卫生院党委召开会议。\n"


def test_warnings_go_to_stderr_in_chinese(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("开展活动XX次。", encoding="utf-8")
    out, err = run(str(path), "--format", "text")
    assert "模板占位符" in err
    assert out == "开展活动XX次。\n"


def test_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="找不到文件"):
        run(str(tmp_path / "nope.txt"))


def test_corpus_sample_through_the_command(corpus_text):
    out, _ = run(str(corpus_text("001.txt")))
    data = json.loads(out)
    assert [r["kind"] for r in data["removed"]] == ["advert"]


def test_text_output_lists_unread_numbers_at_the_end(tmp_path):
    # Issue 19: what the extractor did not read is shown, with its sentence, after the text.
    path = tmp_path / "report.txt"
    path.write_text("全院共有党员 55 名，相关材料见附件3。\n", encoding="utf-8")
    out, err = run(str(path), "--format", "text")
    text, _, tail = out.partition("\n\n未读取的数字（1），请核对：\n")
    assert text == "全院共有党员 55 名，相关材料见附件3。"
    assert tail == "- 3：全院共有党员 55 名，相关材料见附件3\n"
    assert "未读取" not in err  # listed once, on stdout
    data = json.loads(run(str(path))[0])
    assert [(w["kind"], w["text"], w["sentence"]) for w in data["warnings"]] == [
        ("unread", "3", "全院共有党员 55 名，相关材料见附件3")
    ]
