import django_filters
from django.utils.translation import gettext_lazy as _

from dangjian.core import clock
from dangjian.core.filters import LedgerFilterSet
from dangjian.rectification.overdue import overdue_q

from .models import MEASURE_DONE_Q, Instruction, InstructionKind, Measure, MeasureStatus


class InstructionFilterSet(LedgerFilterSet):
    date_field = "issued_on"
    search_fields = ("code", "title", "source")
    kind = django_filters.ChoiceFilter(label=_("类别"), choices=InstructionKind.choices)

    class Meta:
        model = Instruction
        fields = ["q", "organization", "kind", "year"]


class MeasureFilterSet(LedgerFilterSet):
    org_path_field = "instruction__organization__path"
    date_field = "deadline"
    search_fields = ("code", "content", "owner", "instruction__title")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=MeasureStatus.choices)
    overdue = django_filters.BooleanFilter(
        label=_("只看逾期"), method="only_overdue", widget=django_filters.widgets.BooleanWidget()
    )

    class Meta:
        model = Measure
        fields = ["q", "organization", "status", "overdue", "year"]

    def only_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(overdue_q(clock.today(), done_q=MEASURE_DONE_Q))
