"""`dangjian demo`: load the demo 县人民医院 (deterministic for a seed) into an empty database."""

import datetime as dt
import sys
import time

from django.core.management.base import BaseCommand, CommandError

from dangjian.demo.generator import DemoError, build_demo
from dangjian.demo.logins import describe_logins


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        import argparse

        raise argparse.ArgumentTypeError(f"“{value}”不是日期，请写成 YYYY-MM-DD") from None


class Command(BaseCommand):
    help = "在空数据库中载入演示医院（党组织、党员、组织生活、发展党员、整改、三重一大、服务活动和演示账号）"

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed", type=int, default=1, help="随机种子：相同种子生成完全相同的数据（默认 1）"
        )
        parser.add_argument(
            "--members", type=int, default=300, help="每家医院的党员人数（默认 300）"
        )
        parser.add_argument(
            "--branches", type=int, default=10, help="每家医院的党支部数（默认 10）"
        )
        parser.add_argument(
            "--units", type=int, default=1, help="医院党委数；大于 1 时另建卫健局党委统管（默认 1）"
        )
        parser.add_argument(
            "--years",
            type=int,
            default=2,
            help="组织生活覆盖的自然年数，含当年（默认 2：上一年全年和当年截至今日）",
        )
        parser.add_argument(
            "--as-of", type=_date, default=None, help="数据截止日期 YYYY-MM-DD（默认今天）"
        )
        parser.add_argument(
            "--no-logins",
            action="store_true",
            help="不列出演示账号（dangjian serve 启动时自己列出）",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        stream = getattr(self.stdout, "_out", sys.stdout)
        try:
            summary = build_demo(
                seed=options["seed"],
                members=options["members"],
                branches=options["branches"],
                units=options["units"],
                years=options["years"],
                as_of=options["as_of"],
                progress=bool(getattr(stream, "isatty", lambda: False)()),
            )
        except DemoError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(str(summary)))
        self.stdout.write(f"用时 {time.monotonic() - started:.1f} 秒")
        if not options["no_logins"]:
            self.stdout.write(describe_logins())
