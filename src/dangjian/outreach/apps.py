from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "dangjian.outreach"
    verbose_name = _("服务活动")
