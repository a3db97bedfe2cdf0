"""`dangjian remind [--as-of YYYY-MM-DD] [--days N] [--org CODE] [--format text|json] [--send]`."""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from dangjian.compliance.notify import send, text_table
from dangjian.compliance.reminders import collect
from dangjian.core import clock


class Command(BaseCommand):
    help = "列出即将到期和已逾期的事项（换届、转正、发展党员、组织生活、整改、党费），可按收件人发送提醒邮件。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--as-of", help="以哪一天为准 YYYY-MM-DD（默认今天）")
        parser.add_argument("--days", type=int, default=30, help="提前多少天提醒（默认 30）")
        parser.add_argument("--org", help="只看该组织（组织编码）及其下级")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--send",
            action="store_true",
            help="按收件人发送提醒邮件（同一事项同一提醒日期只发一次）",
        )

    def handle(self, *args, **options) -> None:

        try:
            as_of = dt.date.fromisoformat(options["as_of"]) if options["as_of"] else clock.today()
        except ValueError:
            raise CommandError(
                f"--as-of 日期格式应为 YYYY-MM-DD，收到“{options['as_of']}”"
            ) from None
        if options["days"] < 0:
            raise CommandError("--days 不能为负数")
        paths = None
        if options["org"]:
            from dangjian.organizations.models import Organization

            org = Organization.objects.filter(code=options["org"]).first()
            if org is None:
                raise CommandError(f"没有组织编码为“{options['org']}”的党组织")
            paths = [org.path]
        items = collect(as_of, options["days"], org_paths=paths)
        if options["format"] == "json":
            self.stdout.write(
                json.dumps([r.as_json() for r in items], ensure_ascii=False, indent=2)
            )
        else:
            self.stdout.write(f"截至 {as_of:%Y-%m-%d}，提前 {options['days']} 天的提醒：\n")
            self.stdout.write(text_table(items))
        if options["send"]:
            result = send(items, as_of)
            self.stderr.write(
                f"已发送提醒邮件 {result.sent} 封（{result.items} 项），此前已发送而跳过 {result.already_sent} 项"
                + (
                    f"；以下用户没有邮箱，未发送：{'、'.join(result.skipped_no_address)}"
                    if result.skipped_no_address
                    else ""
                )
            )
