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
previous year (“较上年增加3次”, “较上年增长25%”), empty when it may not be compared (see
:mod:`dangjian.reports.comparison`).

Three voices, each with its own template (:data:`VOICES`): a hospital 党委, a 党支部, and a
卫健局 / 行业党委 over hospital 党委. The context gives the template the 典型做法 chosen from the
records (:mod:`~dangjian.reports.highlights`) and the 存在问题 / 下一步 paragraphs
(:mod:`~dangjian.reports.problems`); ledgers without rows in the year become notes for the
clerk (:func:`clerk_notes`), never text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.db.models import QuerySet
from django.template import Context as TemplateContext
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from dangjian.core import clock
from dangjian.core.dates import chinese_date
from dangjian.core.numerals import chinese_number
from dangjian.problems.services import problems_for
from dangjian.reports import comparison
from dangjian.reports.figures import DATASET_LABELS, Figure, FigureSet
from dangjian.reports.frontmatter import FrontMatter, FrontMatterError, front_matter_for
from dangjian.reports.highlights import Highlights, collect_highlights
from dangjian.reports.problems import (
    ProblemInput,
    collect_problems,
    phrase_measures,
    phrase_problems,
)
from dangjian.reports.templates_dir import load_template
from dangjian.workplans.services import plans_for

__all__ = ["Report", "Section", "build_report", "change_text", "clerk_notes", "voice_of"]

_OPEN, _CLOSE = "\ue000", "\ue001"
_MARKER = re.compile(f"{_OPEN}([VC]):(.*?){_CLOSE}")


def change_text(figures: FigureSet, key: str) -> str:
    """“较上年增加3次”, “较上年增长25%”: see :mod:`dangjian.reports.comparison`."""
    return comparison.change_text(figures, key)


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
        if not change_text(self._tree.figure_set, self._key):
            return ""
        self._tree.used.append(self._key)
        return f"{_OPEN}C:{self._key}{_CLOSE}"


@dataclass
class FigureTree:
    figure_set: FigureSet
    used: list[str] = field(default_factory=list)

    @property
    def figures(self) -> dict[str, Figure]:
        return self.figure_set.figures

    @cached_property
    def prefixes(self) -> frozenset[str]:
        """Every key's leading parts (``a`` and ``a.b`` of ``a.b.c``): the nodes with figures under them."""
        found: set[str] = set()
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
    voice: str = "committee"
    front: FrontMatter = field(default_factory=FrontMatter)
    #: For the clerk (report page, JSON), never in the text: ledgers with no rows in the year.
    notes: list[str] = field(default_factory=list)

    @property
    def year(self) -> int:
        return self.figures.year

    @property
    def issued_on_text(self) -> str:
        return chinese_date(self.issued_on)

    @cached_property
    def compare(self) -> bool:
        """Whether any figure is compared with the previous year (see ``comparison``)."""
        return bool(self._previous)

    @cached_property
    def _previous(self) -> dict[str, Figure]:
        """Each comparable key's figure of the previous year, found once (the figures are not
        changed once ``compute_figures`` returns; rendering asks for each key several times)."""
        found: dict[str, Figure] = {}
        for key in self.figures.figures:
            before = comparison.previous_figure(self.figures, key)
            if before is not None:
                found[key] = before
        return found

    def previous(self, key: str) -> Figure | None:
        """The previous year's figure for ``key`` when it may be compared, else None."""
        return self._previous.get(key)

    @cached_property
    def _changes(self) -> dict[str, str]:
        return {key: change_text(self.figures, key) for key in self._previous}

    def change(self, key: str) -> str:
        return self._changes.get(key, "")

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
    return keys_in(section.paragraphs)


def keys_in(paragraphs: list[str]) -> list[str]:
    """The figure keys written in ``paragraphs``, in order, each once."""
    keys: list[str] = []
    for paragraph in paragraphs:
        for match in _MARKER.finditer(paragraph):
            if match.group(2) not in keys:
                keys.append(match.group(2))
    return keys


@dataclass(frozen=True)
class OrgRef:
    code: str
    name: str
    figure_key: str = ""


#: The three voices a report is written in, each with its own narrative template.
VOICES = {
    "committee": "narrative.txt",  # a hospital 党委 (or any 党委 with 党支部 under it)
    "branch": "narrative_branch.txt",  # one 党支部 (or 党总支, 党小组)
    "bureau": "narrative_bureau.txt",  # a 卫健局 / 行业党委 over hospital 党委
}

#: Datasets a voice's report expects rows in; an empty one is a note for the clerk.
EXPECTED_DATASETS = {
    "committee": (
        "members",
        "events",
        "attendance",
        "development",
        "rectification",
        "decisions",
        "services",
        "honours",
        "implementation",
        "letters",
        "integrity_education",
        "member_evaluations",
        "secretary_reviews",
        "ethics",
        "opinion",
    ),
    "branch": ("members", "events", "attendance", "development", "services", "member_evaluations"),
    "bureau": (
        "members",
        "events",
        "attendance",
        "development",
        "rectification",
        "decisions",
        "services",
        "honours",
        "member_evaluations",
        "secretary_reviews",
    ),
}


#: How each voice's report calls its own organisation.
SELF_NAMES = {"committee": "院党委", "branch": "支部", "bureau": "局党委"}


def voice_of(figures: FigureSet) -> str:
    """Whose report this is: a 卫健局 (its figures break down by 下属单位), a 党支部, or a 党委."""
    from dangjian.organizations.models import OrgType

    if figures.part == "unit":
        return "bureau"
    if figures.org.org_type in (OrgType.BRANCH, OrgType.GENERAL_BRANCH, OrgType.GROUP):
        return "branch"
    return "committee"


def clerk_notes(figures: FigureSet, voice: str) -> list[str]:
    """For the clerk, not the text: each ledger the report expects that has no rows in the year.
    An empty ledger is never written as a failing; the text leaves its part out."""
    year = figures.year
    return [
        gettext(
            "%(ledger)s：%(year)s年没有记录，报告正文未写这方面内容；如确有开展，请补录后重新生成。"
        )
        % {"ledger": DATASET_LABELS.get(name, name), "year": year}
        for name in EXPECTED_DATASETS[voice]
        if not figures.records_in(name)
    ]


def _names_with_unit(
    figures: FigureSet, unit_codes: list[str]
) -> tuple[dict[str, str], dict[str, str]]:
    """Organisation names prefixed with their 下属单位's (“宾阳县人民医院儿科党支部”), and each
    unit's path → name. One query."""
    from dangjian.organizations.models import Organization

    rows = list(
        Organization.objects.filter(path__startswith=figures.org.path).values_list(
            "code", "name", "path"
        )
    )
    unit_paths = {path: name for code, name, path in rows if code in unit_codes}
    hospital = {path: name.removesuffix("党委") for path, name in unit_paths.items()}
    names = {}
    for code, name, path in rows:
        unit = next((p for p in hospital if path.startswith(p) and path != p), None)
        names[code] = f"{hospital[unit]}{name}" if unit else name
    return names, hospital


def _own_org_ids(figures: FigureSet, voice: str) -> list[int] | QuerySet[Any]:
    """The organisations whose 查摆问题 and 工作要点 the report speaks for: a hospital 党委's or a
    党支部's subtree; a 卫健局's own only (its hospitals' problems are theirs, not its own). The
    subtree stays a subquery: no query of its own, no IN list of every organisation's pk."""
    from dangjian.organizations.models import Organization

    if voice == "bureau":
        return [figures.org.pk]
    return Organization.objects.filter(path__startswith=figures.org.path).values("pk")


def _context(figures: FigureSet, tree: FigureTree, voice: str) -> dict[str, Any]:
    f = tree.root()
    names = figures.org_names

    def orgs(key: str) -> list[OrgRef]:
        figure = figures.get(key)
        return [OrgRef(code, names.get(code, code)) for code in (figure.records if figure else ())]

    units = figures.by_part("members") if voice == "bureau" else []
    unit_paths: dict[str, str] = {}
    if units:
        # A 卫健局's hospitals all have a 儿科党支部: name an organisation with its hospital.
        names, unit_paths = _names_with_unit(figures, [u.key.rsplit(".", 1)[1] for u in units])
    own = _own_org_ids(figures, voice)
    plans = plans_for(own, figures.year + 1)
    problems = collect_problems(
        ProblemInput(figures, f, names, voice, recorded=problems_for(own, figures.year))
    )
    highlights: Highlights = collect_highlights(
        figures.org, figures.year, unit_paths, SELF_NAMES[voice]
    )
    unit_refs = [
        OrgRef(code, figures.org_names.get(code, code))
        for code in (u.key.rsplit(".", 1)[1] for u in units)
    ]
    parent = figures.org.parent if voice == "branch" else None
    rows = figures.records_in
    return {
        "f": f,
        "year": figures.year,
        "org": figures.org,
        "org_name": figures.org.name,
        "voice": voice,
        "compare": any(comparison.comparable(figures, k) for k in figures.figures),
        "has": {name: bool(rows(name)) for name in DATASET_LABELS},
        # Ledgers in use the year before: a zero this year is then a fact (“未发生…”).
        "had": {
            name: bool(figures.previous is not None and figures.previous.records_in(name))
            for name in DATASET_LABELS
        },
        "overdue_elections": orgs("elections.overdue"),
        "completed_elections": orgs("elections.completed"),
        "units": unit_refs,
        "unit_names": "、".join(u.name for u in unit_refs),
        "parent_name": parent.name if parent is not None else "",
        "problems": phrase_problems(problems, voice),
        "measures": phrase_measures(problems, voice, plans),
        "plans_recorded": bool(plans),
        "hl": highlights,
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
        section.number = f"{chinese_number(i)}、" if section.title else ""
        for j, sub in enumerate(section.sections, start=1):
            sub.number = f"（{chinese_number(j)}）"
    return title, lead, kept, closing


def build_report(
    figures: FigureSet,
    *,
    issued_on: dt.date | None = None,
    issuer: str | None = None,
    front: FrontMatter | None = None,
) -> Report:
    """Render the narrative template for ``figures`` (computed with ``previous=True`` to compare)."""
    tree = FigureTree(figures)
    voice = voice_of(figures)
    template = load_template(figures.org, VOICES[voice])
    context = _context(figures, tree, voice)
    text = template.render(TemplateContext(context))
    title, lead, sections, closing = _parse(text)
    notes = clerk_notes(figures, voice)
    if not context["plans_recorded"]:
        notes.append(
            gettext(
                "工作要点：%(year)s年的工作要点没有记录，下一步工作打算只写了问题的整改措施"
                "（都没有时为通用表述）；录入工作要点后重新生成。"
            )
            % {"year": figures.year + 1}
        )
    if front is None:
        try:
            front = front_matter_for(figures.org)
        except FrontMatterError as exc:  # a broken settings file: say so, report without it
            front = FrontMatter()
            notes.insert(0, str(exc))
    return Report(
        figures=figures,
        title=title,
        lead=lead,
        sections=sections,
        closing=closing,
        issuer=issuer or figures.org.name,
        issued_on=issued_on or clock.today(),
        used_keys=list(dict.fromkeys(tree.used)),
        voice=voice,
        front=front,
        notes=notes,
    )
