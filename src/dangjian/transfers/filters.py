import django_filters
from django.utils.translation import gettext_lazy as _

from dangjian.core.filters import LedgerFilterSet

from .models import Transfer, TransferKind


class TransferFilterSet(LedgerFilterSet):
    org_path_field = "member__organization__path"
    search_fields = (
        "code",
        "member__name",
        "member__member_no",
        "letter_no",
        "from_unit",
        "to_unit",
    )
    kind = django_filters.ChoiceFilter(label=_("转接类型"), choices=TransferKind.choices)

    class Meta:
        model = Transfer
        fields = ["q", "organization", "kind", "year"]
