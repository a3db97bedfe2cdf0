import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dangjian import rules
from dangjian.core.filters import LedgerFilterSet

from .models import DecisionCategory, MajorDecision


def problem_condition(queryset) -> Q:
    """The rows that break a rule, as a database condition built by calling the rules.

    The rules run on the distinct combinations that occur (category × 应到 × 实到, and
    党委会 × 院长办公会 dates), never re-implemented in SQL: two small queries whatever the size.
    """
    condition = Q(pk__in=[])
    counts = (
        queryset.filter(members_due__isnull=False, members_present__isnull=False)
        .order_by()
        .values_list("category", "members_due", "members_present")
        .distinct()
    )
    for category, due, present in counts:
        if category and rules.check_decision(category, due, present):
            condition |= Q(category=category, members_due=due, members_present=present)
    dates = (
        queryset.filter(president_meeting_on__isnull=False)
        .order_by()
        .values_list("meeting_date", "president_meeting_on")
        .distinct()
    )
    for committee, president in dates:
        if rules.check_pre_study(committee, president):
            condition |= Q(meeting_date=committee, president_meeting_on=president)
    return condition


class MajorDecisionFilterSet(LedgerFilterSet):
    date_field = "meeting_date"
    search_fields = ("code", "topic")
    category = django_filters.ChoiceFilter(label=_("事项类别"), choices=DecisionCategory.choices)
    problems = django_filters.BooleanFilter(
        label=_("仅看有问题的"),
        method="only_problems",
        widget=django_filters.widgets.BooleanWidget(),
    )

    class Meta:
        model = MajorDecision
        fields = ["q", "organization", "category", "year", "problems"]

    def only_problems(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(problem_condition(queryset))
