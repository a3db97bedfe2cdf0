"""`dangjian report annual --format json` prints the documented shape."""

import io
import json

import pytest
from django.core.management import CommandError, call_command


def _run(*args) -> str:
    out = io.StringIO()
    call_command("report", "annual", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_json_shape(year2025):
    data = json.loads(
        _run("--year", "2025", "--org", "HOSP", "--format", "json", "--date", "2026-01-20")
    )
    assert set(data) == {"year", "org", "figures", "sections", "notes", "meta"}
    assert data["year"] == 2025
    assert data["org"] == {"code": "HOSP", "name": "县人民医院党委"}
    first = data["figures"][0]
    assert set(first) == {"key", "label", "value", "unit", "records"}
    by_key = {f["key"]: f for f in data["figures"]}
    assert by_key["meetings.主题党日"]["value"] == 2
    assert by_key["attendance.rate"]["value"] == 72.7
    assert sorted(by_key["decisions.without_quorum"]["records"]) == ["J2", "J3"]
    assert {"queries", "seconds"} <= set(data["meta"])
    assert data["meta"]["queries"] > 0
    assert data["meta"]["issued_on"] == "2026-01-20"
    titles = [s["heading"] for s in data["sections"]]
    assert titles[:2] == ["导语", "一、主要工作及成效"]
    assert "二、存在问题" in titles and "三、下一步工作打算" in titles


def test_default_org_is_the_single_root(year2025):
    data = json.loads(_run("--year", "2025"))
    assert data["org"]["code"] == "HOSP"


def test_markdown_to_stdout_and_docx_to_file(year2025, tmp_path):
    text = _run("--year", "2025", "--format", "md")
    assert text.startswith("# 县人民医院党委关于2025年度党建工作情况的报告")
    target = tmp_path / "r.docx"
    _run("--year", "2025", "--format", "docx", "-o", str(target))
    assert target.read_bytes()[:2] == b"PK"
    html = tmp_path / "r.html"
    _run("--year", "2025", "--format", "html", "-o", str(html))
    assert "<article" in html.read_text(encoding="utf-8")


def test_unknown_org_is_an_error(year2025):
    with pytest.raises(CommandError):
        _run("--year", "2025", "--org", "NOPE")
