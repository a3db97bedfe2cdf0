"""`dangjian export FILE.xlsx [--org CODE] [--user USERNAME]`: the ledgers as the workbook."""

from __future__ import annotations

import getpass

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from dangjian.core.audit import record_event
from dangjian.core.models import AccessKind
from dangjian.organizations.models import Organization
from dangjian.workbook.exporter import export_workbook


class Command(BaseCommand):
    help = "导出统一台账工作簿（.xlsx）；--org 限定组织及其下级，--user 只导出该用户可见的数据（并脱敏）"

    def add_arguments(self, parser):
        parser.add_argument("file", help="要写入的 .xlsx 文件")
        parser.add_argument("--org", help="组织编码：只导出该组织及其下级组织的数据")
        parser.add_argument("--user", help="用户名：只导出该用户有权查看的数据")

    def handle(self, *args, **options):
        org = user = None
        if options["org"]:
            org = Organization.objects.filter(code=options["org"]).first()
            if org is None:
                raise CommandError(f"组织编码“{options['org']}”不存在")
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"用户“{options['user']}”不存在")
        if not options["file"].lower().endswith(".xlsx"):
            raise CommandError("导出文件名应以 .xlsx 结尾")
        try:
            result = export_workbook(options["file"], user=user, org=org)
        except OSError as exc:
            raise CommandError(f"无法写入文件：{exc.strerror or exc}") from None
        # The command line counts as an export too: the audit log names the OS account that ran it.
        masking = "已脱敏" if result.masked else "含完整身份证号、手机号"
        record_event(
            None,
            AccessKind.EXPORT,
            f"命令行导出 {options['file']}：{sum(result.rows.values())} 行，{masking}",
            username=f"命令行:{getpass.getuser()}",
        )
        for sheet, count in result.rows.items():
            self.stdout.write(f"{sheet}：{count} 行")
        if result.masked:
            self.stdout.write("身份证号、手机号已脱敏（该用户不是党委管理员）")
        self.stdout.write(self.style.SUCCESS(f"已导出到 {options['file']}"))
