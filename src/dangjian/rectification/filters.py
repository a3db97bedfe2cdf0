import django_filters
from django.utils.translation import gettext_lazy as _

from dangjian.core import clock
from dangjian.core.filters import LedgerFilterSet

from .models import (
    COMMON_SOURCES,
    DONE_Q,
    RectificationItem,
    RectificationKind,
    RectificationStatus,
)
from .overdue import overdue_q


class RectificationItemFilterSet(LedgerFilterSet):
    date_field = "deadline"
    search_fields = ("code", "description", "owner", "source")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=RectificationStatus.choices)
    kind = django_filters.ChoiceFilter(label=_("整改类别"), choices=RectificationKind.choices)
    source = django_filters.ChoiceFilter(label=_("来源"), choices=[(s, s) for s in COMMON_SOURCES])
    overdue = django_filters.BooleanFilter(
        label=_("只看逾期"), method="only_overdue", widget=django_filters.widgets.BooleanWidget()
    )

    class Meta:
        model = RectificationItem
        fields = ["q", "organization", "status", "kind", "source", "overdue", "year"]

    def only_overdue(self, queryset, name, value):
        """逾期: past its 整改时限 and not done (computed, as the model's is_overdue)."""
        if not value:
            return queryset
        return queryset.filter(overdue_q(clock.today(), done_q=DONE_Q))
