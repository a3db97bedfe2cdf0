import django_filters
from django.utils.translation import gettext_lazy as _

from dangjian.core.filters import LedgerFilterSet

from .models import RectificationItem, RectificationStatus


class RectificationItemFilterSet(LedgerFilterSet):
    date_field = "deadline"
    search_fields = ("code", "description", "owner", "source")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=RectificationStatus.choices)

    class Meta:
        model = RectificationItem
        fields = ["q", "organization", "status", "year"]
