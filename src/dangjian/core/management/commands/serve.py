"""`dangjian serve`: migrate, load the demo hospital into an empty database, then serve."""

import os

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "迁移数据库；数据库为空时载入演示医院；然后启动网站（开发/单机用，生产请用 gunicorn）"

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--no-demo", action="store_true", help="不载入演示数据")

    def handle(self, *args, **options):
        from django.conf import settings

        db = settings.DATABASES["default"]
        if db["ENGINE"].endswith("sqlite3"):
            os.makedirs(os.path.dirname(str(db["NAME"])) or ".", exist_ok=True)
        # The static files are served from the app folders (WHITENOISE_USE_FINDERS); without the
        # collectstatic folder WhiteNoise would still warn at start.
        os.makedirs(settings.STATIC_ROOT, exist_ok=True)
        from dangjian.core.checks import ensure_own_secret_key

        if ensure_own_secret_key():
            self.stdout.write(f"已生成本机密钥：{settings.DANGJIAN_SECRET_KEY_FILE}")
        call_command("migrate", interactive=False, verbosity=0)
        if not options["no_demo"]:
            from dangjian.organizations.models import Organization

            if not Organization.objects.exists():
                self.stdout.write("数据库为空，正在载入演示医院……")
                call_command("demo", no_logins=True, stdout=self.stdout)  # logins: below, once
        from dangjian.demo.logins import describe_logins

        url = f"http://{options['host']}:{options['port']}/"
        self.stdout.write(self.style.SUCCESS(f"党建工作平台已启动：{url}"))
        self.stdout.write(describe_logins())
        call_command("runserver", f"{options['host']}:{options['port']}", use_reloader=False)
