from dangjian.core.filters import LedgerFilterSet

from .models import DevelopmentCase


class DevelopmentCaseFilterSet(LedgerFilterSet):
    date_field = "applied_on"
    search_fields = ("name", "introducers")

    class Meta:
        model = DevelopmentCase
        fields = ["q", "organization", "year"]
