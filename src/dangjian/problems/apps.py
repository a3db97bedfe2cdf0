from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProblemsConfig(AppConfig):
    name = "dangjian.problems"
    verbose_name = _("查摆问题")
