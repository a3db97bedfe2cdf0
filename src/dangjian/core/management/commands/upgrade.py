from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dangjian.core.backup import BackupError
from dangjian.core.upgrade import UpgradeError, upgrade


class Command(BaseCommand):
    help = (
        "升级：备份并校验数据库 → 执行迁移（失败时自动用备份恢复）→ 收集静态文件 → "
        "check --deploy → 列出变化。升级前请先停止服务"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--backup-dir",
            type=Path,
            default=None,
            help="升级前备份的存放目录（默认 DANGJIAN_BACKUP_DIR）",
        )

    def handle(self, *args, **options):
        try:
            summary = upgrade(options["backup_dir"])
        except (UpgradeError, BackupError) as error:
            raise CommandError(str(error)) from error
        lines = summary.lines()
        self.stdout.write(self.style.SUCCESS(lines[0]))
        for line in lines[1:]:
            self.stdout.write(line)
