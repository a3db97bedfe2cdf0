"""Rendering a computed report: JSON, Markdown, HTML and Word (docxtpl). No figure is computed here.

Public API::

    figures = compute_figures(2025, org, previous=True)      # reports.figures
    report = build_report(figures, issued_on=clock.today())  # reports.narrative
    to_json(report) / to_markdown(report) / to_html(report, link=...) / to_docx(report)

or in one call: ``annual_report(year, org, format)`` → ``str | bytes``.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from dangjian.core import clock
from dangjian.organizations.models import Organization
from dangjian.reports.figures import compute_figures
from dangjian.reports.narrative import Report, build_report, keys_in
from dangjian.reports.templates_dir import find_template, load_template

__all__ = [
    "FORMATS",
    "annual_report",
    "appendix_rows",
    "to_docx",
    "to_html",
    "to_json",
    "to_markdown",
]

FORMATS = ("json", "md", "html", "docx")

#: In the Word appendix a figure lists at most this many records (the JSON export and the
#: figure's record page list them all): 参会记录 of a large hospital run to tens of thousands.
DOCX_RECORD_LIMIT = 60
#: The report page and the Markdown export list this many inline; the figure's record page
#: and the JSON export have them all (a bureau's 参会率 counts millions of rows).
INLINE_RECORD_LIMIT = 300


def appendix_rows(report: Report, record_limit: int | None = None) -> list[dict[str, Any]]:
    """One row per figure: key, label, value, unit, previous year's value, change, records.

    With ``record_limit`` at most that many are listed, and a figure counted in SQL lists none
    (its identifiers are not read for the appendix)."""
    rows = []
    for figure in report.figures:
        before = report.previous(figure.key)
        count = figure.record_count
        shown = list(figure.records) if record_limit is None else figure.first_records(record_limit)
        text = "、".join(shown)
        if len(shown) < count:
            text += f"{'……等' if shown else ''}共{count}条（完整清单见报告网页的记录页或JSON导出）"
        rows.append(
            {
                "key": figure.key,
                "label": figure.label,
                "value": figure.display,
                "unit": figure.unit,
                "previous": before.display if before is not None else "",
                "change": report.change(figure.key),
                "records": shown,
                "records_text": text,
                "count": count,
                "used": figure.key in report.used_keys,
            }
        )
    return rows


def _context(report: Report, resolve: Callable[[str], Any]) -> dict[str, Any]:
    lead = [resolve(p) for p in report.lead]
    sections = report.outline(resolve)
    closing = [resolve(p) for p in report.closing]
    return {
        "report": report,
        "title": report.title,
        "lead": lead,
        "sections": sections,
        "closing": closing,
        # The body's last paragraph: the Word template keeps it with the 署名 (GB/T 9704: the
        # signature never stands alone on a page); compared by identity (``is sameas``).
        "last_paragraph": _last_paragraph(lead, sections, closing),
        "issuer": report.issuer,
        "issued_on": report.issued_on_text,
        "year": report.year,
        "org_name": report.figures.org.name,
        "org_code": report.figures.org.code,
        "compare": report.compare,
        "values": {f.key: f.display for f in report.figures},
        "front": report.front.as_context(),
        "notes": report.notes,
    }


def _last_paragraph(lead: list[Any], sections: list[dict[str, Any]], closing: list[Any]) -> Any:
    """The last paragraph in reading order: a section's paragraphs come before its subsections."""

    def in_order(section: dict[str, Any]) -> list[Any]:
        found = list(section["paragraphs"])
        for sub in section["sections"]:
            found += in_order(sub)
        return found

    every = lead + [p for s in sections for p in in_order(s)] + closing
    return every[-1] if every else None


def to_json(report: Report) -> dict[str, Any]:
    figures = report.figures
    return {
        "year": figures.year,
        "org": {"code": figures.org.code, "name": figures.org.name},
        "figures": [figure.as_json() for figure in figures],
        "sections": [
            {
                "number": "",
                "title": "导语",
                "heading": "导语",
                "level": 0,
                "paragraphs": [report.text(p) for p in report.lead],
                "figures": keys_in(report.lead),
                "sections": [],
            },
            *report.outline(report.text),
        ],
        # For the clerk, not the text: ledgers with no rows in the year (see narrative.clerk_notes).
        "notes": list(report.notes),
        "meta": {
            "voice": report.voice,
            "queries": figures.queries,
            "seconds": figures.seconds,
            "title": report.title,
            "issuer": report.issuer,
            "issued_on": report.issued_on.isoformat(),
            "previous_year": figures.year - 1 if report.compare else None,
            "figure_count": len(figures),
            "narrative_figures": report.used_keys,
            "generated_at": timezone.localtime(clock.now()).isoformat(timespec="seconds"),
            "dangjian_version": __import__("dangjian").__version__,
        },
    }


def to_markdown(report: Report) -> str:
    context = _context(report, report.text)
    context["appendix"] = appendix_rows(report, record_limit=INLINE_RECORD_LIMIT)
    return str(load_template(report.figures.org, "annual_report.md").render(_ctx(context)))


def to_html(report: Report, link: Callable[[str], str] | None = None) -> str:
    """The report as an HTML fragment (no page chrome); ``link(key)`` makes figures clickable."""
    context = _context(report, lambda raw: report.html(raw, link))
    context["appendix"] = appendix_rows(report, record_limit=INLINE_RECORD_LIMIT)
    context["link"] = link
    for row in context["appendix"]:
        row["url"] = link(row["key"]) if link else ""
    return str(
        load_template(report.figures.org, "annual_report.html", autoescape=True).render(
            _ctx(context)
        )
    )


#: A tab, line break, paragraph mark or page break inside a run's text (``<w:t>…</w:t>``).
_LISTING_CHAR_IN_TEXT = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\a\n\f]")
#: docxtpl's table-cell tag ``{%tc … %}``, in a template's text (its XML tags removed).
_CELL_TAG = re.compile(r"\{%-?\s*tc\s")
_XML_TAG = re.compile(r"<[^>]*>")


def _docx_template(path: str) -> Any:
    from docxtpl import DocxTemplate
    from lxml import etree

    class Template(DocxTemplate):  # type: ignore[misc]  # docxtpl is untyped
        """docxtpl's template, skipping two passes that change nothing for most templates:

        * the rewrite of tabs and line breaks inside text when no text holds one: it runs three
          regular expressions per paragraph and run, a third of rendering a 400-figure appendix;
        * the repair of table grids when the template has no ``{%tc %}`` tag: only that tag
          adds or removes cells, and the repair walks every cell of the rendered appendix
          (half a second for a county bureau's).
        """

        def build_xml(self, context: dict[str, Any], jinja_env: Any = None) -> Any:
            # The body's source, before rendering: does it use the tag?
            self._has_cell_tags = _CELL_TAG.search(_XML_TAG.sub("", self.get_xml())) is not None
            return super().build_xml(context, jinja_env)

        def resolve_listing(self, xml: str) -> str:
            if _LISTING_CHAR_IN_TEXT.search(xml) is None:
                return xml
            return str(super().resolve_listing(xml))

        def fix_tables(self, xml: str) -> Any:
            if getattr(self, "_has_cell_tags", True):
                return super().fix_tables(xml)
            return etree.fromstring(xml, parser=etree.XMLParser(recover=True))

    return Template(path)


def _compiling_once_environment() -> Any:
    from jinja2 import Environment

    class CompilingOnce(Environment):
        """A Jinja environment for docxtpl that compiles each distinct part of a Word template once.

        docxtpl turns the document's XML (body, headers, footers) into Jinja source and compiles
        it on every render: a fifth of rendering a hospital's report. The source is the same as
        long as the template file is, so the compiled template is kept, keyed by the source
        itself (an edited template gives a new source). Rendering only reads a compiled template,
        so requests may share it."""

        def __init__(self) -> None:
            super().__init__(autoescape=True)
            # Thread-safe; two requests compiling the same new source at once both get a template.
            self._kept_templates = functools.lru_cache(maxsize=32)(super().from_string)

        def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
            if globals is not None or template_class is not None or not isinstance(source, str):
                return super().from_string(source, globals, template_class)
            return self._kept_templates(source)

    return CompilingOnce()


_WORD_JINJA = _compiling_once_environment()


def to_docx(report: Report) -> bytes:
    """The report as a Word 公文 (GB/T 9704-2012 layout) from the organisation's .docx template."""
    template = _docx_template(str(find_template(report.figures.org, "annual_report.docx")))
    context = _context(report, report.text)
    # Compact: a figure that is zero (or nothing) this year and last is left out.
    context["appendix"] = [
        row
        for row in appendix_rows(report, record_limit=0)
        if row["value"] not in ("0", "—") or row["previous"] not in ("", "0", "—")
    ]
    template.render(context, jinja_env=_WORD_JINJA, autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def _ctx(context: dict[str, Any]) -> Any:
    from django.template import Context

    return Context(context)


def annual_report(
    year: int,
    org: Organization,
    fmt: str,
    *,
    issued_on: dt.date | None = None,
    link: Callable[[str], str] | None = None,
) -> str | bytes | dict[str, Any]:
    """Compute and render in one call: JSON → dict, md/html → str, docx → bytes."""
    report = build_report(compute_figures(year, org, previous=True), issued_on=issued_on)
    if fmt == "json":
        return to_json(report)
    if fmt == "md":
        return to_markdown(report)
    if fmt == "html":
        return to_html(report, link)
    if fmt == "docx":
        return to_docx(report)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
