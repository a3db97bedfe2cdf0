"""Word documents: paragraphs and tables, in document order."""

import docx

from dangjian.ingest import ingest_file


def test_docx_paragraphs_and_tables(tmp_path):
    document = docx.Document()
    document.add_heading("2023年党建工作总结", level=1)
    document.add_paragraph("全年开展主题党日活动12次，发展党员9名。")
    table = document.add_table(rows=3, cols=2)
    for row, (name, value) in zip(
        table.rows, [("项目", "数量"), ("党员总数", "312名"), ("支部党员大会", "48次")], strict=True
    ):
        row.cells[0].text = name
        row.cells[1].text = value
    document.add_paragraph("编辑：张三")
    path = tmp_path / "总结.docx"
    document.save(str(path))

    result = ingest_file(path)
    assert result.encoding == "docx"
    assert result.cleaned_text.splitlines()[:2] == [
        "2023年党建工作总结",
        "全年开展主题党日活动12次，发展党员9名。",
    ]
    assert "党员总数\t312名" in result.cleaned_text
    assert [(f.value, f.unit, f.label) for f in result.figures] == [
        (12, "次", "主题党日活动"),
        (9, "名", "发展党员"),
        (312, "名", "党员总数"),
        (48, "次", "支部党员大会"),
    ]
    assert [r.kind for r in result.removed] == ["credit"]
