"""The words the extractor knows, read from the text files in `data/`.

Units, qualifiers, fixed terms, the words that make a number a date or an ordinal, and the
line patterns of web-page furniture are data: a new measure word or a new site's footer is
one line in a file, not a new regex alternation in the code. Each file says its format in
its header; `#` starts a comment, blank lines are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        body = line.split(" #", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if body:
            rows.append(body.split())
    return rows


@dataclass(frozen=True)
class Unit:
    surface: str
    unit: str  # the unit reported
    arabic_only: bool = False
    qualifier: str | None = None  # carried by the surface itself (个多小时 → 多)


@lru_cache(maxsize=1)
def units() -> dict[str, Unit]:
    """Every measure word by its surface form."""
    found: dict[str, Unit] = {}
    for row in _rows("units.txt"):
        surface, rest = row[0], row[1:]
        unit = rest[0] if rest and "=" not in rest[0] and rest[0] != "arabic" else surface
        options = [r for r in rest if r == "arabic" or "=" in r]
        qualifier = next((o.split("=", 1)[1] for o in options if o.startswith("qualifier=")), None)
        found[surface] = Unit(surface, unit, "arabic" in options, qualifier)
    return found


@dataclass(frozen=True)
class Qualifiers:
    before: dict[str, str]
    inside: dict[str, str]
    after: dict[str, str]


@lru_cache(maxsize=1)
def qualifiers() -> Qualifiers:
    table: dict[str, dict[str, str]] = {"before": {}, "inside": {}, "after": {}}
    for position, surface, meaning in _rows("qualifiers.txt"):
        table[position][surface] = meaning
    return Qualifiers(table["before"], table["inside"], table["after"])


@lru_cache(maxsize=1)
def fixed_terms() -> tuple[str, ...]:
    """Names and slogans with a numeral inside (三会一课, 十四五, 二十大), longest first."""
    return tuple(sorted((row[0] for row in _rows("fixed_terms.txt")), key=len, reverse=True))


@lru_cache(maxsize=1)
def not_figure_words() -> tuple[str, ...]:
    """Words after a number that make it a date, time, ordinal or rank, longest first."""
    return tuple(sorted((row[0] for row in _rows("not_figure_words.txt")), key=len, reverse=True))


@dataclass(frozen=True)
class ChromePattern:
    kind: str
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def chrome_patterns() -> tuple[ChromePattern, ...]:
    """Line patterns of web-page furniture (发布时间, 上一篇, 分享到, ICP备 …)."""
    found = []
    for line in (DATA / "chrome.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        kind, regex = line.split(None, 1)
        found.append(ChromePattern(kind, re.compile(regex.strip())))
    return tuple(found)


def alternation(words: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of literal words, longest first (人次 before 人)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
