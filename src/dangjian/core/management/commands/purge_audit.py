import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dangjian.core.audit_views import audited_models
from dangjian.core.models import AccessEvent


class Command(BaseCommand):
    help = "删除早于保留期限的审计记录（行历史与访问记录）；保留期限不得少于设置的最短天数（默认180天）"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.DANGJIAN_AUDIT_RETENTION_DAYS)

    def handle(self, *args, **options):
        minimum = settings.DANGJIAN_AUDIT_RETENTION_DAYS
        if options["days"] < minimum:
            raise CommandError(
                f"审计记录至少保留{minimum}天，不能清理{options['days']}天以内的记录"
            )
        cutoff = timezone.now() - dt.timedelta(days=options["days"])
        total = AccessEvent.objects.filter(at__lt=cutoff).delete()[0]
        for model in audited_models():
            total += model.history.filter(history_date__lt=cutoff).delete()[0]
        self.stdout.write(f"已删除 {total} 条早于 {cutoff:%Y-%m-%d} 的审计记录")
