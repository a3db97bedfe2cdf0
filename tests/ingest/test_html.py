"""HTML pages: text only, script and style dropped, entities decoded."""

from dangjian.ingest import ingest_file

PAGE = """<!DOCTYPE html>
<html><head><meta charset="gbk"><title>医院党委2023年工作报告</title>
<style>.x { content: "开展活动99次"; }</style>
<script>var n = "发展党员88名";</script></head>
<body>
<div class="article">
<p>全年开展主题党日活动12次，&nbsp;发展党员9名。</p>
<p>党员参会率达98.5&#37;。</p>
<table><tr><td>党支部数</td><td>10个</td></tr></table>
<p>（责编：李四）</p>
<p>免责声明：本网转载内容仅供参考，如有侵权请联系删除。</p>
</div>
<noscript>请开启JavaScript 3次</noscript>
</body></html>
"""


def test_html_text_and_figures(tmp_path):
    path = tmp_path / "report.html"
    path.write_bytes(PAGE.encode("gbk"))
    result = ingest_file(path)
    assert "var n" not in result.cleaned_text and "content:" not in result.cleaned_text
    assert result.cleaned_text.startswith("医院党委2023年工作报告\n")
    assert [(f.value, f.unit) for f in result.figures] == [
        (12, "次"),
        (9, "名"),
        (98.5, "%"),
        (10, "个"),
    ]
    assert {r.kind for r in result.removed} == {"credit", "disclaimer"}
    assert "免责声明" not in result.cleaned_text
    assert "责编" not in result.cleaned_text


def test_html_without_declared_charset(tmp_path):
    path = tmp_path / "report.htm"
    path.write_bytes("<p>發展黨員9名</p>".encode("big5"))
    result = ingest_file(path)
    assert result.cleaned_text == "发展党员9名"
    assert result.script == "hant"
