import django_filters
from django.utils.translation import gettext_lazy as _

from dangjian.core.filters import LedgerFilterSet

from .models import EventType, OrgLifeEvent


class OrgLifeEventFilterSet(LedgerFilterSet):
    search_fields = ("code", "topic", "host", "lecturer")
    event_type = django_filters.ChoiceFilter(label=_("类型"), choices=EventType.choices)
    month = django_filters.NumberFilter(
        label=_("月份"), method="in_month", min_value=1, max_value=12
    )

    class Meta:
        model = OrgLifeEvent
        fields = ["q", "organization", "event_type", "year", "month"]

    def in_month(self, queryset, name, value):
        return queryset.filter(date__month=int(value))
