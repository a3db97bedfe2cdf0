"""问题清单、整改清单、责任清单: the rectification ledger as three lists in one .xlsx.

The rows are whatever the list page shows (the user's scope and filters); texts that a
spreadsheet would read as a formula are neutralised with the workbook's ``escape_text``.
"""

from __future__ import annotations

import datetime as dt
from typing import IO

from openpyxl import Workbook
from openpyxl.styles import Font

from dangjian.workbook.sheets import escape_text

from .models import RectificationItem

# (sheet, [(header, value of an item)])
LISTS = (
    (
        "问题清单",
        [
            ("问题编号", lambda i: i.code),
            ("组织", lambda i: i.organization.name),
            ("来源", lambda i: i.source),
            ("问题描述", lambda i: i.description),
            ("提出日期", lambda i: i.raised_on),
        ],
    ),
    (
        "整改清单",
        [
            ("问题编号", lambda i: i.code),
            ("整改措施", lambda i: i.measures),
            ("整改类别", lambda i: i.get_kind_display() if i.kind else ""),
            ("整改时限", lambda i: i.deadline),
            ("完成日期", lambda i: i.completed_on),
            ("状态", lambda i: i.get_status_display()),
            ("是否逾期", lambda i: "逾期" if i.is_overdue() else ""),
            ("整改证据", lambda i: i.evidence),
            ("证据文件", lambda i: i.evidence_file_name),
            ("销号层级", lambda i: i.get_sign_off_level_display() if i.sign_off_level else ""),
            ("销号人", lambda i: i.signer),
            ("销号日期", lambda i: i.signed_off_on),
        ],
    ),
    (
        "责任清单",
        [
            ("问题编号", lambda i: i.code),
            ("组织", lambda i: i.organization.name),
            ("问题描述", lambda i: i.description),
            ("责任人", lambda i: i.owner),
            ("整改时限", lambda i: i.deadline),
            ("状态", lambda i: i.get_status_display()),
        ],
    ),
)


def _cell(value):
    if isinstance(value, str):
        return escape_text(value)
    return value


def export_lists(queryset, target: IO[bytes]) -> int:
    """Write the three lists of ``queryset``'s items to ``target``; returns the number of items."""
    items: list[RectificationItem] = list(
        queryset.select_related("organization").order_by("deadline", "code")
    )
    book = Workbook()
    book.remove(book.active)
    for name, columns in LISTS:
        ws = book.create_sheet(name)
        ws.append([header for header, _ in columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for item in items:
            ws.append([_cell(value(item)) for _, value in columns])
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
    book.save(target)
    return len(items)
