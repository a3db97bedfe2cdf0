from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImplementationConfig(AppConfig):
    name = "dangjian.implementation"
    verbose_name = _("贯彻落实")
