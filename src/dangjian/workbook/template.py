"""The workbook's layout: header rows, drop-down lists and the 说明 sheet.

The empty template and the export share it, so an exported workbook is a filled-in template.
Both are written in openpyxl's write-only mode, which streams rows and keeps memory flat.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from . import sheets as S

HEADER_FONT = Font(bold=True)
REQUIRED_FILL = PatternFill("solid", fgColor="FDE2E1")
OPTIONAL_FILL = PatternFill("solid", fgColor="EEEEEE")
DATE_FORMAT = "yyyy-mm-dd"
LAST_ROW = 1048576


def new_workbook() -> Workbook:
    return Workbook(write_only=True)


def add_sheet(book: Workbook, sheet: S.Sheet, columns: tuple[S.Column, ...] | None = None):
    """A sheet with its header row, column widths, frozen header and drop-down lists."""
    columns = columns or sheet.columns
    ws = book.create_sheet(sheet.name)
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = _width(column)
        if column.dropdown:
            ws.data_validations.append(_validation(column, f"{letter}2:{letter}{LAST_ROW}"))
    ws.freeze_panes = "A2"
    header = []
    for column in columns:
        cell = WriteOnlyCell(ws, value=column.header)
        cell.font = HEADER_FONT
        cell.fill = REQUIRED_FILL if column.required else OPTIONAL_FILL
        header.append(cell)
    ws.append(header)
    return ws


def _width(column: S.Column) -> int:
    if column.kind == S.DATE:
        return 14
    if column.kind == S.IDCARD:
        return 22
    if (
        column.field in ("description", "measures", "content", "topic", "name")
        and column.kind == S.TEXT
    ):
        return 30
    return max(10, len(column.header) * 2 + 2)


def _validation(column: S.Column, cells: str) -> DataValidation:
    closed = column.kind in (S.CHOICE, S.BOOLEAN)
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(column.dropdown) + '"',
        allow_blank=True,
        showErrorMessage=closed,
        errorStyle="stop",
        errorTitle=f"{column.header}无效",
        error="请从下拉列表中选择",
    )
    validation.add(cells)
    return validation


def add_instructions(book: Workbook) -> None:
    ws = book.create_sheet(S.INSTRUCTIONS_SHEET)
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 18
    ws.column_dimensions["C"].width = 8
    ws.column_dimensions["D"].width = 90
    wrap = Alignment(wrap_text=True, vertical="top")

    def line(*values: object, bold: bool = False) -> None:
        cells = []
        for value in values:
            cell = WriteOnlyCell(ws, value=value)
            cell.alignment = wrap
            if bold:
                cell.font = HEADER_FONT
            cells.append(cell)
        ws.append(cells)

    line("统一台账工作簿 填写说明", bold=True)
    line()
    line("通用规则", bold=True)
    for number, rule in enumerate(S.GENERAL_RULES, start=1):
        line(f"{number}", "", "", rule)
    line()
    line("工作表", "列名", "必填", "说明", bold=True)
    for sheet in S.SHEETS:
        keys = "+".join(sheet.key)
        line(
            sheet.name,
            "",
            "",
            f"按“{keys}”匹配已有记录。" + (sheet.note and sheet.note + "。"),
            bold=True,
        )
        for column in sheet.columns:
            line(sheet.name, column.header, "是" if column.required else "", describe(column))
    line()
    line("本说明由 dangjian 生成；列名带红底的为必填列，灰底为选填列。", "")


def describe(column: S.Column) -> str:
    parts = []
    if column.kind == S.DATE:
        parts.append("日期")
    elif column.kind == S.INTEGER:
        parts.append("整数")
    elif column.kind == S.DECIMAL:
        parts.append("数字")
    elif column.kind == S.CHOICE:
        parts.append("可选值：" + "、".join(label for label, _ in column.choices))
    elif column.kind == S.BOOLEAN:
        parts.append("是 或 否")
    elif column.kind == S.IDCARD:
        parts.append("身份证号")
    elif column.kind == S.REF:
        target = S.REF_SHEETS[column.ref]
        parts.append(f"{target}工作表或数据库中已有的编码")
    else:
        parts.append("文字")
    if column.suggestions:
        parts.append("例如：" + "、".join(column.suggestions))
    if column.help:
        parts.append(column.help)
    if column.sensitive:
        parts.append("个人敏感信息：非党委管理员导出时脱敏")
    return "；".join(parts)


def write_template(target: str | Path | IO[bytes]) -> None:
    """An empty workbook: every sheet's header row and drop-down lists, then the 说明 sheet."""
    book = new_workbook()
    add_instructions(book)
    for sheet in S.SHEETS:
        add_sheet(book, sheet)
    book.save(target)
