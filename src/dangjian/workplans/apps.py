from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkPlansConfig(AppConfig):
    name = "dangjian.workplans"
    verbose_name = _("工作要点")
