import django_filters
from django.utils.translation import gettext_lazy as _

from dangjian.core.filters import LedgerFilterSet

from .models import IndicatorValue, OpinionEvent, Period


class IndicatorValueFilterSet(LedgerFilterSet):
    search_fields = ("code", "indicator", "note")
    indicator = django_filters.CharFilter(label=_("指标"))
    period = django_filters.ChoiceFilter(label=_("期间"), choices=Period.choices)

    class Meta:
        model = IndicatorValue
        fields = ["q", "organization", "indicator", "period", "year"]

    def in_year(self, queryset, name, value):
        return queryset.filter(year=int(value))


class OpinionEventFilterSet(LedgerFilterSet):
    search_fields = ("code", "source", "content", "handling", "result")
    handled = django_filters.BooleanFilter(
        label=_("已处置"), field_name="handled_on", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = OpinionEvent
        fields = ["q", "organization", "handled", "year"]
