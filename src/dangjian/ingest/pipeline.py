"""Reading one legacy report: decode → flag mojibake → simplify → cut debris → extract figures.

Offsets: `removed[].start` points into the original text; everything else
(`figures`, `warnings`) points into `cleaned_text`. Simplification keeps every
character at its offset (see `script.py`), so the only shifts are the cuts.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .clean import OffsetMap, find_debris, remove_spans
from .decode import read_path
from .figures import Figure, extract_figures, find_placeholders
from .mojibake import find_mojibake
from .script import detect_script, to_simplified
from .unread import find_unread


@dataclass(frozen=True)
class Removal:
    kind: str  # advert | paywall_marker | disclaimer | credit | pinyin
    text: str
    start: int  # in the original text


@dataclass(frozen=True)
class IngestWarning:
    kind: str  # mojibake | placeholder | encoding | unread
    message: str  # for people, in Chinese
    text: str
    start: int | None  # in the cleaned text; None for file-level warnings
    end: int | None
    sentence: str = ""  # the sentence around it, for an unread number


@dataclass
class IngestResult:
    source: str
    script: str  # "hant" | "hans"
    cleaned_text: str
    original_text: str
    encoding: str | None = None
    removed: list[Removal] = field(default_factory=list)
    warnings: list[IngestWarning] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    @property
    def unread(self) -> list[IngestWarning]:
        """The numbers that were neither read as figures nor set aside as dates or names."""
        return [w for w in self.warnings if w.kind == "unread"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "script": self.script,
            "encoding": self.encoding,
            "cleaned_text": self.cleaned_text,
            "original_text": self.original_text,
            "removed": [asdict(r) for r in self.removed],
            "warnings": [asdict(w) for w in self.warnings],
            "figures": [asdict(f) for f in self.figures],
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def ingest_text(text: str, source: str = "<text>", encoding: str | None = None) -> IngestResult:
    mojibake = find_mojibake(text)
    garbled = [(s.start, s.end) for s in mojibake]
    simplified = to_simplified(text, keep=garbled)
    script = detect_script(text, simplified, ignore=garbled)

    debris = find_debris(simplified)
    cleaned = remove_spans(simplified, debris)
    to_cleaned = OffsetMap(debris)
    removed = [Removal(s.kind, text[s.start : s.end], s.start) for s in debris]

    warnings: list[IngestWarning] = []
    blocked: list[tuple[int, int]] = []
    for span in mojibake:
        start, end = to_cleaned(span.start), to_cleaned(span.end - 1)
        if start is None or end is None:
            continue  # garbage inside an advert went with it
        blocked.append((start, end + 1))
        text_span = cleaned[start : end + 1]
        warnings.append(IngestWarning("mojibake", span.message, text_span, start, end + 1))
    for start, end in find_placeholders(cleaned):
        warnings.append(
            IngestWarning(
                "placeholder", "模板占位符未填写，此处数字缺失", cleaned[start:end], start, end
            )
        )
    figures = extract_figures(cleaned, blocked)
    flagged = blocked + [(w.start, w.end) for w in warnings if w.start is not None and w.end]
    for unread in find_unread(cleaned, figures, flagged):
        warnings.append(
            IngestWarning(
                "unread",
                f"未读取的数字“{unread.text}”：不是日期、序号或固定提法，也未识别为数据，请核对",
                unread.text,
                unread.start,
                unread.end,
                unread.sentence,
            )
        )
    warnings.sort(key=lambda w: w.start if w.start is not None else -1)

    return IngestResult(
        source=source,
        script=script,
        cleaned_text=cleaned,
        original_text=text,
        encoding=encoding,
        removed=removed,
        warnings=warnings,
        figures=figures,
    )


def ingest_file(path: str | Path) -> IngestResult:
    path = Path(path)
    decoded = read_path(path)
    result = ingest_text(decoded.text, source=str(path), encoding=decoded.encoding)
    result.warnings[:0] = [
        IngestWarning("encoding", message, "", None, None) for message in decoded.warnings
    ]
    return result
