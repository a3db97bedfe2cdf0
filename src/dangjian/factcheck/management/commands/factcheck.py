"""`dangjian factcheck DRAFT --year YYYY [--org CODE] [--format table|json] [--save-prior]`.

Reads a draft (or last year's) report with the ingest pipeline, computes the ledger figures for
the year and the organisation's subtree, and lists the figures that agree, differ, or could
not be matched. Exit status 0 whatever it finds: differences are findings, not failures.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dangjian.factcheck.check import CheckResult, check_result
from dangjian.factcheck.prior import PriorValue, save_prior_figures
from dangjian.ingest import ingest_file
from dangjian.organizations.models import Organization
from dangjian.reports.figures import compute_figures
from dangjian.rules.records import HISTORY_YEAR_MIN, YEAR_MAX


class Command(BaseCommand):
    help = "将报告草稿中的数字与台账核对：一致、不一致、未能对应"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="报告草稿（.txt 任意编码、.docx、.html）")
        parser.add_argument("--year", type=int, required=True, help="报告年度")
        parser.add_argument("--org", help="党组织编码（默认：最上级党组织）")
        parser.add_argument(
            "--format",
            choices=["table", "json"],
            default="table",
            help="table：表格（默认）；json：机器可读",
        )
        parser.add_argument(
            "--save-prior",
            action="store_true",
            help="把已对应的数字保存为该组织该年度的往年指标（供下一年报告比较）",
        )

    def handle(self, *args: object, **options: object) -> None:
        path = Path(str(options["file"]))
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        year = int(options["year"])  # type: ignore[arg-type]
        if not HISTORY_YEAR_MIN <= year <= YEAR_MAX:
            raise CommandError(f"--year：年度 {year} 不在 {HISTORY_YEAR_MIN}–{YEAR_MAX} 之间")
        org = self._org(options.get("org"))
        try:
            ingested = ingest_file(path)
        except Exception as exc:  # a broken .docx: say so, in Chinese
            raise CommandError(f"无法读取文件 {path}：{exc}") from exc
        result = check_result(ingested, compute_figures(year, org))
        if options["format"] == "json":
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        else:
            self._table(result)
        if options["save_prior"]:
            values = [
                PriorValue(
                    i.figure.key, Decimal(str(i.draft.value)), i.figure.unit, i.draft.sentence
                )
                for i in result.matched
                if i.figure is not None
            ]
            saved = save_prior_figures(org, year, _first_per_key(values))
            self.stderr.write(f"已保存 {org.code} {year} 年往年指标 {len(saved)} 项")

    def _org(self, code: object) -> Organization:
        if code:
            org = Organization.objects.filter(code=str(code)).first()
            if org is None:
                raise CommandError(f"--org：找不到党组织编码“{code}”")
            return org
        org = Organization.objects.filter(parent__isnull=True).order_by("path").first()
        if org is None:
            raise CommandError("数据库中还没有党组织，请先导入台账")
        return org

    def _table(self, result: CheckResult) -> None:
        from rich.console import Console
        from rich.table import Table

        console = Console(file=self.stdout, width=140, highlight=False, soft_wrap=False)
        console.print(f"{result.org.name}（{result.org.code}）{result.year}年 报告数字核对")
        sections = [
            ("一致", result.agree, True),
            ("不一致", result.differ, True),
            ("未能对应", result.unmatched, False),
        ]
        for title, items, matched in sections:
            table = Table(title=f"{title}（{len(items)}）", title_justify="left", show_lines=False)
            table.add_column("草稿")
            if matched:
                table.add_column("台账")
                table.add_column("指标")
            else:
                table.add_column("原因")
                table.add_column("最接近的指标")
            table.add_column("把握", justify="right")
            table.add_column("位置", justify="right")
            table.add_column("原句")
            for item in items:
                sentence = item.draft.sentence
                if len(sentence) > 40:
                    sentence = sentence[:39] + "…"
                if matched:
                    table.add_row(
                        item.draft.text,
                        item.ledger_display,
                        f"{item.figure.label}（{item.figure.key}）",
                        f"{item.confidence:.2f}",
                        str(item.draft.start),
                        sentence,
                    )
                else:
                    near = item.candidate
                    table.add_row(
                        item.draft.text,
                        item.reason,
                        f"{near.label}（{near.key}）" if near is not None else "",
                        f"{item.confidence:.2f}",
                        str(item.draft.start),
                        sentence,
                    )
            console.print(table)


def _first_per_key(values: list[PriorValue]) -> list[PriorValue]:
    seen: dict[str, PriorValue] = {}
    for value in values:
        seen.setdefault(value.key, value)
    return list(seen.values())
