import django_filters
from django.utils.translation import gettext_lazy as _

from dangjian.core.filters import LedgerFilterSet

from .models import DuesBase, DuesCategory


class DuesBaseFilterSet(LedgerFilterSet):
    org_path_field = "member__organization__path"
    search_fields = ("member__name", "member__member_no")
    category = django_filters.ChoiceFilter(label=_("交纳类别"), choices=DuesCategory.choices)

    class Meta:
        model = DuesBase
        fields = ["q", "organization", "category", "year"]

    def in_year(self, queryset, name, value):
        return queryset.filter(year=int(value))
