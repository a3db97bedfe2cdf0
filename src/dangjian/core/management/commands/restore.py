from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dangjian.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "用备份文件替换当前数据库的全部内容（SQLite 或 PostgreSQL 的 pg_restore）"

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--yes", action="store_true", help="不再确认，直接覆盖")

    def handle(self, *args, **options):
        if not options["yes"]:
            answer = input("恢复将覆盖当前数据库的全部数据，确定吗？[y/N] ")
            if answer.strip().lower() not in {"y", "yes"}:
                raise CommandError("已取消")
        try:
            restore(options["file"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"已从 {options['file']} 恢复"))
