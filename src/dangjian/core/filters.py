"""Filters shared by every ledger: the organisation (with its subtree) and the year.

A list page's filter form offers every organisation in the user's scope (286 in a large
hospital). Django builds those options by loading each organisation as a model instance on every
request; :func:`use_cached_choices` has the select's options (value and label, the same as
Django's) computed once per data version and queryset instead (``core.datacache``). Only the
rendering changes: a submitted value is still looked up in the field's own scoped queryset.
"""

import django_filters
from django import forms
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.utils.translation import gettext_lazy as _

from dangjian.core.rendering import FORM_RENDERER


class CachedModelChoiceIterator(ModelChoiceIterator):
    """The choices of a ``ModelChoiceField`` over ledger rows, kept until the ledgers change.

    Keyed by the queryset's SQL (which carries the user's scope) and the data version. The
    options' values carry no model instance (``ModelChoiceIteratorValue.instance`` is ``None``)."""

    def _rows(self) -> tuple[tuple[object, str], ...]:
        from dangjian.core.datacache import cached

        field, queryset = self.field, self.queryset
        sql, params = queryset.query.sql_with_params()

        def compute():
            return tuple(
                (field.prepare_value(obj), str(field.label_from_instance(obj)))
                for obj in queryset.iterator()
            )

        return cached("model_choices", (type(field).__qualname__, sql, params), compute)

    def _extra(self) -> list[tuple[object, object]]:
        extra = []
        if self.field.empty_label is not None:
            extra.append(("", self.field.empty_label))
        null_label = getattr(self.field, "null_label", None)  # django-filters' "null" choice
        if null_label is not None:
            extra.append((self.field.null_value, null_label))
        return extra

    def __iter__(self):
        yield from self._extra()
        for value, label in self._rows():
            yield ModelChoiceIteratorValue(value, None), label

    def __len__(self):
        return len(self._extra()) + len(self._rows())

    def __bool__(self):
        return bool(self._extra()) or bool(self._rows())


def use_cached_choices(form: forms.BaseForm) -> None:
    """Give the form's single-choice fields over ledger rows a :class:`CachedModelChoiceIterator`.

    Fields with a custom ``label_from_instance`` or a prefetching queryset are left alone."""
    from dangjian.core.models import LedgerModel

    for field in form.fields.values():
        if not isinstance(field, forms.ModelChoiceField) or isinstance(
            field, forms.ModelMultipleChoiceField
        ):
            continue
        queryset = field.queryset
        if queryset is None or queryset._prefetch_related_lookups:
            continue
        if not issubclass(queryset.model, LedgerModel):
            continue
        if type(field).label_from_instance is not forms.ModelChoiceField.label_from_instance:
            continue
        if hasattr(field, "_choices"):  # choices set by hand: not the queryset's
            continue
        field.iterator = CachedModelChoiceIterator
        field.widget.choices = field.choices


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
