"""`dangjian import FILE.xlsx [--dry-run]`: the ledger workbook into the database, all or nothing."""

from __future__ import annotations

import getpass

from django.core.management.base import BaseCommand, CommandError

from dangjian.workbook.importer import import_workbook
from dangjian.workbook.progress import terminal_progress
from dangjian.workbook.report import summary_lines
from dangjian.workbook.views import record_import


class Command(BaseCommand):
    help = "导入统一台账工作簿（.xlsx）：全部检查通过才写入，任何错误都不改动数据库"

    def add_arguments(self, parser):
        parser.add_argument("file", help="台账工作簿 .xlsx")
        parser.add_argument("--dry-run", action="store_true", help="只检查不导入")

    def handle(self, *args, **options):
        dry_run = options["dry_run"]
        with terminal_progress(self.stdout) as progress:
            result = import_workbook(options["file"], dry_run=dry_run, progress=progress)
        if not dry_run:
            # The access log names the OS account that ran it, as for `dangjian export`.
            record_import(None, options["file"], result, username=f"命令行:{getpass.getuser()}")
        for line in result.warning_lines():
            self.stdout.write(f"警告 {line}")
        if not result.ok:
            for line in result.error_lines():
                self.stderr.write(line)
            raise CommandError(f"导入失败：共 {len(result.errors)} 处错误，数据库未作任何改动")
        for line in summary_lines(result):
            self.stdout.write(line)
        if dry_run:
            self.stdout.write(self.style.SUCCESS("检查通过（只检查，未写入数据库）"))
        else:
            self.stdout.write(self.style.SUCCESS("导入完成"))
