"""Filters shared by every ledger: the organisation (with its subtree) and the year."""

import django_filters
from django.utils.translation import gettext_lazy as _

from dangjian.core.rendering import FORM_RENDERER


def visible_organizations(request):
    from dangjian.organizations.models import Organization

    if request is None:
        return Organization.objects.none()
    return Organization.objects.visible_to(request.user)


class LedgerFilterSet(django_filters.FilterSet):
    """Subclasses set ``org_path_field``, ``date_field`` and ``search_fields``."""

    org_path_field = "organization__path"
    date_field = "date"
    search_fields: tuple[str, ...] = ()

    q = django_filters.CharFilter(label=_("搜索"), method="search")
    organization = django_filters.ModelChoiceFilter(
        label=_("组织"), queryset=visible_organizations, method="in_subtree"
    )
    year = django_filters.NumberFilter(label=_("年度"), method="in_year")

    def get_form_class(self):
        form = super().get_form_class()  # a new class each call: setting its renderer is local
        form.default_renderer = FORM_RENDERER
        return form

    def search(self, queryset, name, value):
        from django.db.models import Q

        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__contains": value.strip()})
        return queryset.filter(condition)

    def in_subtree(self, queryset, name, value):
        return queryset.filter(**{f"{self.org_path_field}__startswith": value.path})

    def in_year(self, queryset, name, value):
        return queryset.filter(**{f"{self.date_field}__year": int(value)})
