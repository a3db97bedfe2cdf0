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
    assert "第一行</w:t><w:br/><w:t xml:space=\"preserve\">第二行" in xml
