import django_filters
from django.utils.translation import gettext_lazy as _

from dangjian.core.filters import LedgerFilterSet

from .models import Problem, ProblemSource, WorkArea


class ProblemFilterSet(LedgerFilterSet):
    search_fields = ("code", "text", "measures")
    source = django_filters.ChoiceFilter(label=_("来源"), choices=ProblemSource.choices)
    area = django_filters.ChoiceFilter(label=_("领域"), choices=WorkArea.choices)

    class Meta:
        model = Problem
        fields = ["q", "organization", "year", "source", "area"]

    def in_year(self, queryset, name, value):
        return queryset.filter(year=int(value))
