from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dangjian.core.backup import BackupError, restore, verify


class Command(BaseCommand):
    help = (
        "用备份文件替换当前数据库的全部内容（SQLite 或 PostgreSQL 的 pg_restore）；"
        "先校验备份，校验不通过时当前数据库保持不变"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--yes", action="store_true", help="不再确认，直接覆盖")

    def handle(self, *args, **options):
        source = options["file"]
        try:
            info = verify(source)
        except BackupError as error:
            raise CommandError(f"{error}。当前数据库未改动。") from error
        if not options["yes"]:
            try:
                answer = input("恢复将覆盖当前数据库的全部数据，确定吗？[y/N] ")
            except EOFError:
                raise CommandError(
                    "没有收到确认（没有输入）：当前数据库未改动。确认覆盖请加 --yes"
                ) from None
            if answer.strip().lower() not in {"y", "yes"}:
                raise CommandError("已取消，当前数据库未改动")
        try:
            restore(source, info)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"已从 {source} 恢复"))
        if info.missing_migrations:
            self.stdout.write(
                f"备份来自较早的版本（缺少 {len(info.missing_migrations)} 个迁移），"
                "请运行 dangjian migrate 升级数据库结构"
            )
