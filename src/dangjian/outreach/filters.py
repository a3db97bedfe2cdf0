import django_filters
from django.utils.translation import gettext_lazy as _

from dangjian.core.filters import LedgerFilterSet

from .models import ServiceActivity


class ServiceActivityFilterSet(LedgerFilterSet):
    search_fields = ("code", "content", "activity_type")
    activity_type = django_filters.CharFilter(label=_("类型"))

    class Meta:
        model = ServiceActivity
        fields = ["q", "organization", "activity_type", "year"]
