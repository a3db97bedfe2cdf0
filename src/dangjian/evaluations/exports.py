"""医德考评 for 绩效工资: one sheet (工号, 姓名, 科室, 年度, 考评等次, 考评分数) of the user's scope.

Texts that a spreadsheet would take for a formula are neutralised as in the ledger workbook
(``workbook.sheets.escape_text``). 工号 is the key the 绩效 system joins on and is written in
full; the name is masked (张*丰) for anyone who is not 党委管理员, as 身份证号 is in the workbook.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO

from openpyxl import Workbook

from dangjian.core.scoping import is_party_admin
from dangjian.workbook.sheets import escape_text

from .models import EthicsGrade, EthicsRecord

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = ("工号", "姓名", "科室", "年度", "考评等次", "考评分数")


@dataclass
class EthicsExport:
    rows: int = 0
    masked: bool = False


def mask_name(name: str) -> str:
    """张三 → 张*, 张三丰 → 张*丰, 欧阳小明 → 欧**明."""
    name = name.strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def ethics_workbook(target: IO[bytes], *, user, year: int | None = None) -> EthicsExport:
    masked = not is_party_admin(user)
    labels = dict(EthicsGrade.choices)
    queryset = EthicsRecord.objects.visible_to(user)
    if year is not None:
        queryset = queryset.filter(year=year)
    book = Workbook(write_only=True)
    ws = book.create_sheet("医德考评")
    ws.append(list(HEADER))
    result = EthicsExport(masked=masked)
    for staff_no, name, department, row_year, grade, score in (
        queryset.order_by("year", "staff_no")
        .values_list("staff_no", "name", "department", "year", "grade", "score")
        .iterator(chunk_size=2000)
    ):
        ws.append(
            [
                escape_text(staff_no),
                escape_text(mask_name(name) if masked else name),
                escape_text(department) or None,
                row_year,
                str(labels.get(grade, grade)),
                score,
            ]
        )
        result.rows += 1
    book.save(target)
    return result
