"""Fact-checking a draft report against the ledger: agree, differ, unmatched.

``check_result(ingested, figures)`` is where the command and the upload page meet: the draft
is read by the ingest pipeline (any encoding, .docx, .html), the ledger figures are those of
``compute_figures`` for the year and the organisation's subtree, each draft figure is matched
by :func:`dangjian.factcheck.matcher.match_figure` and compared by
:func:`dangjian.factcheck.matcher.agrees`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from dangjian.ingest import IngestResult, ingest_file
from dangjian.ingest.figures import Figure as DraftFigure
from dangjian.organizations.models import Organization
from dangjian.reports.figures import Figure, FigureSet, compute_figures

from .matcher import agrees, candidates, match_figure

__all__ = ["CheckItem", "CheckResult", "check_file", "check_result"]


def _number(value: int | float | Decimal | None) -> int | float | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


@dataclass(frozen=True)
class CheckItem:
    draft: DraftFigure
    figure: Figure | None = None
    reason: str = ""
    candidate: Figure | None = None  # the closest report figure, also when unmatched
    confidence: float = 0.0

    @property
    def ledger_value(self) -> int | float | None:
        return None if self.figure is None else _number(self.figure.value)

    @property
    def draft_display(self) -> str:
        return self.draft.text

    @property
    def ledger_display(self) -> str:
        if self.figure is None:
            return ""
        return f"{self.figure.display}{self.figure.unit if self.figure.value is not None else ''}"

    def as_json(self) -> dict[str, Any]:
        return {
            "text": self.draft.text,
            "value": self.draft.value,
            "unit": self.draft.unit,
            "qualifier": self.draft.qualifier,
            "draft_label": self.draft.label,
            "sentence": self.draft.sentence,
            "start": self.draft.start,
            "key": self.figure.key if self.figure else None,
            "label": self.figure.label if self.figure else None,
            "ledger": self.ledger_value,
            "ledger_unit": self.figure.unit if self.figure else None,
            "candidate": self.candidate.key if self.candidate else None,
            "candidate_label": self.candidate.label if self.candidate else None,
            "confidence": self.confidence,
            "high": self.draft.high,
            **({"reason": self.reason} if self.reason else {}),
        }


@dataclass
class CheckResult:
    year: int
    org: Organization
    ingested: IngestResult
    figures: FigureSet
    agree: list[CheckItem] = field(default_factory=list)
    differ: list[CheckItem] = field(default_factory=list)
    unmatched: list[CheckItem] = field(default_factory=list)

    @property
    def matched(self) -> list[CheckItem]:
        """Agree and differ, in the order the draft states them."""
        return sorted(self.agree + self.differ, key=lambda item: item.draft.start)

    def as_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "org": self.org.code,
            "agree": [i.as_json() for i in self.agree],
            "differ": [i.as_json() for i in self.differ],
            "unmatched": [i.as_json() for i in self.unmatched],
        }


#: A 一级标题 of the plans for the coming year (“三、下一步工作打算”, “四、2026年工作计划”).
_PLANS_HEADING = re.compile(
    r"^[ \t]*[一二三四五六七八九十]+、[ \t]*(?:下一步|今后|明年|\d{4}年)?[^\n]{0,8}"
    r"(?:工作打算|工作计划|工作安排|工作思路|工作要点)[ \t]*$",
    re.MULTILINE,
)
#: What ends that section: the next 一级标题 or the 附件.
_SECTION_END = re.compile(r"^[ \t]*(?:[一二三四五六七八九十]+、|附件)", re.MULTILINE)
PLAN_REASON = "计划目标（下一步工作打算），不是本年度的数字，不与台账数值比对"


def plan_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` states plans for the coming year: from a 下一步工作打算 heading to the next
    一级标题 or 附件. A target there (“开展专题研讨不少于4次”) is not a figure of the year."""
    spans = []
    for heading in _PLANS_HEADING.finditer(text):
        end = _SECTION_END.search(text, heading.end())
        spans.append((heading.end(), end.start() if end else len(text)))
    return spans


def check_result(ingested: IngestResult, figures: FigureSet) -> CheckResult:
    """Sort every figure of the ingested draft into agree / differ / unmatched (a target in the
    plans for the coming year is unmatched, with :data:`PLAN_REASON`)."""
    cands = candidates(figures)
    root = figures.org.code
    sub_orgs = [name for code, name in figures.org_names.items() if code != root]
    result = CheckResult(year=figures.year, org=figures.org, ingested=ingested, figures=figures)
    text = ingested.cleaned_text
    plans = plan_spans(text)
    for draft in ingested.figures:
        if any(start <= draft.start < end for start, end in plans):
            result.unmatched.append(CheckItem(draft, None, PLAN_REASON))
            continue
        clause_at = _clause_offset(text, draft)
        match = match_figure(draft.label, draft.clause, draft.unit, clause_at, cands, sub_orgs)
        seen = {"candidate": match.candidate, "confidence": match.confidence}
        if match.figure is None:
            result.unmatched.append(CheckItem(draft, None, match.reason, **seen))
        elif agrees(
            draft.value, draft.qualifier, match.figure.value, match.figure.unit, high=draft.high
        ):
            result.agree.append(CheckItem(draft, match.figure, **seen))
        else:
            result.differ.append(CheckItem(draft, match.figure, **seen))
    return result


def _clause_offset(text: str, draft: DraftFigure) -> int | None:
    """Where the figure starts inside its clause (the clause is stored stripped)."""
    window_start = max(0, draft.start - len(draft.clause) - 2)
    at = text.find(draft.clause, window_start, draft.end + len(draft.clause) + 2)
    if at < 0 or not at <= draft.start <= at + len(draft.clause):
        return None
    return draft.start - at


def check_file(path: str | Path, year: int, org: Organization) -> CheckResult:
    return check_result(ingest_file(path), compute_figures(year, org))
