"""The Word report renders to PDF with LibreOffice: A4 pages, page numbers “— N —”, CJK fonts."""

import re
import shutil
import subprocess

import pytest

from dangjian.reports.figures import compute_figures
from dangjian.reports.narrative import build_report
from dangjian.reports.pdf import docx_to_pdf, libreoffice
from dangjian.reports.render import to_docx

pytestmark = pytest.mark.skipif(
    libreoffice() is None or shutil.which("pdftotext") is None,
    reason="LibreOffice or poppler-utils not installed",
)


def test_pdf_pages(year2025, tmp_path):
    source = tmp_path / "report.docx"
    source.write_bytes(
        to_docx(build_report(compute_figures(2025, year2025.h.committee, previous=True)))
    )
    pdf = docx_to_pdf(source, tmp_path)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info)
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 3
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "县人民医院党委关于2025年度党建工作情况" in text.replace(" ", "")
    compact = re.sub(r"[ \t]+", "", text)
    for n in (1, 2, pages):
        assert f"—{n}—" in compact
    fonts = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    # The 公文 fonts fell back to a Chinese font installed here (Noto CJK, WenQuanYi …), not to boxes.
    installed = subprocess.run(
        ["fc-list", ":lang=zh", "family"], capture_output=True, text=True
    ).stdout
    families = {
        name.strip().replace(" ", "") for line in installed.splitlines() for name in line.split(",")
    }
    embedded = re.sub(r"[ \t]+", "", fonts)
    assert any(family and family in embedded for family in families), (fonts, families)
