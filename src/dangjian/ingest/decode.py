"""Turning a report file into text: .txt in any of the encodings Chinese sites use, .docx, .html.

For plain text the order is: a BOM decides; then strict UTF-8 (GBK and Big5 bytes are
almost never valid UTF-8); then the candidates charset-normalizer suggests plus
GB18030 and Big5, each decoded strictly and scored by how much of the result is
common Chinese characters — the right decoding reads as ordinary words, a wrong one
as rare characters. charset-normalizer alone is unreliable on short Chinese texts.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import charset_normalizer

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy Chinese encodings are read by their widest superset.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "cp936": "gb18030",
    "big5": "cp950",
    "big5hkscs": "cp950",
    "ascii": "utf-8",
}


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _common_chars() -> frozenset[str]:
    """GB 2312 level 1 plus Big5's 常用字: the characters ordinary text is made of."""
    chars: set[str] = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes([lead, trail]).decode("gb2312"))
    for lead in range(0xA4, 0xC7):
        for trail in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(bytes([lead, trail]).decode("big5"))
    return frozenset(chars)


def _score(text: str) -> float:
    """Share of the non-ASCII letters that are common Chinese characters.

    Punctuation and full-width forms do not count either way; Hangul, Cyrillic or
    rare characters from a wrong decode count against it.
    """
    common = _common_chars()
    letters = [
        ch
        for ch in text
        if ord(ch) > 0x7F
        and not ("\u2000" <= ch <= "\u206f" or "\u3000" <= ch <= "\u303f" or ch >= "\uff00")
    ]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if ch in common) / len(letters)


def _normalise_encoding(name: str) -> str:
    key = codecs.lookup(name).name.replace("_", "").lower()
    return _SUPERSETS.get(key, codecs.lookup(name).name)


def decode_bytes(data: bytes) -> Decoded:
    """Best reading of `data` as text; never raises, warns when it had to guess or replace."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(_newlines(data.decode(encoding, errors="replace")), encoding)
    try:
        return Decoded(_newlines(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass
    candidates = []
    guess = charset_normalizer.from_bytes(data).best()
    if guess is not None and guess.encoding:
        candidates.append(_normalise_encoding(guess.encoding))
    candidates += ["gb18030", "cp950"]
    scored: list[tuple[float, int, str, str]] = []
    for rank, encoding in enumerate(dict.fromkeys(candidates)):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        scored.append((_score(text), -rank, encoding, text))
    # Last resort: GB18030 with the undecodable bytes replaced (and flagged as mojibake).
    lossy = data.decode("gb18030", errors="replace")
    scored.append((_score(lossy) - 0.01, -len(candidates), "gb18030", lossy))
    score, _, encoding, text = max(scored)
    warnings = []
    if text is lossy:
        warnings.append("文件中有无法解码的字节，已按 GB18030 读取，无法解码处以 � 代替")
    elif score < 0.5:
        warnings.append(f"无法可靠判断文件编码，已按 {encoding} 读取，请核对")
    return Decoded(_newlines(text), encoding, warnings)


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- .docx -------------------------------------------------------------------------------


def read_docx(path: Path) -> Decoded:
    """Paragraphs and tables in document order; table cells separated by tabs, rows by lines."""
    import docx  # python-docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = cell.text.replace("\n", " ").strip()
                    if not cells or cells[-1] != text:  # merged cells repeat their text
                        cells.append(text)
                lines.append("\t".join(cells))
    return Decoded("\n".join(lines), "docx")


# --- .html -------------------------------------------------------------------------------

_BLOCK_TAGS = {
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section",
    "article", "header", "footer", "ul", "ol", "blockquote", "pre", "hr", "title", "dd", "dt",
}  # fmt: skip
_CELL_TAGS = {"td", "th"}
_SKIP_TAGS = {"script", "style", "noscript", "template"}


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag in _CELL_TAGS:
            self.parts.append("\t")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        # Whitespace in HTML source is layout, not text.
        self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    lines = []
    for line in "".join(parser.parts).split("\n"):
        cells = [cell.strip() for cell in line.split("\t")]
        joined = "\t".join(cell for cell in cells if cell)
        if joined:
            lines.append(joined)
    return "\n".join(lines)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


_CELL_SEPARATOR = " ‖ "  # joins table cells for the article finder; a tab once extracted


def _prepare(html: str) -> str:
    """Drop what is never text (script, style, noscript); make each table row one paragraph.

    trafilatura would put every cell on a line of its own, which parts a label (党支部数)
    from its figure (10个); a row of cells joined by a marker stays one line.
    """
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return html
    for element in root.iter("script", "style", "noscript", "template"):
        element.drop_tree() if element.getparent() is not None else None
    for row in list(root.iter("tr")):
        cells = [" ".join(c.text_content().split()) for c in row if c.tag in ("td", "th")]
        cells = [c for c in cells if c]
        paragraph = lxml.html.Element("p")
        paragraph.text = _CELL_SEPARATOR.join(cells)
        paragraph.tail = row.tail
        row.getparent().replace(row, paragraph)
    return str(lxml.html.tostring(root, encoding="unicode"))


def main_content(html: str) -> str | None:
    """The article of a web page, without its navigation, sidebars and footer: trafilatura.

    Chosen by measurement on Chinese government and news pages (docs/ingest.md). Its title
    (from the page's metadata, without the site name) comes first; table rows become
    tab-separated lines as in a .docx. None when it finds no article (a page that is all
    navigation, an empty fragment): the caller then reads the whole page.
    """
    import trafilatura

    if not html_to_text(html).strip():
        return None  # nothing to find (and trafilatura would log a parse error)
    prepared = _prepare(html)
    body = trafilatura.extract(
        prepared, include_tables=True, include_comments=False, deduplicate=False
    )
    if not body or not body.strip():
        return None
    lines = []
    for line in body.splitlines():
        line = "\t".join(cell.strip() for cell in line.split(_CELL_SEPARATOR.strip()))
        if line.strip():
            lines.append(line.strip())
    metadata = trafilatura.extract_metadata(prepared)
    title = ((metadata.title if metadata is not None else None) or "").strip()
    if title and title not in lines[:8]:
        lines.insert(0, title)
    return "\n".join(lines)


def read_html(path: Path) -> Decoded:
    data = path.read_bytes()
    decoded: Decoded | None = None
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        try:
            encoding = _normalise_encoding(declared.group(1).decode("ascii"))
            decoded = Decoded(data.decode(encoding), encoding)
        except (LookupError, UnicodeDecodeError):
            decoded = None
    if decoded is None:
        decoded = decode_bytes(data)
    text = main_content(decoded.text) or html_to_text(decoded.text)
    return Decoded(text, decoded.encoding, decoded.warnings)


def read_path(path: Path) -> Decoded:
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return read_docx(path)
    if suffix in (".html", ".htm", ".xhtml"):
        return read_html(path)
    return decode_bytes(path.read_bytes())
