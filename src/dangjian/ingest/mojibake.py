"""Finding mojibake: text that a wrong decode turned into garbage somewhere upstream.

Mojibake is flagged, never repaired or deleted here: a person decides. Three shapes:

- replacement characters and runs of question marks (`�`, `???`), and the classic
  `锟斤拷` left by decoding replacement characters twice;
- UTF-8 bytes read as Latin-1/cp1252 (`åŒ»é™¢` for 医院): re-encoding the run
  as cp1252 gives valid UTF-8 Chinese;
- UTF-8 bytes read as GBK (`鍖婚櫌` for 医院): re-encoding as GBK gives valid UTF-8
  that reads as common characters. Ordinary Chinese text almost never does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class MojibakeSpan:
    start: int
    end: int
    cause: str  # replacement | latin1 | gbk

    @property
    def message(self) -> str:
        return {
            "replacement": "疑似乱码：替换字符或连续问号，原文可能已损坏",
            "latin1": "疑似乱码：UTF-8 文字被按 Latin-1/Windows-1252 解码",
            "gbk": "疑似乱码：UTF-8 文字被按 GBK 解码",
        }[self.cause]


# Separate patterns: one alternation is several times slower on a megabyte of text.
_REPLACEMENT = [
    (hint, re.compile(pattern))
    for hint, pattern in (
        ("\ufffd", r"\ufffd+"),
        ("?？", r"[?？]{3,}"),
        ("锟", r"(?:锟斤拷)+"),
        ("烫", r"烫{3,}"),
        ("屯", r"屯{3,}"),
    )
]

# Characters a cp1252/Latin-1 decode of UTF-8 produces: the Latin-1 supplement and the
# cp1252 extras. Curly quotes and dashes are among them but never count on their own.
_LATIN_RUN = re.compile(
    "[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{2,}"
)
_LATIN_LEAD = re.compile("[\u00c3-\u00ef]")  # UTF-8 lead bytes of 2- and 3-byte sequences


def _to_cp1252_bytes(run: str) -> bytes | None:
    out = bytearray()
    for ch in run:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) < 256:
                out.append(ord(ch))  # Latin-1 decodes kept the C1 controls
            else:
                return None
    return bytes(out)


def _latin1_spans(text: str) -> list[MojibakeSpan]:
    spans: list[MojibakeSpan] = []
    if not _LATIN_LEAD.search(text):
        return spans
    for match in _LATIN_RUN.finditer(text):
        run = match.group()
        if not _LATIN_LEAD.search(run):
            continue
        raw = _to_cp1252_bytes(run)
        if raw is None:
            continue
        decoded = raw.decode("utf-8", errors="ignore")
        if any(ord(ch) > 0x2E80 for ch in decoded):
            spans.append(MojibakeSpan(match.start(), match.end(), "latin1"))
    return spans


@lru_cache(maxsize=1)
def _gbk_lead_class() -> re.Pattern[str]:
    """Characters whose GBK encoding starts with a UTF-8 lead byte of CJK (0xE4–0xE9)."""
    chars = []
    for lead in range(0xE4, 0xEA):
        for trail in range(0x40, 0xFF):
            try:
                chars.append(bytes([lead, trail]).decode("gbk"))
            except UnicodeDecodeError:
                continue
    return re.compile("[" + re.escape("".join(chars)) + "]")


@lru_cache(maxsize=1)
def _common_hanzi() -> frozenset[str]:
    """The 3,755 level-1 characters of GB 2312: what real text is made of."""
    chars = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes([lead, trail]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return frozenset(chars)


def _gbk_spans(text: str) -> list[MojibakeSpan]:
    spans: list[MojibakeSpan] = []
    common = _common_hanzi()
    search_from = 0
    lead_class = _gbk_lead_class()
    while True:
        match = lead_class.search(text, search_from)
        if match is None:
            return spans
        start = match.start()
        _end, best_end, best_chars = _grow_utf8(text, start, common)
        around = text[max(start - 1, 0) : start] + text[best_end : best_end + 1]
        touches_replacement = "\ufffd" in around
        if best_chars >= 2 or (best_chars >= 1 and touches_replacement):
            spans.append(MojibakeSpan(start, best_end, "gbk"))
            search_from = best_end
        else:
            search_from = start + 1


def _grow_utf8(text: str, start: int, common: frozenset[str]) -> tuple[int, int, int]:
    """Grow a span from `start` while its GBK bytes read as UTF-8 made of common characters.

    Returns (last char examined, end of the best span, how many UTF-8 characters it holds).
    A trailing incomplete UTF-8 sequence is allowed: a wrong decode often cut one in two.
    """
    end, best_end, best_chars = start, start, 0
    raw = b""
    while end < len(text):
        try:
            raw += text[end].encode("gbk")
        except UnicodeEncodeError:
            break
        end += 1
        try:
            decoded = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.reason != "unexpected end of data":
                break
            decoded = raw[: exc.start].decode("utf-8")
        if not decoded or not all(ch in common for ch in decoded):
            if decoded:
                break
            continue
        best_end, best_chars = end, len(decoded)
    return end, best_end, best_chars


# A wrong decode leaves a few characters between detectable pieces that read as
# plausible on their own; pieces this close are one garbled run, unless what lies
# between them is ASCII or punctuation (`åŒ»12次é™¢` keeps its `12次` apart).
_MAX_GAP = 3


def _readable(gap: str) -> bool:
    return any(ch.isascii() or ch in "，。、；：！？（）“”" for ch in gap)


def _back_over_cut_char(text: str, start: int) -> int:
    """Include the character before a `�` when it is the first half of a cut UTF-8 sequence.

    `召` (E5 8F AC) read as GBK gives `鍙` (E5 8F) and then `�` for the stray AC.
    """
    if start == 0:
        return start
    try:
        raw = text[start - 1].encode("gbk")
    except UnicodeEncodeError:
        return start
    if len(raw) == 2 and 0xE4 <= raw[0] <= 0xE9 and 0x80 <= raw[1] <= 0xBF:
        return start - 1
    return start


def find_mojibake(text: str) -> list[MojibakeSpan]:
    """All suspicious spans, sorted and non-overlapping."""
    spans = [
        MojibakeSpan(_back_over_cut_char(text, m.start()), m.end(), "replacement")
        for hint, pattern in _REPLACEMENT
        if any(ch in text for ch in hint)
        for m in pattern.finditer(text)
    ]
    spans += _latin1_spans(text)
    spans += _gbk_spans(text)
    spans.sort(key=lambda s: (s.start, -s.end))
    merged: list[MojibakeSpan] = []
    for span in spans:
        gap = text[merged[-1].end : span.start] if merged else ""
        if merged and len(gap) <= _MAX_GAP and not _readable(gap):
            # Touching spans are one garbled run: report it once, naming the decode at fault.
            last = merged[-1]
            cause = last.cause if last.cause != "replacement" else span.cause
            merged[-1] = MojibakeSpan(last.start, max(last.end, span.end), cause)
            continue
        merged.append(span)
    return merged
