"""`dangjian template FILE.xlsx`: the empty workbook with headers, drop-down lists and 说明."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from dangjian.workbook.template import write_template


class Command(BaseCommand):
    help = "生成空白的统一台账工作簿模板（列名、下拉列表和说明）"

    def add_arguments(self, parser):
        parser.add_argument("file", help="要写入的 .xlsx 文件")

    def handle(self, *args, **options):
        if not options["file"].lower().endswith(".xlsx"):
            raise CommandError("模板文件名应以 .xlsx 结尾")
        try:
            write_template(options["file"])
        except OSError as exc:
            raise CommandError(f"无法写入文件：{exc.strerror or exc}") from None
        self.stdout.write(self.style.SUCCESS(f"模板已写入 {options['file']}"))
