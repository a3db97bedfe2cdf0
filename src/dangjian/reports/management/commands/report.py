"""`dangjian report annual --year YYYY [--org CODE] --format json|md|html|docx [-o FILE]`."""

from __future__ import annotations

import datetime as dt
import getpass
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dangjian.core.audit import record_event
from dangjian.core.models import AccessKind
from dangjian.organizations.models import Organization
from dangjian.reports.figures import compute_figures
from dangjian.reports.frontmatter import FrontMatterError, front_matter_for
from dangjian.reports.narrative import build_report
from dangjian.reports.render import FORMATS, to_docx, to_html, to_json, to_markdown


class Command(BaseCommand):
    help = "生成年度党建工作报告（JSON、Markdown、HTML 或 Word 公文）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["annual"], help="报告种类：annual（年度党建工作报告）")
        parser.add_argument("--year", type=int, required=True, help="年度，如 2025")
        parser.add_argument("--org", help="组织编码（默认：最上级党组织）")
        parser.add_argument("--format", choices=FORMATS, default="json")
        parser.add_argument("-o", "--output", help="输出文件（文本格式缺省时打印到屏幕）")
        parser.add_argument("--date", help="成文日期 YYYY-MM-DD（默认今天）")
        parser.add_argument("--issuer", help="发文机关署名（默认组织名称）")
        # Front matter: each overrides the organisation's front_matter.json (see frontmatter.py).
        parser.add_argument("--red-header", help="红头（发文机关标志），如“中共××医院委员会文件”")
        parser.add_argument("--doc-number", help="发文字号，如“××院党发〔2026〕3号”")
        parser.add_argument("--signer", help="签发人")
        parser.add_argument("--recipient", help="主送机关，如“中共××县卫生健康局委员会”")

    def handle(self, *args: Any, **options: Any) -> None:
        org = self._organization(options["org"])
        try:
            issued_on = dt.date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError:
            raise CommandError(f"--date：“{options['date']}”不是日期，请写成 YYYY-MM-DD") from None
        try:
            front = front_matter_for(
                org,
                red_header=options["red_header"],
                doc_number=options["doc_number"],
                signer=options["signer"],
                recipient=options["recipient"],
            )
        except FrontMatterError as exc:
            raise CommandError(str(exc)) from None
        report = build_report(
            compute_figures(options["year"], org, previous=True),
            issued_on=issued_on,
            issuer=options["issuer"],
            front=front,
        )
        fmt, output = options["format"], options["output"]
        record_event(
            None,
            AccessKind.REPORT_DOWNLOAD,
            f"命令行生成年度报告：{org.code} {options['year']} {fmt}{' → ' + output if output else ''}",
            username=f"命令行:{getpass.getuser()}",
        )
        if fmt == "docx":
            if not output:
                raise CommandError("Word 格式须用 -o 指定输出文件")
            Path(output).write_bytes(to_docx(report))
            self.stderr.write(f"已生成 {output}")
            return
        if fmt == "json":
            text = json.dumps(to_json(report), ensure_ascii=False, indent=2)
        elif fmt == "md":
            text = to_markdown(report)
        else:
            text = _standalone_html(report.title, to_html(report))
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stderr.write(f"已生成 {output}")
        else:
            self.stdout.write(text)

    @staticmethod
    def _organization(code: str | None) -> Organization:
        if code:
            org: Organization | None = Organization.objects.filter(code=code).first()
            if org is None:
                raise CommandError(f"没有组织编码为“{code}”的党组织")
            return org
        roots: list[Organization] = list(
            Organization.objects.filter(parent__isnull=True).order_by("sort_order", "code")[:2]
        )
        if not roots:
            raise CommandError("尚无党组织，请先导入台账")
        if len(roots) > 1:
            raise CommandError("有多个最上级党组织，请用 --org 指定组织编码")
        return roots[0]


def _standalone_html(title: str, body: str) -> str:
    from django.utils.html import escape

    return (
        '<!doctype html>\n<html lang="zh-Hans"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>"
        "body{max-width:48em;margin:2em auto;font:16px/1.9 'FangSong','Noto Serif CJK SC',serif}"
        ".gw-title{text-align:center;font-size:22pt;font-weight:normal}"
        ".gw-h1{font-size:16pt;font-family:'SimHei','Noto Sans CJK SC',sans-serif;font-weight:normal}"
        ".gw-h2{font-size:16pt;font-family:'KaiTi',serif;font-weight:normal}"
        "article p{text-indent:2em;margin:.2em 0}.gw-sign{text-align:right}"
        "table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #999;padding:2px 4px}"
        f"</style></head><body>\n{body}\n</body></html>\n"
    )
