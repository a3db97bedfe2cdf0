"""Finding web debris in report text: adverts, paywall markers, disclaimers, credits, pinyin.

Each finder returns spans; nothing here edits text. `remove_spans` then cuts them all
at once and keeps the arithmetic that maps an original offset to a cleaned one.
Everything not inside a span is left exactly as it was.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from re import _parser as re_parser  # type: ignore[attr-defined]
from typing import Any

from . import lexicon

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


@dataclass(frozen=True)
class Span:
    kind: str  # advert | paywall_marker | disclaimer | credit | pinyin | chrome kinds (chrome.txt)
    start: int
    end: int


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end including the newline, line without it) for every line."""
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        yield pos, pos + len(line), body
        pos += len(line)


# --- adverts -----------------------------------------------------------------------------

_AD_TRIGGER = re.compile(
    r"(?:预览|试读|免费)*阅读(?:已|已经)?结束|(?:预览|试读)(?:已|已经)?结束"
    r"|剩余\s*\d+\s*[%％]\s*未读"
    r"|(?:查看|阅读|下载)(?:剩余|余下)?全文(?:请|需)"
)
_AD_WORDS = re.compile(
    r"联系老师|联系客服|代笔|代写|点击|扫码|扫描二维码|微信|加V|QQ|VIP|会员|下载|全文|👉|👈"
)
_AD_ANCHOR = re.compile(r"结束|未读|全文")
_AD_HINTS = ("结束", "未读", "全文", "联系老师", "代笔", "代写", "联系客服")
_AD_SELLING = re.compile(r"联系老师|代笔|代写|联系客服")
_AD_LINE = re.compile(r"(?:联系老师|代笔|代写|联系客服).{0,40}|.{0,40}(?:联系老师|代笔|代写)")


def _line_at(text: str, pos: int) -> tuple[int, int]:
    """(start, end including the newline) of the line holding `pos`."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end + 1


def find_adverts(text: str) -> list[Span]:
    """“预览阅读已结束……联系老师” tails, and stray lines selling ghost-writing."""
    spans: list[Span] = []
    if not any(word in text for word in _AD_HINTS):
        return spans  # a plain substring test is far cheaper than the patterns below
    for anchor in _AD_ANCHOR.finditer(text):
        # The full pattern starts with alternatives the regex engine cannot skip to
        # quickly; look for it only in a small window around each anchor word.
        trigger = _AD_TRIGGER.search(text, max(0, anchor.start() - 8), anchor.end())
        if trigger is None or (spans and trigger.start() < spans[-1].end):
            continue
        line_start, line_end = _line_at(text, trigger.start())
        # From the trigger (the whole line when it opens the line) through the next
        # lines that still read as the same advert, at most three of them.
        ad_start = line_start if not text[line_start : trigger.start()].strip() else trigger.start()
        ad_end = line_end
        for _ in range(3):
            if ad_end >= len(text):
                break
            next_start, next_end = _line_at(text, ad_end)
            if not _AD_WORDS.search(text, next_start, next_end):
                break
            ad_end = next_end
        spans.append(Span("advert", ad_start, ad_end))
    for word in _AD_SELLING.finditer(text):
        line_start, line_end = _line_at(text, word.start())
        if any(s.start <= line_start < s.end for s in spans):
            continue
        body = text[line_start:line_end].rstrip("\r\n")
        if len(body) <= 60 and _AD_LINE.fullmatch(body.strip()) and _AD_WORDS.search(body):
            spans.append(Span("advert", line_start, line_end))
    return sorted(set(spans), key=lambda s: s.start)


# --- paywall markers ---------------------------------------------------------------------

_PAYWALL = re.compile(r"##\s*paid\s*(?:begin|end)\s*##", re.IGNORECASE)


def find_paywall_markers(text: str) -> list[Span]:
    """`##paidbegin##` / `##paidend##`: only the markers go, the text between them stays."""
    return [Span("paywall_marker", m.start(), m.end()) for m in _PAYWALL.finditer(text)]


# --- disclaimers -------------------------------------------------------------------------

_DISCLAIMER_HEAD = re.compile(r"^\W*免责声明\W*$")
_DISCLAIMER_LINE = re.compile(r"^\W*(?:免责声明|版权声明)\s*[:：]")
# Both halves are needed: a report may well speak of 版权 or 删除 on its own.
_DISCLAIMER_BODY = re.compile(
    r"(?:转载|来源于?网络|来自网络|版权归|仅供(?:学习|参考)).*(?:侵权|删除|不代表本)"
    r"|(?:侵权|不代表本(?:网|站|平台)).*(?:删除|联系|观点)"
)


_DISCLAIMER_HINTS = ("声明", "侵权", "删除", "不代表本")


def find_disclaimers(text: str) -> list[Span]:
    """News-site 免责声明 paragraphs (with their heading when it stands alone)."""
    spans: list[Span] = []
    if not any(word in text for word in _DISCLAIMER_HINTS):
        return spans
    lines = list(_lines(text))
    i = 0
    while i < len(lines):
        start, end, body = lines[i]
        if _DISCLAIMER_HEAD.match(body):
            j = i + 1
            while j < len(lines) and not lines[j][2].strip():
                j += 1
            last = j if j < len(lines) and len(lines[j][2]) <= 300 else i
            spans.append(Span("disclaimer", start, lines[last][1]))
            i = last + 1
            continue
        if _DISCLAIMER_LINE.match(body) or (len(body) <= 200 and _DISCLAIMER_BODY.search(body)):
            spans.append(Span("disclaimer", start, end))
        i += 1
    return spans


# --- credit lines ------------------------------------------------------------------------

_CREDIT_KEY = (
    r"(?:责编|责任编辑|编辑|审核|审校|校对|初审|复审|终审|来源|作者|撰稿|供稿|摄影|通讯员)"
)
_CREDIT_LINE = re.compile(
    rf"^\s*[（(【\[]?\s*{_CREDIT_KEY}\s*[:：][^。！？（）()【】\[\]]{{0,40}}[）)】\]]?\s*$"
)
_CREDIT_INLINE = re.compile(
    r"[（(【\[]\s*(?:责编|责任编辑|编辑)\s*[:：][^（()）【】\[\]\n]{1,30}[）)】\]]"
)


def find_credits(text: str) -> list[Span]:
    """`责编：张三`, `编辑：李四 审核：王五` lines, and `（责编：张三）` tucked after a paragraph."""
    spans: list[Span] = []
    credit_lines: set[int] = set()
    for start, end, body in _lines(text):
        if body.strip() and len(body) <= 60 and _CREDIT_LINE.match(body):
            if re.search(r"责编|编辑", body) or _only_credits(body):
                spans.append(Span("credit", start, end))
                credit_lines.add(start)
    covered = [(s.start, s.end) for s in spans]
    for m in _CREDIT_INLINE.finditer(text):
        if not any(a <= m.start() < b for a, b in covered):
            spans.append(Span("credit", m.start(), m.end()))
    return spans


def _only_credits(body: str) -> bool:
    """A line of several `key：name` pairs (`审核：王五 校对：赵六`)."""
    pairs = re.findall(rf"{_CREDIT_KEY}\s*[:：]", body)
    return len(pairs) >= 2


# --- pinyin annotations ------------------------------------------------------------------

_TONED = str.maketrans(
    "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ",
    "aaaaeeeeiiiioooouuuuvvvvvennnmabcdefghijklmnopqrstuvwxyz",
)
_PINYIN_LETTERS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿａ-ｚ"
_PINYIN_CANDIDATE = re.compile(
    rf"(?<=[{HAN}])[(（]\s*([{_PINYIN_LETTERS}1-5][{_PINYIN_LETTERS}1-5' ]*?)\s*[)）]"
)
_SYLLABLE = r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aoeiuv]{1,3}(?:ng|n|r)?[1-5]?"
_PINYIN_WORD = re.compile(rf"(?:{_SYLLABLE})+")
_TONE_MARKS = re.compile("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]|[a-z][1-5]")


def find_pinyin(text: str) -> list[Span]:
    """`衛(wèi)生` → the `(wèi)`: pinyin in ASCII or full-width brackets right after a Han char."""
    spans = []
    for m in _PINYIN_CANDIDATE.finditer(text):
        reading = m.group(1)
        plain = reading.translate(_TONED)
        words = [w for w in re.split(r"[ ']+", plain) if w]
        if not words or not all(_PINYIN_WORD.fullmatch(w) for w in words):
            continue
        if not _TONE_MARKS.search(reading) and len(plain.replace(" ", "")) < 2:
            continue  # a lone plain letter is a list marker, not a reading
        spans.append(Span("pinyin", m.start(), m.end()))
    return spans


# --- web-page furniture ------------------------------------------------------------------

_CHROME_MAX_LINE = 120
_RELATED_HEADER = re.compile(
    r"^(?:相关|推荐|热门|最新|延伸|更多)(?:阅读|文章|新闻|链接|推荐|内容|资讯)?\s*[:：]?\s*$|^猜你喜欢\s*$"
)
_LIST_ITEM_MAX = 60


def _alternatives(regex: str) -> list[str]:
    """The top-level `|` alternatives of a regex (brackets, groups and escapes respected)."""
    parts, depth, in_class, start, i = [], 0, False, 0, 0
    while i < len(regex):
        ch = regex[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(regex[start:i])
            start = i + 1
        i += 1
    parts.append(regex[start:])
    return parts


def _first_chars(items: Any) -> tuple[set[str] | None, bool]:
    """The characters a parsed regex can start with (None: any), and whether it can match
    the empty string. Enough of `re`'s parse tree for the furniture patterns; anything else
    is answered with None, which only costs speed."""
    chars: set[str] = set()
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            return chars | {chr(av)}, False
        if name == "IN":
            for kind, value in av:
                if str(kind) == "LITERAL":
                    chars.add(chr(value))
                elif str(kind) == "RANGE" and value[1] - value[0] < 512:
                    chars.update(chr(c) for c in range(value[0], value[1] + 1))
                elif str(kind) == "CATEGORY" and str(value) == "CATEGORY_DIGIT":
                    chars.update("0123456789")
                elif str(kind) == "CATEGORY" and str(value) == "CATEGORY_SPACE":
                    chars.update(" \t\n\r\f\v\u3000\u00a0")
                else:
                    return None, False
            return chars, False
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue  # zero width
        if name == "SUBPATTERN":
            inner, nullable = _first_chars(av[-1])
        elif name == "BRANCH":
            inner, nullable = set(), False
            for branch in av[1]:
                found, empty = _first_chars(branch)
                if found is None:
                    return None, False
                inner |= found
                nullable = nullable or empty
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            inner, nullable = _first_chars(av[2])
            nullable = nullable or av[0] == 0
        else:
            return None, False
        if inner is None:
            return None, False
        chars |= inner
        if not nullable:
            return chars, False
    return chars, True


@lru_cache(maxsize=1)
def _chrome_regex() -> tuple[
    re.Pattern[str], re.Pattern[str], re.Pattern[str] | None, dict[str, str]
]:
    """The furniture patterns as regexes, each alternative in a named group: those anchored
    at the line's start (tried there only), the others (tried only where one can start: the
    third regex finds those places; None when that cannot be worked out)."""
    kinds: dict[str, str] = {}
    anchored: list[str] = []
    floating: list[str] = []
    starts: set[str] | None = set()
    for i, item in enumerate(lexicon.chrome_patterns()):
        for j, part in enumerate(_alternatives(item.pattern.pattern)):
            name = f"p{i}_{j}"
            kinds[name] = item.kind
            if part.startswith("^"):
                anchored.append(f"(?P<{name}>{part[1:]})")
                continue
            floating.append(f"(?P<{name}>{part})")
            first, empty = _first_chars(re_parser.parse(part))
            starts = None if starts is None or first is None or empty else starts | first
    trigger = (
        re.compile("[" + "".join(re.escape(c) for c in sorted(starts)) + "]") if starts else None
    )
    return re.compile("|".join(anchored)), re.compile("|".join(floating)), trigger, kinds


def _floating(
    line: str, floating: re.Pattern[str], trigger: re.Pattern[str] | None
) -> re.Match[str] | None:
    if trigger is None:
        return floating.search(line)
    for place in trigger.finditer(line):
        found = floating.match(line, place.start())
        if found is not None:
            return found
    return None


def find_chrome(text: str) -> list[Span]:
    """Lines of a page's furniture: 发布时间/来源/浏览次数, 上一篇/下一篇, 分享到, ICP备 ….

    The patterns are data (data/chrome.txt). A line is cut whole, and only when it is short:
    a paragraph of the report that mentions 来源 or 分享 stays. After a bare 相关文章 /
    热门推荐 heading, the short title lines under it go too (up to the first sentence).
    """
    anchored, floating, trigger, kinds = _chrome_regex()
    spans: list[Span] = []
    lines = list(_lines(text))
    i = 0
    while i < len(lines):
        start, end, body = lines[i]
        stripped = body.strip().lstrip("•·▪*-– \u3000")  # list bullets of a page's info box
        kind = None
        if stripped and len(stripped) <= _CHROME_MAX_LINE:
            found = anchored.match(stripped) or _floating(stripped, floating, trigger)
            kind = kinds[found.lastgroup] if found is not None and found.lastgroup else None
        if kind is None:
            i += 1
            continue
        spans.append(Span(kind, start, end))
        i += 1
        if _RELATED_HEADER.match(stripped):
            for _ in range(12):
                if i >= len(lines):
                    break
                item = lines[i][2].strip()
                if not item or len(item) > _LIST_ITEM_MAX or "。" in item:
                    break
                spans.append(Span(kind, lines[i][0], lines[i][1]))
                i += 1
    return spans


# --- all together ------------------------------------------------------------------------


def find_debris(text: str) -> list[Span]:
    """Every span to remove, sorted, overlaps resolved in favour of the earlier, longer span."""
    found = [
        *find_adverts(text),
        *find_paywall_markers(text),
        *find_disclaimers(text),
        *find_credits(text),
        *find_pinyin(text),
        *find_chrome(text),
    ]
    found.sort(key=lambda s: (s.start, -s.end))
    spans: list[Span] = []
    for span in found:
        if spans and span.start < spans[-1].end:
            continue
        spans.append(span)
    return spans


class OffsetMap:
    """Maps an offset in the original text to the cleaned text, once spans are cut."""

    def __init__(self, spans: Iterable[Span]) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._removed_before: list[int] = []
        removed = 0
        for span in spans:
            self._starts.append(span.start)
            self._ends.append(span.end)
            removed += span.end - span.start
            self._removed_before.append(removed)

    def __call__(self, offset: int) -> int | None:
        """Cleaned offset, or None when `offset` lies inside a removed span."""
        i = bisect_right(self._ends, offset)
        if i < len(self._starts) and self._starts[i] <= offset < self._ends[i]:
            return None
        return offset - (self._removed_before[i - 1] if i else 0)


def remove_spans(text: str, spans: list[Span]) -> str:
    pieces = []
    pos = 0
    for span in spans:
        pieces.append(text[pos : span.start])
        pos = span.end
    pieces.append(text[pos:])
    return "".join(pieces)
