"""Export the ledgers as the workbook the importer reads: same sheets, same columns.

Scope: ``org`` limits every sheet to that organisation's subtree; ``user`` to what the user may
see (``visible_to``, the one permission choke point). 身份证号 and 手机号 are written in full by
the command-line admin export (no user) and for a 党委管理员; for anyone else they are masked.
Texts that a spreadsheet would take for a formula are neutralised (``sheets.escape_text``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from openpyxl.cell import WriteOnlyCell

from dangjian.core import idcard
from dangjian.core.scoping import is_party_admin
from dangjian.organizations.models import Organization

from . import sheets as S
from .template import DATE_FORMAT, add_instructions, add_sheet, new_workbook

CHUNK = 2000


@dataclass
class ExportResult:
    rows: dict[str, int] = field(default_factory=dict)
    masked: bool = False


def scoped_queryset(sheet: S.Sheet, *, user=None, org: Organization | None = None):
    model = sheet.model
    queryset = model.objects.visible_to(user) if user is not None else model.objects.all()
    if org is not None:
        queryset = queryset.filter(**{f"{model.scope_org_field}__startswith": org.path})
    return queryset


def export_workbook(
    target: str | Path | IO[bytes], *, user=None, org: Organization | None = None
) -> ExportResult:
    """Write every ledger the scope reaches to ``target`` (a path or a binary file object)."""
    masked = user is not None and not is_party_admin(user)
    result = ExportResult(masked=masked)
    book = new_workbook()
    add_instructions(book)
    for sheet in S.SHEETS:
        ws = add_sheet(book, sheet)
        queryset = scoped_queryset(sheet, user=user, org=org).order_by(*_order(sheet))
        lookups = [column.lookup for column in sheet.columns]
        count = 0
        for record in queryset.values_list(*lookups).iterator(chunk_size=CHUNK):
            ws.append(
                [
                    _cell(ws, column, value, masked)
                    for column, value in zip(sheet.columns, record, strict=False)
                ]
            )
            count += 1
        result.rows[sheet.name] = count
    book.save(target)
    return result


def _order(sheet: S.Sheet) -> tuple[str, ...]:
    if sheet is S.ORGANIZATIONS:
        return ("path",)  # parents before children: the file can be read top-down
    return tuple(column.lookup for column in sheet.key_columns)


def _cell(ws, column: S.Column, value: object, masked: bool):
    if masked and column.sensitive and value:
        value = idcard.mask(value) if column.sensitive == "idcard" else idcard.mask_phone(value)
    value = column.to_cell(value)
    if isinstance(value, (dt.date, dt.datetime)):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    return value
