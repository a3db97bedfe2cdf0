import django_filters
from django.utils.translation import gettext_lazy as _

from dangjian.core.filters import LedgerFilterSet

from .models import DecisionCategory, MajorDecision


class MajorDecisionFilterSet(LedgerFilterSet):
    date_field = "meeting_date"
    search_fields = ("code", "topic")
    category = django_filters.ChoiceFilter(label=_("事项类别"), choices=DecisionCategory.choices)

    class Meta:
        model = MajorDecision
        fields = ["q", "organization", "category", "year"]
