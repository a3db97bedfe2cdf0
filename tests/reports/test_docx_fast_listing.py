"""The Word renderer skips docxtpl's tab/line-break rewrite only when it would change nothing."""

import io
import zipfile
from unittest import mock

from docxtpl import DocxTemplate

from dangjian.reports import render
from dangjian.reports.figures import compute_figures
from dangjian.reports.narrative import build_report


def _document_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def test_same_document_as_docxtpl_renders(year2025):
    report = build_report(compute_figures(2025, year2025.h.committee, previous=True))
    fast = _document_xml(render.to_docx(report))
    with mock.patch.object(render, "_docx_template", DocxTemplate):
        plain = _document_xml(render.to_docx(report))
    assert fast == plain
    assert "参会率" in fast


def test_a_line_break_in_text_still_becomes_a_word_break(year2025):
    report = build_report(compute_figures(2025, year2025.h.committee, previous=True))
    report.closing = ["第一行\n第二行"]
    xml = _document_xml(render.to_docx(report))
    assert '第一行</w:t><w:br/><w:t xml:space="preserve">第二行' in xml


def test_a_template_with_a_cell_tag_still_gets_its_table_grid_repaired(tmp_path):
    """docxtpl's ``{%tc %}`` adds cells in a loop; its grid repair must still run then."""
    from docx import Document

    from dangjian.reports.render import _docx_template

    document = Document()
    table = document.add_table(rows=1, cols=3)
    for i, text in enumerate(["{%tc for x in items %}", "{{ x }}", "{%tc endfor %}"]):
        table.cell(0, i).text = text
    path = tmp_path / "cells.docx"
    document.save(path)

    def grid_columns(template_class) -> int:
        template = template_class(str(path))
        template.render({"items": ["甲", "乙", "丙", "丁", "戊"]})
        out = tmp_path / "out.docx"
        template.save(out)
        xml = _document_xml(out.read_bytes())
        return xml.count("<w:gridCol ")

    assert grid_columns(_docx_template) == grid_columns(DocxTemplate) == 5


def test_the_compiled_word_template_is_reused_and_renders_each_report_anew(year2025):
    from jinja2 import Environment

    first = build_report(compute_figures(2025, year2025.h.committee, previous=True))
    render.to_docx(first)  # compiles the template's parts
    compiled = Environment.compile
    calls = []
    with mock.patch.object(
        Environment, "compile", lambda self, *a, **k: calls.append(1) or compiled(self, *a, **k)
    ):
        first_xml = _document_xml(render.to_docx(first))
        second = build_report(compute_figures(2025, year2025.h.branch_a, previous=True))
        second_xml = _document_xml(render.to_docx(second))
    assert calls == []  # nothing compiled again
    title = f"{year2025.h.committee.name}关于"
    assert title in first_xml and title not in second_xml
    assert year2025.h.branch_a.name in second_xml
