"""Extracting the figures a report states: “开展主题党日活动12次”, “发展党员9名”, “参会率达98.5%”.

A figure is a number directly followed by a measure word (or %), with its qualifier
(余/多/近/约/超过/以上) and the 万/亿 it is scaled by. What looks like one but is not
is rejected here, each rule with its reason:

- dates and years: 年/月/日 are not measure words, so `2023年`, `12月底` never match;
- ordinals: a number after 第 (`第一议题`, `第三季度`), congress and plenum numbers
  (`十九届`, `二十大`: 届/大 are not measure words);
- slogans and formula names: a fixed list (`两个维护`, `八项规定` …) and anything
  inside “…” or 《…》 (`“三会一课”`, `“七个一”`);
- ranks and levels: 级/甲/强 are not measure words; `前三名` is a ranking;
- names with digits: a number touching Latin letters (`6S管理`) or followed by a
  noun rather than a measure word (`301医院`, `120急救`);
- a bare `一` before a measure word is the indefinite article (`一项一项`, `一支队伍`)
  unless it closes its clause (`开展竞赛一次，`); a bare `二` is an ordinal
  (`二次创业`, `二期工程`; counts say 两);
- anything inside mojibake or in the same clause as mojibake.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from . import lexicon
from .numerals import CN_NUMERAL_CHARS, as_plain, parse_arabic, parse_chinese, parse_number

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

# The vocabulary is data (data/units.txt, qualifiers.txt, fixed_terms.txt); see lexicon.py.
UNITS = lexicon.units()
_UNITS_ARABIC_ONLY = frozenset(u for u, d in UNITS.items() if d.arabic_only)
_QUALIFIERS = lexicon.qualifiers()
_QUALIFIER_PREFIX = _QUALIFIERS.before
_PREFIX_WIDTHS = sorted({len(p) for p in _QUALIFIER_PREFIX}, reverse=True)

#: Formula names and slogans that contain a number and a measure word (data/fixed_terms.txt).
SLOGANS = tuple(t for t in lexicon.fixed_terms() if not t.isdigit())
_SLOGANS_BY_CHAR: dict[str, list[str]] = {}
for _slogan in SLOGANS:
    _SLOGANS_BY_CHAR.setdefault(_slogan[0], []).append(_slogan)

#: Spaces reports put between a number and its unit: ASCII, no-break, thin, narrow, ideographic.
SPACE_CHARS = " \u00a0\u2009\u202f\u2002\u2003\u3000"
SPACE = "[ \u00a0\u2009\u202f\u2002\u2003\u3000]"
_SP = f"{SPACE}?"
_CN = f"[{CN_NUMERAL_CHARS}]+(?:点[零〇一二三四五六七八九]+)?"
_AR = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9０-９]+(?:[.．][0-9０-９]+)?"
_UNIT_RE = lexicon.alternation(list(UNITS))
_RANGE_SEP = r"[-－–—~～]|至|到"
_NOT_BEFORE_AR = r"[0-9０-９.．A-Za-zＡ-Ｚａ-ｚ_\-–—~～/#第前]"

FIGURE_RE = re.compile(
    rf"(?:(?P<prefix>{lexicon.alternation(list(_QUALIFIER_PREFIX))}){_SP})?"
    rf"(?:百分之(?P<pct>{_CN}|{_AR})"  # first, or 百 would be read as a numeral
    rf"|(?<![0-9０-９/])(?P<fnum>[0-9]+){_SP}[/／]{_SP}(?P<fden>[0-9]+)(?![0-9/／.])"  # 1/3
    rf"|(?P<cden>{_CN}|[0-9]+)分之(?P<cnum>{_CN}|[0-9]+)"  # 三分之一
    rf"|(?P<half>半数|一半)"
    rf"|(?<!{_NOT_BEFORE_AR})(?P<ar>{_AR})(?:{_SP}(?:{_RANGE_SEP}){_SP}(?P<ar2>{_AR}))?"
    rf"|(?<![{CN_NUMERAL_CHARS}第初前])(?P<cn>{_CN})(?:(?:至|到)(?P<cn2>{_CN}))?)"
    rf"(?:{_SP}(?P<q1>余|多))?(?:{_SP}(?P<mult>千万|百万|万|亿|千))?(?P<q2>余|多)?"
    rf"(?:{_SP}(?P<unit>{_UNIT_RE}))?"
    rf"(?:{_SP}(?P<post>{lexicon.alternation(list(_QUALIFIERS.after))}))?"
)
_NUMERAL_RUN = re.compile(f"[0-9０-９{CN_NUMERAL_CHARS}]+|半数")
PLACEHOLDER_RE = re.compile(
    rf"(?<![A-Za-z])(?:[XＸ]{{2,}}|[xｘ]{{2,}})(?:余|多)?(?P<unit>{_UNIT_RE})"
)

_MULTIPLIERS = {"千万": 10_000_000, "百万": 1_000_000, "万": 10_000, "亿": 100_000_000, "千": 1000}
_ARTICLE_NUMERALS = {"一", "二", "百", "千", "万", "亿"}
_NO_PREFIX_BEFORE = {"约": "预签制节公契简履违特邀相", "近": "最附临亲"}
# After a Chinese numeral and a measure word, these make the three characters a place name.
_PLACE_AFTER = frozenset("县市区镇州省")
_PLACE_COUNTERS = frozenset(["个", "所", "家", "座", "处", "名", "人", "位"])  # 三个县 is a count
_FIXED_RE = re.compile(lexicon.alternation(list(SLOGANS)))
#: The unit of a share (1/3, 三分之一, 半数): the value is the fraction, 0…1.
SHARE_UNIT = "占比"
_QUOTED = re.compile(
    r"“[^“”\n]{1,30}”|「[^「」\n]{1,30}」|『[^『』\n]{1,30}』|《[^《》\n]{1,80}》"
    r"|〈[^〈〉\n]{1,80}〉|\"[^\"\n]{1,30}\""
)


@dataclass(frozen=True)
class Figure:
    value: int | float
    unit: str
    qualifier: str | None
    text: str
    label: str
    clause: str
    sentence: str
    start: int
    end: int
    high: int | float | None = None  # the upper end of a range (3-5人 → value 3, high 5)


def reject_after_unit(unit: str, following: str, chinese: bool) -> bool:
    """Measure words that are really the first character of a word."""
    if unit == "个" and following.startswith(("月", "多月")):
        return True  # 3个月: a duration
    if unit == "周" and following.startswith(("年", "岁")):
        return True  # 建党100周年: an anniversary
    if unit == "期" and following.startswith(("工程", "项目", "建设", "改造")):
        return True  # 二期工程: a phase
    if unit in ("支", "组") and following.startswith(("部", "织")):
        return True  # 一支部一特色, XX组织: the start of a noun
    if unit == "次" and following.startswith("性"):
        return True
    if unit == "分" and (following[:1] == "之" or re.match(f"[{HAN}]", following[:1] or " ")):
        return following[:2] != "以上"  # 95分 is a score, 3分院 a name
    if unit == "门" and following.startswith("诊"):
        return True
    if chinese and following[:1] in _PLACE_AFTER and unit not in _PLACE_COUNTERS:
        return True  # 三台县, 六盘水市: a place name
    if chinese and re.match(f"[{CN_NUMERAL_CHARS}]", following[:1] or " "):
        return True  # 七个一, 五个一: formula names
    return False


def _value(m: re.Match[str]) -> Decimal | None:
    if m.group("pct") is not None:
        return parse_number(m.group("pct"))
    if m.group("fnum") is not None:
        return _share(parse_number(m.group("fnum")), parse_number(m.group("fden")))
    if m.group("cnum") is not None:
        return _share(parse_number(m.group("cnum")), parse_number(m.group("cden")))
    if m.group("half") is not None:
        return Decimal("0.5")
    if m.group("ar") is not None:
        base = parse_arabic(m.group("ar"))
    else:
        base = parse_chinese(m.group("cn"))
    if base is None:
        return None
    if m.group("mult"):
        base *= _MULTIPLIERS[m.group("mult")]
    return base


def _share(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    if numerator is None or not denominator or numerator > denominator:
        return None
    return (numerator / denominator).quantize(Decimal("0.0001"))


def _high(m: re.Match[str]) -> Decimal | None:
    """The upper end of a range, scaled like the lower one; None when it is no larger."""
    text = m.group("ar2") or m.group("cn2")
    high = parse_number(text) if text else None
    low = _value(m)
    if high is None or low is None:
        return None
    if m.group("mult"):
        high *= _MULTIPLIERS[m.group("mult")]
    return high if high > low else None


class SpanSet:
    """Sorted, non-overlapping spans with a logarithmic overlap test."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for a, b in sorted(spans):
            if merged and a < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
            else:
                merged.append((a, b))
        self._starts = [a for a, _ in merged]
        self._ends = [b for _, b in merged]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self._ends, start)  # first span ending after `start`
        return i < len(self._starts) and self._starts[i] < end


# Separators as patterns: ASCII `,` and `:` between digits hold a number together (1,000; 8:30).
CLAUSE_STOP_RE = re.compile(r"[，、；;。！？!?：\n\t]|(?<![0-9])[,:]|[,:](?![0-9])")
SENTENCE_STOP_RE = re.compile(r"[。！？!?\n]")


class Stops:
    """Positions of separators in a text, for finding the clause or sentence around a span."""

    def __init__(self, text: str, pattern: re.Pattern[str]) -> None:
        if pattern is CLAUSE_STOP_RE:
            self._positions = _clause_stops(text)
        else:
            self._positions = [m.start() for m in pattern.finditer(text)]
        self._length = len(text)

    def around(self, start: int, end: int) -> tuple[int, int]:
        i = bisect_left(self._positions, start)
        left = self._positions[i - 1] + 1 if i else 0
        j = bisect_left(self._positions, end)
        right = self._positions[j] if j < len(self._positions) else self._length
        return left, right


_CLAUSE_CHARS = re.compile(r"[，、；;。！？!?：\n\t,:]")


def _clause_stops(text: str) -> list[int]:
    """CLAUSE_STOP_RE's matches, found faster: a plain character scan, then `,`/`:` between
    two digits (1,000; 8:30) dropped in Python rather than by look-arounds at every position."""
    positions = []
    for m in _CLAUSE_CHARS.finditer(text):
        at = m.start()
        if text[at] in ",:" and 0 < at < len(text) - 1:
            if text[at - 1].isdigit() and text[at + 1].isdigit() and text[at - 1].isascii():
                continue
        positions.append(at)
    return positions


@lru_cache(maxsize=4)
def stops(text: str, pattern: re.Pattern[str]) -> Stops:
    """The separators of `text`, found once for the extractor and the unread-number check."""
    return Stops(text, pattern)


def _ends_clause(text: str, end: int) -> bool:
    return end == len(text) or CLAUSE_STOP_RE.match(text, end) is not None


def extract_figures(text: str, blocked: Sequence[tuple[int, int]] = ()) -> list[Figure]:
    """Every figure in `text`; no clause that touches a span in `blocked` (mojibake) yields one."""
    quoted = SpanSet(
        [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
        + [(m.start(), m.end()) for m in _FIXED_RE.finditer(text)]  # 成熟一个，发展一个
    )
    blocked_set = SpanSet(blocked)
    clauses = stops(text, CLAUSE_STOP_RE)
    sentences = stops(text, SENTENCE_STOP_RE)
    figures: list[Figure] = []
    for m in _candidates(text):
        figure = _figure(text, m, quoted, blocked_set, clauses, sentences)
        if figure is not None:
            figures.append(figure)
    return figures


def _candidates(text: str) -> Iterator[re.Match[str]]:
    """FIGURE_RE matches, tried only where a numeral starts (or its qualifier just before).

    The same matches as FIGURE_RE.finditer, several times faster: the regex engine
    cannot skip ahead over an optional prefix and three alternatives by itself.
    """
    done = 0
    for run in _NUMERAL_RUN.finditer(text):
        at = run.start()
        if at < done:
            continue
        m = None
        head = at - 1 if at and text[at - 1] in SPACE_CHARS else at
        for width in _PREFIX_WIDTHS:
            if head >= width and text[head - width : head] in _QUALIFIER_PREFIX:
                m = FIGURE_RE.match(text, head - width)
                if m is not None and m.group("prefix"):
                    break
                m = None
        if m is None:
            m = FIGURE_RE.match(text, at)
        if m is not None:
            done = m.end()
            yield m


def _figure(
    text: str,
    m: re.Match[str],
    quoted: SpanSet,
    blocked: SpanSet,
    clauses: Stops,
    sentences: Stops,
) -> Figure | None:
    surface = m.group("unit")
    share = m.group("fnum") or m.group("cnum") or m.group("half")
    if share:
        if surface:
            return None  # 1/3人 is not a share
        unit = SHARE_UNIT
    elif m.group("pct") is not None:
        if surface and UNITS[surface].unit != "%":
            return None
        unit = "%"
    elif not surface:
        return None
    else:
        unit = UNITS[surface].unit
    chinese = m.group("cn") is not None
    if chinese and surface:
        numeral = m.group("cn")
        if surface in _UNITS_ARABIC_ONLY:
            return None
        if surface == "分" and numeral in ("十", "百", "万"):
            return None  # 十分重要, 百分百, 万分感谢
        hedged = m.group("prefix") and numeral in ("百", "千", "万")  # 近百名, 上千人
        if numeral in _ARTICLE_NUMERALS and not (m.group("q1") or m.group("q2") or hedged):
            # 一 ending its clause counts (开展竞赛一次，); elsewhere it is an article.
            closes = numeral == "一" and surface != "起" and _ends_clause(text, m.end())
            if not closes or m.group("prefix"):  # 一起，is “together”
                return None
    start, end = m.start(), m.end()
    number_start = next(
        (m.start(g) for g in ("ar", "cn", "fnum", "cden", "half") if m.group(g) is not None),
        m.start(),
    )
    if text[max(0, number_start - 3) : number_start].rstrip(SPACE_CHARS).endswith(("第", "前")):
        return None  # 第 3 次, 前 3 名: an ordinal or a ranking, spaced out
    prefix = m.group("prefix")
    if prefix and text[m.start() - 1 : m.start()] in tuple(_NO_PREFIX_BEFORE.get(prefix, "")):
        prefix, start = None, number_start  # 预约, 最近: part of another word
    after_unit = m.end("unit") if surface else end
    following = text[after_unit : after_unit + 4]
    if surface and reject_after_unit(surface, following, chinese):
        return None
    slogans = _SLOGANS_BY_CHAR.get(text[number_start], ())
    if any(text.startswith(slogan, number_start) for slogan in slogans):
        return None
    if quoted.overlaps(start, end):
        return None
    value = _value(m)
    if value is None:
        return None
    qualifier = _qualifier(m, prefix)
    clause_start, clause_end = clauses.around(start, end)
    sentence_start, sentence_end = sentences.around(start, end)
    if blocked.overlaps(clause_start, clause_end):
        return None  # a clause with mojibake in it cannot be trusted to say what it counts
    clause = text[clause_start:clause_end].strip()
    high = _high(m) if (m.group("ar2") or m.group("cn2")) else None
    return Figure(
        value=as_plain(value),
        unit=unit,
        qualifier=qualifier,
        text=text[start:end],
        label=make_label(text, start, end, clause_start, clause_end, sentence_start, clauses),
        clause=clause,
        sentence=text[sentence_start:sentence_end].strip(),
        start=start,
        end=end,
        high=None if high is None else as_plain(high),
    )


def _qualifier(m: re.Match[str], prefix: str | None) -> str | None:
    """余/多/近/约/左右/以上/不少于/超过, read through data/qualifiers.txt; the prefix wins."""
    if prefix:
        return _QUALIFIER_PREFIX[prefix]
    inside = m.group("q1") or m.group("q2")
    if inside:
        return _QUALIFIERS.inside[inside]
    surface = m.group("unit")
    if surface and UNITS[surface].qualifier:
        return UNITS[surface].qualifier
    post = m.group("post")
    return _QUALIFIERS.after[post] if post else None


def find_placeholders(text: str) -> list[tuple[int, int]]:
    """`XX次`, `XX余人`: template blanks where a figure was never filled in."""
    return [
        (m.start(), m.end())
        for m in PLACEHOLDER_RE.finditer(text)
        if not reject_after_unit(m.group("unit"), text[m.end() : m.end() + 4], chinese=False)
    ]


# --- labels ------------------------------------------------------------------------------

_LEAD_NOISE = re.compile(
    r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+是|\d+[.．、]|其中|同时|此外|另外"
    r"|\d{4}年度?|全年|今年(?:以来)?|年内|上半年|下半年|年初|年底|截至目前|截至年底|目前|累计|共计|共)+"
)
_TRAIL_NOISE = re.compile(r"(?:共计|共有|合计|总计|累计|分别|先后|达到|达|为|有|共|计)+$")
# Verbs that introduce what is counted: the label is what follows them.
_LEAD_VERBS = re.compile(
    r"^(?:组织开展|组织召开|开展|召开|举办|举行|组织|进行|完成|共有|现有|拥有|有|参加|选派|组成)"
)
_LAST_VERB = re.compile(r".*(?:开展|召开|举办|举行|组成|选派|组织)")
# Where a label written after the number ends.
_POST_STOP = re.compile(
    r"于|在|到|赴|对|为|被|和|与|及|以|参加|参与|开展|进行|组成|来到|完成|通过|获得|荣获|发放|"
    r"深入|走进|前往|共计|等|，|的"
)
_POST_VERB_START = re.compile(
    r"^(?:发放|开展|进行|参加|参与|完成|通过|获得|荣获|深入|走进|前往|用于|覆盖|受益|以上|左右|"
    r"于|在|到|赴|对|为|被|和|与|及|的|等|次|共)"
)


def _strip_quotes(text: str) -> str:
    return re.sub('[“”"「」『』‘’]', "", text).strip()


def _pre_label(pre: str) -> str:
    label = _strip_quotes(pre)
    opened = max(label.rfind("（"), label.rfind("("))
    if opened >= 0 and max(label.rfind("）"), label.rfind(")")) < opened:
        label = label[opened + 1 :]  # a figure inside a bracketed note: the note's words
    label = _LEAD_NOISE.sub("", label)
    label = _TRAIL_NOISE.sub("", label)
    if len(label) > 10:
        # A long run-up (“选派临床经验丰富的医务人员组成医疗保障组”): keep what the last verb names.
        tail = _LAST_VERB.match(label)
        if tail and tail.end() < len(label):
            label = label[tail.end() :]
    stripped = _LEAD_VERBS.sub("", label)
    if stripped and len(stripped) >= 2:
        label = stripped
    if len(label) > 12 and "的" in label[:-1]:
        label = label.rsplit("的", 1)[1]
    return label.strip()


_PAREN_NOTE = re.compile(r"[（(][^（()）]*(?:[）)]|$)")


def _post_label(post: str) -> str:
    # A note in brackets after the figure (“428次（较上年增加12次）”) is not what it counts,
    # nor is the closing bracket after a figure inside such a note.
    label = _PAREN_NOTE.sub("", _strip_quotes(post)).lstrip("）) ")
    if _POST_VERB_START.match(label):
        return ""
    stop = _POST_STOP.search(label)
    if stop:
        label = label[: stop.start()]
    return label.strip()


def make_label(
    text: str,
    start: int,
    end: int,
    clause_start: int,
    clause_end: int,
    sentence_start: int,
    clauses: Stops,
) -> str:
    """A short phrase for what the figure counts.

    “主题党日活动56次” → the words before the number; “举办4期培训班”, “10个党支部于…”
    → the noun after the measure word; “党员总数：312名” → the clause before.
    """
    post = _post_label(text[end:clause_end])
    if post:
        return post
    pre = _pre_label(text[clause_start:start])
    if pre:
        return pre
    # The figure is a clause of its own (`党员总数：312名`, a table cell): look one clause back.
    if clause_start > sentence_start:
        prev_start, _ = clauses.around(clause_start - 1, clause_start - 1)
        return _pre_label(text[prev_start : clause_start - 1])
    return ""
