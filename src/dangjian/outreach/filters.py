import django_filters
from django.utils.translation import gettext_lazy as _

from dangjian.core.filters import LedgerFilterSet
from dangjian.evaluations.models import ServiceParticipation

from .models import ServiceActivity


class ServiceActivityFilterSet(LedgerFilterSet):
    search_fields = ("code", "content", "activity_type")
    activity_type = django_filters.CharFilter(label=_("类型"))

    class Meta:
        model = ServiceActivity
        fields = ["q", "organization", "activity_type", "year"]


class ServiceParticipationFilterSet(LedgerFilterSet):
    org_path_field = "activity__organization__path"
    date_field = "activity__date"
    search_fields = (
        "member__name",
        "member__member_no",
        "member__name_initials",
        "activity__code",
        "activity__content",
    )
    activity_type = django_filters.CharFilter(label=_("类型"), field_name="activity__activity_type")

    class Meta:
        model = ServiceParticipation
        fields = ["q", "organization", "activity_type", "year"]
