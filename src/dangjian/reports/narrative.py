"""The annual report's narrative: figures written into sentences from an editable template.

The text lives in ``templates/reports/narrative.txt`` (a Django template, overridable per
organisation, see :mod:`dangjian.reports.templates_dir`). Its rendered output is read line by
line:

* ``= text``   the title;
* ``# text``   a 一级标题, numbered 一、二、三、… automatically;
* ``## text``  a 二级标题, numbered （一）（二）… automatically within its 一级标题;
* ``> text``   a closing line (落款) — not used by the default, which adds 署名 and 日期 itself;
* any other non-empty line is one paragraph; empty lines are ignored.

A heading with no paragraphs under it is left out and the numbering closes up, so a template
can wrap a whole subsection in ``{% if %}`` and never print a zero for missing data.

A figure written in the template (``{{ f.meetings.主题党日 }}``) renders as a marker naming its
key; each output format then replaces the marker with the value (and, on the HTML page, with a
link to the records it counts). ``{{ f.meetings.主题党日.change }}`` gives the change on the
previous year (“较上年增加3次、增长25.0%”), empty when the previous year has no data.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.template import Context as TemplateContext
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from dangjian.core import clock
from dangjian.core.dates import chinese_date
from dangjian.reports.figures import LOW_ATTENDANCE_KEYS, Figure, FigureSet
from dangjian.reports.templates_dir import load_template

__all__ = ["Report", "Section", "build_report", "change_text"]

_OPEN, _CLOSE = "\ue000", "\ue001"
_MARKER = re.compile(f"{_OPEN}([VC]):(.*?){_CLOSE}")
_LEVEL1 = "一二三四五六七八九十"


def _chinese_number(n: int) -> str:
    if n <= 10:
        return _LEVEL1[n - 1]
    if n < 20:
        return "十" + (_LEVEL1[n - 11] if n > 10 else "")
    tens, ones = divmod(n, 10)
    return _LEVEL1[tens - 1] + "十" + (_LEVEL1[ones - 1] if ones else "")


def change_text(current: Figure | None, previous: Figure | None) -> str:
    """“较上年增加3次、增长25.0%”: the change of a figure on the previous year, or ``""``."""
    if current is None or previous is None or current.value is None or previous.value is None:
        return ""
    cur, prev = Decimal(current.value), Decimal(previous.value)
    diff = cur - prev
    if current.unit == "%":
        if diff == 0:
            return "与上年持平"
        return f"较上年{'提高' if diff > 0 else '下降'}{abs(diff)}个百分点"
    if diff == 0:
        return "与上年持平"
    text = f"较上年{'增加' if diff > 0 else '减少'}{abs(diff)}{current.unit}"
    if prev > 0:
        from dangjian.rules import percentage

        text += f"、{'增长' if diff > 0 else '下降'}{percentage(abs(diff), prev)}%"
    return text


class FigureNode:
    """A figure (and the figures under its key) as a template sees it.

    ``{{ node }}`` is the value's marker, ``{% if node %}`` tests for a non-zero value,
    ``node.value``/``label``/``unit``/``records``/``change`` read the figure; ``node.X`` is the
    figure ``key.X``.
    """

    def __init__(self, tree: FigureTree, key: str) -> None:
        self._tree, self._key = tree, key

    def __getitem__(self, part: str) -> FigureNode:
        key = f"{self._key}.{part}" if self._key else part
        if key in self._tree.figures or key in self._tree.prefixes:
            return FigureNode(self._tree, key)
        raise KeyError(part)

    @property
    def figure(self) -> Figure | None:
        return self._tree.figures.get(self._key)

    def __str__(self) -> str:
        if self.figure is None:
            return ""
        self._tree.used.append(self._key)
        return f"{_OPEN}V:{self._key}{_CLOSE}"

    def __bool__(self) -> bool:
        return bool(self.figure is not None and self.figure.value)

    @property
    def value(self) -> Any:
        return None if self.figure is None else self.figure.value

    @property
    def label(self) -> str:
        return "" if self.figure is None else self.figure.label

    @property
    def unit(self) -> str:
        return "" if self.figure is None else self.figure.unit

    @property
    def records(self) -> tuple[str, ...]:
        return () if self.figure is None else self.figure.records

    @property
    def change(self) -> str:
        if not self._tree.compare or not change_text(self.figure, self._tree.previous(self._key)):
            return ""
        self._tree.used.append(self._key)
        return f"{_OPEN}C:{self._key}{_CLOSE}"


@dataclass
class FigureTree:
    figures: dict[str, Figure]
    previous_set: FigureSet | None
    used: list[str] = field(default_factory=list)

    @cached_property
    def compare(self) -> bool:
        return self.previous_set is not None and self.previous_set.has_activity

    def previous(self, key: str) -> Figure | None:
        return None if self.previous_set is None else self.previous_set.get(key)

    @cached_property
    def prefixes(self) -> frozenset[str]:
        """Every key's leading parts (``a`` and ``a.b`` of ``a.b.c``): the nodes with figures under them."""
        found = set()
        for key in self.figures:
            parts = key.split(".")
            found.update(".".join(parts[:i]) for i in range(1, len(parts)))
        return frozenset(found)

    def root(self) -> FigureNode:
        return FigureNode(self, "")


@dataclass
class Section:
    number: str
    title: str
    level: int
    paragraphs: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"{self.number}{self.title}"

    @property
    def empty(self) -> bool:
        return not self.paragraphs and not self.sections


@dataclass
class Report:
    """A rendered narrative: raw paragraphs carry figure markers until a format resolves them."""

    figures: FigureSet
    title: str
    lead: list[str]
    sections: list[Section]
    closing: list[str]
    issuer: str
    issued_on: dt.date
    used_keys: list[str]

    @property
    def year(self) -> int:
        return self.figures.year

    @property
    def issued_on_text(self) -> str:
        return chinese_date(self.issued_on)

    @cached_property
    def compare(self) -> bool:
        return self.figures.previous is not None and self.figures.previous.has_activity

    def change(self, key: str) -> str:
        previous = self.figures.previous
        if not self.compare or previous is None:
            return ""
        return change_text(self.figures.get(key), previous.get(key))

    # ---- resolving markers ----
    def text(self, raw: str) -> str:
        """Plain text: markers replaced by the value or the change."""
        return _MARKER.sub(lambda m: self._resolve(m.group(1), m.group(2)), raw)

    def html(self, raw: str, link: Callable[[str], str] | None = None) -> SafeString:
        """HTML: the text escaped, each figure a link to the records behind it."""

        def replace(match: re.Match[str]) -> str:
            kind, key = match.group(1), match.group(2)
            shown = escape(self._resolve(kind, key))
            if link is None or kind != "V":
                return str(shown)
            figure = self.figures.get(key)
            title = escape(figure.label if figure else key)
            return f'<a class="figure" href="{escape(link(key))}" title="{title}">{shown}</a>'

        return mark_safe(_MARKER.sub(replace, str(escape(raw))))

    def _resolve(self, kind: str, key: str) -> str:
        figure = self.figures.get(key)
        if figure is None:
            return ""
        return figure.display if kind == "V" else self.change(key)

    def outline(self, resolve: Callable[[str], Any]) -> list[dict[str, Any]]:
        """The sections as plain dicts, with paragraphs passed through ``resolve``."""

        def one(section: Section) -> dict[str, Any]:
            return {
                "number": section.number,
                "title": section.title,
                "heading": section.heading,
                "level": section.level,
                "paragraphs": [resolve(p) for p in section.paragraphs],
                "figures": _keys_in(section),
                "sections": [one(s) for s in section.sections],
            }

        return [one(s) for s in self.sections]


def _keys_in(section: Section) -> list[str]:
    keys: list[str] = []
    for paragraph in section.paragraphs:
        for match in _MARKER.finditer(paragraph):
            if match.group(2) not in keys:
                keys.append(match.group(2))
    return keys


@dataclass(frozen=True)
class OrgRef:
    code: str
    name: str
    figure_key: str = ""


def _context(figures: FigureSet, tree: FigureTree) -> dict[str, Any]:
    f = tree.root()
    names = figures.org_names

    def orgs(key: str) -> list[OrgRef]:
        figure = figures.get(key)
        return [OrgRef(code, names.get(code, code)) for code in (figure.records if figure else ())]

    # Branches below the 参会率 threshold, each with its rate; a 卫健局's report, whose figures
    # break down by 下属单位, names the units below it.
    low_key = LOW_ATTENDANCE_KEYS[figures.part]
    low_codes = figures[low_key].records if low_key in figures else ()
    low = [
        {"name": names.get(code, code), "rate": f["attendance"]["rate"][f"by_{figures.part}"][code]}
        for code in low_codes
    ]
    service_types = [
        {"type": key.split(".", 1)[1], "node": f["services"][key.split(".", 1)[1]]}
        for key, figure in figures.figures.items()
        if key.startswith("services.")
        and figure.spec
        and key != "services.people_served"
        and figure.value
    ]
    return {
        "f": f,
        "year": figures.year,
        "org": figures.org,
        "org_name": figures.org.name,
        "compare": tree.compare,
        "overdue_elections": orgs("elections.overdue"),
        "completed_elections": orgs("elections.completed"),
        "no_secretary_lecture": orgs("meetings.党课.branches_without_secretary"),
        "low_attendance": low,
        "low_attendance_of": gettext("党支部") if figures.part == "branch" else gettext("单位"),
        "service_types": service_types,
    }


def _parse(text: str) -> tuple[str, list[str], list[Section], list[str]]:
    title, lead, sections, closing = "", [], [], []
    current1: Section | None = None
    current2: Section | None = None
    for line in (raw.strip() for raw in text.splitlines()):
        if not line:
            continue
        if line.startswith("= "):
            title = line[2:].strip()
        elif line.startswith("## "):
            current2 = Section("", line[3:].strip(), 2)
            if current1 is None:
                current1 = Section("", "", 1)
                sections.append(current1)
            current1.sections.append(current2)
        elif line.startswith("# "):
            current1 = Section("", line[2:].strip(), 1)
            current2 = None
            sections.append(current1)
        elif line.startswith("> "):
            closing.append(line[2:].strip())
        elif current2 is not None:
            current2.paragraphs.append(line)
        elif current1 is not None:
            current1.paragraphs.append(line)
        else:
            lead.append(line)
    # Leave out what has nothing under it, then number what is left.
    kept = []
    for section in sections:
        section.sections = [s for s in section.sections if not s.empty]
        if not section.empty:
            kept.append(section)
    for i, section in enumerate(kept, start=1):
        section.number = f"{_chinese_number(i)}、" if section.title else ""
        for j, sub in enumerate(section.sections, start=1):
            sub.number = f"（{_chinese_number(j)}）"
    return title, lead, kept, closing


def build_report(
    figures: FigureSet, *, issued_on: dt.date | None = None, issuer: str | None = None
) -> Report:
    """Render the narrative template for ``figures`` (computed with ``previous=True`` to compare)."""
    tree = FigureTree(figures.figures, figures.previous)
    template = load_template(figures.org, "narrative.txt")
    text = template.render(TemplateContext(_context(figures, tree)))
    title, lead, sections, closing = _parse(text)
    return Report(
        figures=figures,
        title=title,
        lead=lead,
        sections=sections,
        closing=closing,
        issuer=issuer or figures.org.name,
        issued_on=issued_on or clock.today(),
        used_keys=list(dict.fromkeys(tree.used)),
    )
