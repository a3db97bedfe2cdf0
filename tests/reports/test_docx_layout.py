"""The Word report is a 公文: fonts, margins and the page-number footer, read from the .docx XML."""

import io
import re
import zipfile

import pytest

from dangjian.reports.figures import compute_figures
from dangjian.reports.narrative import build_report
from dangjian.reports.render import to_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TWIPS_PER_MM = 1440 / 25.4


@pytest.fixture
def docx_parts(year2025):
    data = to_docx(build_report(compute_figures(2025, year2025.h.committee, previous=True)))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.endswith(".xml")
        }


def _style(styles_xml: str, style_id: str) -> str:
    match = re.search(rf'<w:style [^>]*w:styleId="{style_id}".*?</w:style>', styles_xml, re.S)
    assert match, style_id
    return match.group(0)


def test_a4_and_gbt9704_margins(docx_parts):
    doc = docx_parts["word/document.xml"]
    size = re.search(r"<w:pgSz ([^>]*)/>", doc).group(1)
    assert 'w:w="11906"' in size and 'w:h="16838"' in size  # 210 × 297 mm
    margins = dict(
        re.findall(
            r'w:(top|bottom|left|right)="(\d+)"', re.search(r"<w:pgMar [^>]*/>", doc).group(0)
        )
    )
    for side, mm in {"top": 37, "bottom": 35, "left": 28, "right": 26}.items():
        assert abs(int(margins[side]) / TWIPS_PER_MM - mm) < 0.1, side


def test_east_asian_fonts_and_sizes(docx_parts):
    styles = docx_parts["word/styles.xml"]
    for style_id, font, half_points in [
        ("GWTitle", "方正小标宋简体", 44),  # 二号 22 pt
        ("GWBody", "仿宋_GB2312", 32),  # 三号 16 pt
        ("GWHeading1", "黑体", 32),
        ("GWHeading2", "楷体_GB2312", 32),
    ]:
        xml = _style(styles, style_id)
        assert f'w:eastAsia="{font}"' in xml, style_id
        assert f'<w:sz w:val="{half_points}"/>' in xml, style_id
    # The body default names the 公文 font for East Asian text as well.
    assert 'w:eastAsia="仿宋_GB2312"' in re.search(
        r"<w:docDefaults>.*?</w:docDefaults>", styles, re.S
    ).group(0)
    # Fallbacks in the font table for computers without the 公文 fonts.
    fonts = docx_parts["word/fontTable.xml"]
    assert re.search(r'w:name="方正小标宋简体".*?w:altName w:val="Noto Serif CJK SC"', fonts, re.S)


def test_headings_and_paragraphs_use_the_styles(docx_parts):
    doc = docx_parts["word/document.xml"]
    assert re.search(
        r'<w:pStyle w:val="GWTitle"/>.*?县人民医院党委关于2025年度党建工作情况的报告', doc, re.S
    )
    assert re.search(r'<w:pStyle w:val="GWHeading1"/>.*?一、主要工作及成效', doc, re.S)
    assert re.search(r'<w:pStyle w:val="GWHeading2"/>.*?（一）坚持理论武装', doc, re.S)
    assert "{{" not in doc and "{%" not in doc


def test_page_number_footer_is_a_page_field_between_dashes(docx_parts):
    footers = [xml for name, xml in docx_parts.items() if name.startswith("word/footer")]
    assert len(footers) == 2  # odd pages right, even pages left
    for xml in footers:
        text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))
        assert text.startswith("— ") and text.endswith(" —")
        assert re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", xml)
        assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
    assert "<w:evenAndOddHeaders" in docx_parts["word/settings.xml"]
    alignments = sorted(re.search(r'<w:jc w:val="(\w+)"/>', xml).group(1) for xml in footers)
    assert alignments == ["left", "right"]


def test_issuer_date_and_appendix(docx_parts):
    doc = docx_parts["word/document.xml"]
    text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", doc))
    assert re.search(r"县人民医院党委\d{4}年\d{1,2}月\d{1,2}日附件", text)
    assert "2025年度党建工作指标明细" in text
    # The compact appendix: figure, value, last year, change, record count — no record lists.
    assert "未达法定人数的决策（项）2" in text and "J3" not in text


def test_the_default_template_defines_every_style_it_uses_and_no_other():
    """build_default_template keeps the used styles only: none may be missing."""
    import re
    import zipfile

    from dangjian.reports.templates_dir import PACKAGE_TEMPLATES

    with zipfile.ZipFile(PACKAGE_TEMPLATES / "annual_report.docx") as archive:
        names = archive.namelist()
        styles = archive.read("word/styles.xml").decode()
        used = set()
        for name in names:
            if name.endswith(".xml") and name != "word/styles.xml":
                used |= set(
                    re.findall(
                        r'<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"',
                        archive.read(name).decode(),
                    )
                )
    defined = set(re.findall(r'w:styleId="([^"]+)"', styles))
    assert used and used <= defined
    for based in re.findall(r'<w:(?:basedOn|next|link) w:val="([^"]+)"', styles):
        assert based in defined
    assert "word/stylesWithEffects.xml" not in names
    assert {"Normal", "GWBody", "GWTable", "TableGrid"} <= defined and len(defined) < 40


def test_the_signature_never_stands_alone_on_the_last_page(docx_parts):
    """GB/T 9704: the 署名 and 成文日期 stay on a page with text. The body's last paragraph and the
    signature block keep with the next paragraph, so Word moves the last paragraph over with the
    signature rather than leaving the signature alone on a page."""
    styles = docx_parts["word/styles.xml"]
    for name in ("GWClosing", "GWSignature"):
        style = re.search(rf'<w:style [^>]*w:styleId="{name}".*?</w:style>', styles, re.S)
        assert style and "<w:keepNext/>" in style.group(0), name
    doc = docx_parts["word/document.xml"]
    body = doc.split('<w:pStyle w:val="GWSignature"/>')[0]
    styled = re.findall(r'<w:pStyle w:val="(GW\w+)"/>', body)
    # Exactly one paragraph keeps with the signature: the last one of the body.
    assert styled.count("GWClosing") == 1 and styled[-1] == "GWClosing"
