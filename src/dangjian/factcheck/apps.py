from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FactcheckConfig(AppConfig):
    name = "dangjian.factcheck"
    verbose_name = _("报告核对")
