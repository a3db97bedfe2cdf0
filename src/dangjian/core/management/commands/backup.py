from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dangjian.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "备份数据库到一个文件（SQLite 在线备份；PostgreSQL 使用 pg_dump）"

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, **options):
        try:
            path = backup(options["file"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"已备份到 {path}"))
