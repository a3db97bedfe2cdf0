from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dangjian.core.backup import BackupError, backup
from dangjian.core.rotation import backup_into, rotate


class Command(BaseCommand):
    help = (
        "备份数据库到一个文件（SQLite 在线备份；PostgreSQL 使用 pg_dump）；"
        "不给文件名时写入备份目录并按日、按月轮换（每日定时任务用）"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, nargs="?")
        parser.add_argument(
            "--dir", type=Path, default=None, help="备份目录（默认 DANGJIAN_BACKUP_DIR）"
        )
        parser.add_argument(
            "--keep-daily",
            type=int,
            default=settings.DANGJIAN_BACKUP_KEEP_DAILY,
            help="保留最近多少天的备份（每天最新一份）",
        )
        parser.add_argument(
            "--keep-monthly",
            type=int,
            default=settings.DANGJIAN_BACKUP_KEEP_MONTHLY,
            help="保留最近多少个月的备份（每月最新一份）",
        )

    def handle(self, *args, **options):
        if options["file"] is not None and options["dir"] is not None:
            raise CommandError("请只给出备份文件名或 --dir 其中之一")
        if min(options["keep_daily"], options["keep_monthly"]) < 1:
            raise CommandError("--keep-daily 和 --keep-monthly 至少为 1")
        try:
            if options["file"] is not None:
                path = backup(options["file"])
            else:
                folder = options["dir"] or settings.DANGJIAN_BACKUP_DIR
                path = backup_into(folder)
                deleted = rotate(folder, options["keep_daily"], options["keep_monthly"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"已备份到 {path}"))
        if options["file"] is None:
            for old in deleted:
                self.stdout.write(f"已按轮换规则删除旧备份 {old.name}")
