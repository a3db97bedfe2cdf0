"""`dangjian points recompute --year YYYY [--org CODE]`: rebuild the stored 党员积分 totals."""

from django.core.management.base import BaseCommand, CommandError

from dangjian.core import clock
from dangjian.evaluations import points
from dangjian.rules.records import year_problem


class Command(BaseCommand):
    help = "党员积分：按台账重新计算并保存年度积分（recompute）"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["recompute"], help="recompute：重新计算并保存")
        parser.add_argument("--year", type=int, default=clock.today().year, help="年度（默认今年）")
        parser.add_argument("--org", default="", help="只计算该组织编码下的党员")

    def handle(self, *args, action: str, year: int, org: str, **options):
        from dangjian.organizations.models import Organization

        if problem := year_problem(year):
            raise CommandError(problem)
        target = None
        if org:
            target = Organization.objects.filter(code=org).first()
            if target is None:
                raise CommandError(f"组织编码“{org}”不存在")
        count = points.recompute(year, org=target)
        self.stdout.write(f"已重新计算 {year} 年 {count} 名党员的积分")
