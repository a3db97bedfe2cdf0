import django_filters
from django.utils.translation import gettext_lazy as _

from dangjian.core.filters import LedgerFilterSet

from .models import (
    BranchAssessment,
    EthicsGrade,
    EthicsRecord,
    MemberEvaluation,
    MemberGrade,
    PointAdjustment,
    ReviewGrade,
    SecretaryReview,
)


class _YearFilterSet(LedgerFilterSet):
    """The evaluations carry a year, not a date."""

    def in_year(self, queryset, name, value):
        return queryset.filter(year=int(value))


class MemberEvaluationFilterSet(_YearFilterSet):
    org_path_field = "member__organization__path"
    search_fields = ("member__name", "member__member_no", "member__name_initials")
    grade = django_filters.ChoiceFilter(label=_("评议等次"), choices=MemberGrade.choices)

    class Meta:
        model = MemberEvaluation
        fields = ["q", "organization", "year", "grade"]


class SecretaryReviewFilterSet(_YearFilterSet):
    search_fields = ("member__name", "member__member_no")
    grade = django_filters.ChoiceFilter(label=_("评议等次"), choices=ReviewGrade.choices)

    class Meta:
        model = SecretaryReview
        fields = ["q", "organization", "year", "grade"]


class BranchAssessmentFilterSet(_YearFilterSet):
    search_fields = ("organization__name", "organization__code")
    grade = django_filters.ChoiceFilter(label=_("考核等次"), choices=ReviewGrade.choices)

    class Meta:
        model = BranchAssessment
        fields = ["q", "organization", "year", "grade"]


class EthicsRecordFilterSet(_YearFilterSet):
    search_fields = ("staff_no", "name", "department")
    grade = django_filters.ChoiceFilter(label=_("考评等次"), choices=EthicsGrade.choices)

    class Meta:
        model = EthicsRecord
        fields = ["q", "organization", "year", "grade"]


class PointAdjustmentFilterSet(_YearFilterSet):
    org_path_field = "member__organization__path"
    search_fields = ("code", "member__name", "member__member_no", "reason")

    class Meta:
        model = PointAdjustment
        fields = ["q", "organization", "year"]
