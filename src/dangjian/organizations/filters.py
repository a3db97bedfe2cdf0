import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Member, MemberCategory, Organization, OrgType


def branch_choices_queryset(request):
    if request is None:
        return Organization.objects.none()
    return Organization.objects.visible_to(request.user).exclude(org_type=OrgType.GROUP)


class MemberFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("姓名/拼音首字母/编号"), method="search")
    organization = django_filters.ModelChoiceFilter(
        label=_("所在组织"), queryset=branch_choices_queryset, method="in_subtree"
    )
    category = django_filters.ChoiceFilter(label=_("人员类别"), choices=MemberCategory.choices)

    class Meta:
        model = Member
        fields = ["q", "organization", "category"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(name__contains=value)
            | Q(name_initials__startswith=value.lower())
            | Q(member_no=value)
        )

    def in_subtree(self, queryset, name, value):
        return queryset.filter(organization__path__startswith=value.path)
