from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecognitionConfig(AppConfig):
    name = "dangjian.recognition"
    verbose_name = _("表彰与党建品牌")
