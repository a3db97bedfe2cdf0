"""What an import reports: errors (the workbook is rejected) and warnings (it is imported).

Every problem names its place the way the spec prints it: ``工作表!行号 列名: 问题``.
"""

from __future__ import annotations

from dataclasses import dataclass


class CellError(ValueError):
    """A cell value that cannot be read; the message is Chinese and shown to the user as is."""


class WorkbookFileError(ValueError):
    """The file is not a workbook we can open (not .xlsx, damaged, encrypted …)."""


@dataclass(frozen=True, order=True)
class Problem:
    sheet: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        place = f"{self.sheet}!{self.row}" if self.row else self.sheet
        return (
            f"{place} {self.column}: {self.message}" if self.column else f"{place}: {self.message}"
        )
