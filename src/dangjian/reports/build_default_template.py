"""Build the default Word template ``templates/reports/annual_report.docx`` (python-docx).

Run ``python -m dangjian.reports.build_default_template [OUT.docx]`` after changing the layout;
the result is committed. It is an ordinary .docx with docxtpl (Jinja) tags, laid out as a 公文
by GB/T 9704-2012 《党政机关公文格式》:

* A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm;
* title 方正小标宋简体 二号 (22 pt), centred; body 仿宋_GB2312 三号 (16 pt), fixed 28.9 pt lines
  (22 lines a page), first line indented two characters; 一级标题 黑体, 二级标题 楷体_GB2312;
* page numbers “— 1 —” (a PAGE field) 4号 宋体 at the foot, odd pages right and even pages left,
  one character in from the edge of the text block;
* the issuing organ (发文机关署名) centred over the date of issue (成文日期, right, four
  characters in), then the 附件 (the figure table) on a new page.

Fonts are named for East Asian text with ``w:rFonts w:eastAsia`` (Latin text and digits use
Times New Roman). Computers without the 公文 fonts fall back through the font table's
``w:altName`` to a serif CJK font (Noto Serif CJK SC / 宋体), see :data:`FALLBACK`.

A hospital edits a copy in Word or WPS (keep the ``{{ … }}`` and ``{%p … %}`` tags, each
``{%p %}`` tag in a paragraph of its own): see docs/report-templates.md.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt, RGBColor

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.oxml.text.font import CT_RPr
    from docx.oxml.text.parfmt import CT_PPr
    from docx.section import _Footer
    from docx.styles.style import ParagraphStyle
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

DEFAULT_PATH = Path(__file__).resolve().parent / "templates" / "reports" / "annual_report.docx"

LATIN = "Times New Roman"
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"

#: Font-table fallbacks (w:altName) and the generic family, for machines without the 公文 fonts.
FALLBACK = {
    TITLE_FONT: ("Noto Serif CJK SC", "roman"),
    BODY_FONT: ("Noto Serif CJK SC", "roman"),
    HEADING1_FONT: ("Noto Sans CJK SC", "swiss"),
    HEADING2_FONT: ("AR PL UKai CN", "script"),
    PAGE_NUMBER_FONT: ("Noto Serif CJK SC", "roman"),
}

BODY_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
PAGE_NUMBER_SIZE = Pt(14)  # 四号
LINE = Pt(28.9)  # 22 lines in the 225 mm text block
CHAR = Pt(16)  # one character of body text
TEXT_WIDTH = Mm(210 - 28 - 26)


class _RunPropertiesOwner(Protocol):
    """An oxml element with run properties (``w:r``, ``w:style``)."""

    def get_or_add_rPr(self) -> CT_RPr: ...


class _ParagraphPropertiesOwner(Protocol):
    """An oxml element with paragraph properties (``w:p``, ``w:style``)."""

    def get_or_add_pPr(self) -> CT_PPr: ...


def set_fonts(rpr_owner: _RunPropertiesOwner, east_asia: str, latin: str = LATIN) -> None:
    """Name the font for every script: w:ascii/w:hAnsi Latin, w:eastAsia the Chinese font."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")


def _style(
    document: DocxDocument,
    name: str,
    *,
    font: str,
    size: Length,
    align: WD_ALIGN_PARAGRAPH | None = None,
    first_line: int | None = None,  # EMU, as Length is (2 * CHAR is a plain int)
    bold: bool = False,
    line: Length = LINE,
    space_after: Length = Pt(0),  # noqa: B008 -- Pt is an immutable int
    outline: int | None = None,
    keep_next: bool = False,
) -> ParagraphStyle:
    styles = document.styles
    style: ParagraphStyle = (
        styles[name]
        if name in [s.name for s in styles]
        else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    )
    if name != "Normal":
        style.base_style = styles["Normal"]
    style.font.size = size
    style.font.bold = bold
    set_fonts(style.element, font)
    fmt = style.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = line
    fmt.space_before = Pt(0)
    fmt.space_after = space_after
    fmt.first_line_indent = first_line
    fmt.keep_with_next = keep_next
    fmt.widow_control = True
    if align is not None:
        fmt.alignment = align
    if outline is not None:
        ppr = style.element.get_or_add_pPr()
        level = OxmlElement("w:outlineLvl")
        level.set(qn("w:val"), str(outline))
        ppr.append(level)
    return style


def _page_number_paragraph(footer: _Footer, align: WD_ALIGN_PARAGRAPH) -> None:
    """“— N —” with a PAGE field, 4号 宋体, one character in from the text block's edge."""
    paragraph: Paragraph = footer.paragraphs[0]
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        fmt.right_indent = Pt(14)
    else:
        fmt.left_indent = Pt(14)

    def run(text: str = "") -> Run:
        r = paragraph.add_run(text)
        r.font.size = PAGE_NUMBER_SIZE
        set_fonts(r._element, PAGE_NUMBER_FONT)
        return r

    run("— ")
    for kind, text in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        r = run()
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            r._element.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            r._element.append(instr)
        elif text is not None:
            r.text = text
    run(" —")


def _font_table_fallbacks(document: DocxDocument) -> None:
    """Declare the 公文 fonts in the font table with a w:altName fallback and generic family."""
    part = next(
        rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("/fontTable")
    )
    from lxml import etree

    root = etree.fromstring(part.blob)
    for name, (alt, family) in FALLBACK.items():
        for old in root.findall(qn("w:font")):
            if old.get(qn("w:name")) == name:
                root.remove(old)
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        alt_name = etree.SubElement(font, qn("w:altName"))
        alt_name.set(qn("w:val"), alt)
        charset = etree.SubElement(font, qn("w:charset"))
        charset.set(qn("w:val"), "86")  # GB2312
        fam = etree.SubElement(font, qn("w:family"))
        fam.set(qn("w:val"), family)
        pitch = etree.SubElement(font, qn("w:pitch"))
        pitch.set(qn("w:val"), "variable")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


#: Style references in WordprocessingML (paragraph, run, table and numbering styles).
_STYLE_REFERENCES = ("w:pStyle", "w:rStyle", "w:tblStyle", "w:numStyleLink", "w:styleLink")


def _drop_unused_styles(document: DocxDocument) -> None:
    """Keep only the styles the template uses (with what they are based on or linked to) and
    drop the Word 2010 ``stylesWithEffects`` copy. python-docx's blank document carries some 160
    styles, their latent-style table and that copy — 800 KB of XML that every report read,
    wrote and compressed again (a third of rendering a hospital's Word report) and that a
    hospital editing the template does not need: Word and WPS add a built-in style when it is
    first applied."""
    styles = document.styles.element
    used: set[str] = set()
    for part in document.part.package.iter_parts():
        element = getattr(part, "element", None)
        if element is None or element is styles:
            continue
        for name in _STYLE_REFERENCES:
            for found in element.iter(qn(name)):
                used.add(found.get(qn("w:val")))
    by_id = {style.get(qn("w:styleId")): style for style in styles.iter(qn("w:style"))}
    keep = {sid for sid, style in by_id.items() if style.get(qn("w:default")) == "1"} | used
    pending = list(keep)
    while pending:  # what the kept styles are based on, continue with, or are linked to
        style = by_id.get(pending.pop())
        if style is None:
            continue
        for name in ("w:basedOn", "w:next", "w:link"):
            found = style.find(qn(name))
            if found is not None and found.get(qn("w:val")) not in keep:
                keep.add(found.get(qn("w:val")))
                pending.append(found.get(qn("w:val")))
    for sid, style in by_id.items():
        if sid not in keep:
            styles.remove(style)
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)
    for rel in list(document.part.rels.values()):
        if rel.reltype.endswith("/stylesWithEffects"):
            document.part.drop_rel(rel.rId)


def _red_bottom_border(style_element: _ParagraphPropertiesOwner) -> None:
    """The 版头's red separator: a bottom border the width of the text block."""
    ppr = style_element.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "18")  # eighths of a point
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "E60012")
    border.append(bottom)
    ppr.insert_element_before(
        border,
        *(
            f"w:{tag}"
            for tag in [
                "shd",
                "tabs",
                "suppressAutoHyphens",
                "kinsoku",
                "wordWrap",
                "overflowPunct",
                "topLinePunct",
                "autoSpaceDE",
                "autoSpaceDN",
                "bidi",
                "adjustRightInd",
                "snapToGrid",
                "spacing",
                "ind",
                "contextualSpacing",
                "mirrorIndents",
                "suppressOverlap",
                "jc",
                "textDirection",
                "textAlignment",
                "textboxTightWrap",
                "outlineLvl",
                "divId",
                "cnfStyle",
                "rPr",
                "sectPr",
                "pPrChange",
            ]
        ),
    )


def _para(document: DocxDocument, text: str, style: str) -> Paragraph:
    return document.add_paragraph(text, style=style)


def build(path: Path = DEFAULT_PATH) -> Path:
    document = Document()

    # ---- page: A4 portrait, GB/T 9704 margins, page numbers odd right / even left ----
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(23)  # the page number's 一字线 sit 7 mm below the text block
    document.settings.odd_and_even_pages_header_footer = True
    _page_number_paragraph(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number_paragraph(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)

    # ---- styles ----
    normal = _style(
        document, "Normal", font=BODY_FONT, size=BODY_SIZE, align=WD_ALIGN_PARAGRAPH.JUSTIFY
    )
    normal.font.color.rgb = None
    # Document defaults too, so that tables and footers inherit the 公文 fonts.
    rpr_default = (
        document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    )
    fonts = rpr_default.find(qn("w:rFonts"))
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    fonts.set(qn("w:ascii"), LATIN)
    fonts.set(qn("w:hAnsi"), LATIN)
    fonts.set(qn("w:cs"), LATIN)
    fonts.set(qn("w:eastAsia"), BODY_FONT)
    lang = rpr_default.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")

    _style(
        document,
        "GWTitle",
        font=TITLE_FONT,
        size=TITLE_SIZE,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        line=Pt(35),
        space_after=LINE,
        outline=0,
    )
    _style(
        document,
        "GWBody",
        font=BODY_FONT,
        size=BODY_SIZE,
        first_line=2 * CHAR,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    _style(
        document,
        "GWHeading1",
        font=HEADING1_FONT,
        size=BODY_SIZE,
        first_line=2 * CHAR,
        outline=1,
        keep_next=True,
    )
    _style(
        document,
        "GWHeading2",
        font=HEADING2_FONT,
        size=BODY_SIZE,
        first_line=2 * CHAR,
        outline=2,
        keep_next=True,
    )
    # The body's last paragraph and the blank lines before the 署名 keep with what follows, so the
    # 署名 and 成文日期 never stand alone on the last page (GB/T 9704).
    _style(
        document,
        "GWClosing",
        font=BODY_FONT,
        size=BODY_SIZE,
        first_line=2 * CHAR,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        keep_next=True,
    )
    sign = _style(document, "GWSignature", font=BODY_FONT, size=BODY_SIZE, keep_next=True)
    # 署名 centred over the date; the date's right edge four characters in from the margin.
    date_right = TEXT_WIDTH - 4 * CHAR
    date_centre = date_right - 4 * CHAR  # “2026年11月23日” is about eight characters wide
    sign.paragraph_format.tab_stops.add_tab_stop(date_centre, WD_TAB_ALIGNMENT.CENTER)
    date = _style(document, "GWDate", font=BODY_FONT, size=BODY_SIZE)
    date.paragraph_format.tab_stops.add_tab_stop(date_right, WD_TAB_ALIGNMENT.RIGHT)
    _style(document, "GWAttachmentLabel", font=HEADING1_FONT, size=BODY_SIZE)
    _style(
        document,
        "GWAttachmentTitle",
        font=TITLE_FONT,
        size=Pt(18),
        align=WD_ALIGN_PARAGRAPH.CENTER,
        line=Pt(32),
        space_after=Pt(14),
    )
    _style(
        document,
        "GWTable",
        font=BODY_FONT,
        size=Pt(9),
        line=Pt(12),
        align=WD_ALIGN_PARAGRAPH.LEFT,
    )
    _style(
        document,
        "GWTableHead",
        font=HEADING1_FONT,
        size=Pt(9),
        line=Pt(12),
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )

    _style(
        document,
        "GWRedHeader",
        font=TITLE_FONT,
        size=Pt(30),
        align=WD_ALIGN_PARAGRAPH.CENTER,
        line=Pt(48),
        space_after=Pt(20),
    )
    document.styles["GWRedHeader"].font.color.rgb = RGBColor(0xE6, 0x00, 0x12)
    docnum = _style(document, "GWDocNumber", font=BODY_FONT, size=BODY_SIZE)
    docnum.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    rule = _style(document, "GWRedRule", font=BODY_FONT, size=Pt(4), line=Pt(6))
    rule.paragraph_format.space_after = Pt(28)
    _red_bottom_border(rule.element)
    _style(document, "GWRecipient", font=BODY_FONT, size=BODY_SIZE)

    # ---- 版头 (optional): 发文机关标志 in red, 发文字号 and 签发人, the red rule ----
    _para(document, "{%p if front.red_header %}", "GWBody")
    _para(document, "{{ front.red_header }}", "GWRedHeader")
    _para(
        document,
        "{{ front.doc_number }}\t{% if front.signer %}签发人：{{ front.signer }}{% endif %}",
        "GWDocNumber",
    )
    _para(document, "", "GWRedRule")
    _para(document, "{%p endif %}", "GWBody")

    # ---- body: the narrative, one docxtpl loop per level ----
    _para(document, "{{ title }}", "GWTitle")
    _para(document, "{%p if front.recipient %}", "GWBody")
    _para(document, "{{ front.recipient }}：", "GWRecipient")
    _para(document, "{%p endif %}", "GWBody")
    _para(document, "{%p for p in lead %}", "GWBody")
    _para(document, "{{ p }}", "GWBody")
    _para(document, "{%p endfor %}", "GWBody")
    _para(document, "{%p for s in sections %}", "GWBody")
    _para(document, "{{ s.heading }}", "GWHeading1")
    _para(document, "{%p for p in s.paragraphs %}", "GWBody")
    _para(document, "{%p if p is sameas last_paragraph %}", "GWBody")
    _para(document, "{{ p }}", "GWClosing")
    _para(document, "{%p else %}", "GWBody")
    _para(document, "{{ p }}", "GWBody")
    _para(document, "{%p endif %}", "GWBody")
    _para(document, "{%p endfor %}", "GWBody")
    _para(document, "{%p for sub in s.sections %}", "GWBody")
    _para(document, "{{ sub.heading }}", "GWHeading2")
    _para(document, "{%p for p in sub.paragraphs %}", "GWBody")
    _para(document, "{%p if p is sameas last_paragraph %}", "GWBody")
    _para(document, "{{ p }}", "GWClosing")
    _para(document, "{%p else %}", "GWBody")
    _para(document, "{{ p }}", "GWBody")
    _para(document, "{%p endif %}", "GWBody")
    _para(document, "{%p endfor %}", "GWBody")
    _para(document, "{%p endfor %}", "GWBody")
    _para(document, "{%p endfor %}", "GWBody")
    _para(document, "{%p for p in closing %}", "GWBody")
    _para(document, "{%p if p is sameas last_paragraph %}", "GWBody")
    _para(document, "{{ p }}", "GWClosing")
    _para(document, "{%p else %}", "GWBody")
    _para(document, "{{ p }}", "GWBody")
    _para(document, "{%p endif %}", "GWBody")

    _para(document, "{%p endfor %}", "GWBody")

    # ---- 署名 and 成文日期 ----
    _para(document, "", "GWSignature")
    _para(document, "", "GWSignature")
    _para(document, "\t{{ issuer }}", "GWSignature")
    _para(document, "\t{{ issued_on }}", "GWDate")

    # ---- 附件: every figure with its records, on a new page ----
    label = _para(document, "", "GWAttachmentLabel")
    label.add_run().add_break(WD_BREAK.PAGE)
    label.add_run("附件")
    _para(document, "{{ year }}年度党建工作指标明细", "GWAttachmentTitle")
    # Compact: one line per figure (the records stay on the report page and in the JSON export).
    headers = ["指标", "数值", "上年", "变化", "记录数"]
    widths = [Mm(64), Mm(22), Mm(22), Mm(30), Mm(18)]  # 156 mm: the text block
    table = document.add_table(rows=4, cols=len(headers))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    cells = [
        "{{ row.label }}{% if row.unit %}（{{ row.unit }}）{% endif %}",
        "{{ row.value }}",
        "{{ row.previous }}",
        "{{ row.change }}",
        "{{ row.count }}",
    ]
    for i, (header, width) in enumerate(zip(headers, widths, strict=True)):
        for r in range(4):
            table.cell(r, i).width = width
        table.cell(0, i).paragraphs[0].text = header
        table.cell(0, i).paragraphs[0].style = document.styles["GWTableHead"]
        table.cell(2, i).paragraphs[0].text = cells[i]
        table.cell(2, i).paragraphs[0].style = document.styles["GWTable"]
    table.cell(1, 0).paragraphs[0].text = "{%tr for row in appendix %}"
    table.cell(3, 0).paragraphs[0].text = "{%tr endfor %}"
    # The header row repeats on every page of the appendix.
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)

    # The first empty paragraph python-docx starts with would print a blank line before the title.
    body = document.element.body
    first = body[0]
    if first.tag == qn("w:p") and not "".join(first.itertext()).strip():
        body.remove(first)

    _font_table_fallbacks(document)
    _drop_unused_styles(document)
    core = document.core_properties
    core.title = "年度党建工作报告（默认模板）"
    core.author = "dangjian"
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_PATH))
