from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "dangjian.indicators"
    verbose_name = _("党建+业务指标与舆情")
