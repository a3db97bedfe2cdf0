import django_filters
from django.utils.translation import gettext_lazy as _

from dangjian.core.filters import LedgerFilterSet
from dangjian.problems.models import WorkArea

from .models import WorkPlanItem


class WorkPlanItemFilterSet(LedgerFilterSet):
    search_fields = ("code", "text", "owner")
    area = django_filters.ChoiceFilter(label=_("领域"), choices=WorkArea.choices)

    class Meta:
        model = WorkPlanItem
        fields = ["q", "organization", "year", "area"]

    def in_year(self, queryset, name, value):
        return queryset.filter(year=int(value))
