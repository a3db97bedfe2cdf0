import django_filters
from django.utils.translation import gettext_lazy as _

from dangjian.core.filters import LedgerFilterSet

from .models import (
    BrandKind,
    CultivationKind,
    DualCultivation,
    Honour,
    HonourKind,
    HonourLevel,
    PartyBrand,
)


class _ByYear:
    def in_year(self, queryset, name, value):
        return queryset.filter(year=int(value))


class HonourFilterSet(_ByYear, LedgerFilterSet):
    search_fields = ("code", "title", "member__name", "organization__name", "awarded_by")
    kind = django_filters.ChoiceFilter(label=_("表彰类型"), choices=HonourKind.choices)
    level = django_filters.ChoiceFilter(label=_("表彰级别"), choices=HonourLevel.choices)

    class Meta:
        model = Honour
        fields = ["q", "organization", "kind", "level", "year"]


class PartyBrandFilterSet(_ByYear, LedgerFilterSet):
    search_fields = ("code", "name", "description")
    kind = django_filters.ChoiceFilter(label=_("类别"), choices=BrandKind.choices)

    class Meta:
        model = PartyBrand
        fields = ["q", "organization", "kind", "year"]


class DualCultivationFilterSet(LedgerFilterSet):
    org_path_field = "member__organization__path"
    search_fields = ("member__name", "member__member_no", "note")
    kind = django_filters.ChoiceFilter(label=_("培养类型"), choices=CultivationKind.choices)

    class Meta:
        model = DualCultivation
        fields = ["q", "organization", "kind", "year"]
