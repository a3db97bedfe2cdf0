import django_filters
from django.utils.translation import gettext_lazy as _

from dangjian.core.filters import LedgerFilterSet

from .models import EventType, OrgLifeEvent


class OrgLifeEventFilterSet(LedgerFilterSet):
    search_fields = ("code", "topic", "host", "lecturer")
    event_type = django_filters.ChoiceFilter(label=_("类型"), choices=EventType.choices)

    class Meta:
        model = OrgLifeEvent
        fields = ["q", "organization", "event_type", "year"]
