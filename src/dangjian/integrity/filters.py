import django_filters
from django.utils.translation import gettext_lazy as _

from dangjian.core.filters import LedgerFilterSet

from .models import EducationKind, IntegrityEducation, LetterKind, Responsibility, Violation


class ResponsibilityFilterSet(LedgerFilterSet):
    search_fields = ("code", "signer", "department")
    kind = django_filters.ChoiceFilter(label=_("类别"), choices=LetterKind.choices)

    class Meta:
        model = Responsibility
        fields = ["q", "organization", "kind", "year"]

    def in_year(self, queryset, name, value):
        return queryset.filter(year=int(value))


class IntegrityEducationFilterSet(LedgerFilterSet):
    search_fields = ("code", "topic")
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=EducationKind.choices)

    class Meta:
        model = IntegrityEducation
        fields = ["q", "organization", "kind", "year"]


class ViolationFilterSet(LedgerFilterSet):
    date_field = "found_on"
    search_fields = ("code", "person", "category", "description")

    class Meta:
        model = Violation
        fields = ["q", "organization", "year"]
