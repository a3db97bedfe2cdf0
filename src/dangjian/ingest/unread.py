"""Numbers the extractor did not read: nothing is skipped silently.

Every Arabic digit run, and every Chinese numeral followed by a measure word, that is not
part of an extracted figure is reported — unless it is plainly not a figure:

- a date, a year or a time (followed by 年/月/日/号/时/点 …, a 19xx/20xx year, 2023-05-01,
  8:30), an anniversary or a duration (周年, 个月);
- an ordinal or a rank (第3, 前三, 十九届, 二十大, 三级), a list marker (1. 1、 （1） (2));
- a fixed term or a name (三会一课, 十四五, 一岗双责, 6S管理, H5N1, 120急救);
- inside a short quotation (“七个一”) or a title (《…2023年度20项重点工作…》);
- a long identifier (seven digits or more: a telephone or a record number);
- inside a span already flagged (mojibake, a template placeholder).

The words that make a number a date or an ordinal are data (data/not_figure_words.txt),
as are the fixed terms (data/fixed_terms.txt).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from . import lexicon
from .figures import (
    CLAUSE_STOP_RE,
    SENTENCE_STOP_RE,
    SPACE_CHARS,
    UNITS,
    Figure,
    SpanSet,
    Stops,
    reject_after_unit,
    stops,
)
from .numerals import CN_NUMERAL_CHARS

_ARABIC_RUN = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")
_UNIT_AFTER = (
    f"[{SPACE_CHARS}]?(?:余|多)?(?:千万|百万|万|亿|千)?(?:{lexicon.alternation(list(UNITS))})"
)
_UNIT_AFTER_RE = re.compile(
    f"[{SPACE_CHARS}]?(?:余|多)?(?:千万|百万|万|亿|千)?(?P<unit>{lexicon.alternation(list(UNITS))})"
)
# A Chinese numeral is a word as often as a number (统一, 一些, 千方百计, 十分): only one
# followed by a measure word claims to count something.
_CHINESE_RUN = re.compile(f"[{CN_NUMERAL_CHARS}]+(?={_UNIT_AFTER})")
_NOT_FIGURE_AFTER = re.compile(
    f"[{SPACE_CHARS}]?(?:{lexicon.alternation(lexicon.not_figure_words())})"
)
_FIXED = re.compile(lexicon.alternation(lexicon.fixed_terms()))
# Literal-first (no look-behind at every position): a year inside a longer digit run is
# covered too, which hides nothing, as such a run is read as a figure or listed anyway.
_DATE_OR_TIME = re.compile(
    r"(?:19|20)[0-9]{2}(?:[-/.．年][0-9]{1,2}(?:[-/.．月][0-9]{1,2})?)?(?![0-9])"
    r"|[0-9]{1,2}[:：][0-9]{2}(?:[:：][0-9]{2})?(?![0-9])"
)
_QUOTE_OR_TITLE = re.compile(
    r"“[^“”\n]{1,12}”|「[^「」\n]{1,12}」|『[^『』\n]{1,12}』|\"[^\"\n]{1,12}\"|《[^《》\n]{1,80}》"
)
_LIST_MARKER = re.compile(
    r"(?:\A|[\n。；;：:])[ \t\u3000]*[0-9]{1,2}[.．、)）](?![0-9])|[（(][0-9]{1,2}[）)]|[①-⑳]"
)
_LATIN = re.compile("[A-Za-zＡ-Ｚａ-ｚ]")
_ORDINAL_BEFORE = ("第", "前", "初", "No", "NO", "no")


@dataclass(frozen=True)
class Unread:
    text: str
    start: int
    end: int
    sentence: str


def find_unread(
    text: str, figures: Sequence[Figure], flagged: Sequence[tuple[int, int]] = ()
) -> list[Unread]:
    """Numbers in `text` that no figure covers and that are not dates, ordinals or names."""
    covered = SpanSet(
        [(f.start, f.end) for f in figures]
        + list(flagged)
        + [(m.start(), m.end()) for m in _FIXED.finditer(text)]
        + [(m.start(), m.end()) for m in _DATE_OR_TIME.finditer(text)]
        + [(m.start(), m.end()) for m in _QUOTE_OR_TITLE.finditer(text)]
        + [(m.start(), m.end()) for m in _LIST_MARKER.finditer(text)]
    )
    sentences = stops(text, SENTENCE_STOP_RE)
    # A clause with mojibake or a placeholder in it was not read on purpose (and is flagged).
    clauses = stops(text, CLAUSE_STOP_RE)
    flagged_clauses = SpanSet(clauses.around(a, b) for a, b in flagged)
    found = []
    for m in _ARABIC_RUN.finditer(text):
        if flagged_clauses.overlaps(m.start(), m.end()):
            continue
        if not _plainly_not_a_figure(text, m.start(), m.end(), covered):
            found.append(_unread(text, m.start(), m.end(), sentences))
    for m in _CHINESE_RUN.finditer(text):
        if len(m.group()) == 1 and m.group() in "一二十百千万亿":
            continue  # 一次 is an article, 二次 an ordinal, 十分 an adverb
        unit = _UNIT_AFTER_RE.match(text, m.end())
        if unit and reject_after_unit(unit.group("unit"), text[unit.end() : unit.end() + 4], True):
            continue  # 三台县, 七个一: a name, as the extractor decided
        if flagged_clauses.overlaps(m.start(), m.end()):
            continue
        if not _plainly_not_a_figure(text, m.start(), m.end(), covered):
            found.append(_unread(text, m.start(), m.end(), sentences))
    return sorted(found, key=lambda u: u.start)


def _plainly_not_a_figure(text: str, start: int, end: int, covered: SpanSet) -> bool:
    if covered.overlaps(start, end):
        return True
    if end - start >= 7 and text[start:end].isdigit():
        return True  # a telephone, an ID, a record number
    if _NOT_FIGURE_AFTER.match(text, end):
        return True
    before = text[max(0, start - 3) : start].rstrip(SPACE_CHARS)
    if before.endswith(_ORDINAL_BEFORE):
        return True
    # Touching Latin letters or a hyphenated code: 6S, H5N1, COVID-19, 5G, A3-2.
    if re.match(r"\.[A-Za-z]", text[end : end + 2]):
        return True  # 图片1.png: a file name
    if _LATIN.match(text[end : end + 1]) or _LATIN.match(text[start - 1 : start] if start else ""):
        return True
    return False


def _unread(text: str, start: int, end: int, sentences: Stops) -> Unread:
    left, right = sentences.around(start, end)
    return Unread(text[start:end], start, end, text[left:right].strip())
