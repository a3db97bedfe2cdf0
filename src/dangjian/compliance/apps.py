from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "dangjian.compliance"
    verbose_name = _("规则与提醒")
