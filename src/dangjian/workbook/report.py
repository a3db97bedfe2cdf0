"""Human-readable lines about an import result, shared by the command and the upload page."""

from __future__ import annotations

from . import sheets as S
from .importer import ImportResult


def summary_rows(result: ImportResult) -> list[tuple[str, int, int, int]]:
    """(sheet, created, updated, unchanged) for each sheet the workbook had, in spec order."""
    return [
        (sheet.name, s.created, s.updated, s.unchanged)
        for sheet in S.SHEETS
        if (s := result.summary.get(sheet.name)) is not None
    ]


def summary_lines(result: ImportResult) -> list[str]:
    verb = "将" if result.dry_run else ""
    return [
        f"{name}：{verb}新增 {created}，{verb}更新 {updated}，未变 {unchanged}"
        for name, created, updated, unchanged in summary_rows(result)
    ]
