from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "dangjian.evaluations"
    verbose_name = _("评议考核与积分")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (stored point totals follow every adjustment)
