from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "dangjian.core"
    verbose_name = _("基础")

    def ready(self) -> None:
        from . import (
            audit,  # noqa: F401  (connects the audit signal handlers)
            checks,  # noqa: F401  (registers the deployment checks)
        )
