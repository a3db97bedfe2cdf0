from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkbookConfig(AppConfig):
    name = "dangjian.workbook"
    verbose_name = _("台账工作簿")
