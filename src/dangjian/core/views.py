"""Generic ledger pages: a list or detail view names its model, filterset and columns, nothing else.

The queryset always comes from ``Model.objects.visible_to(user)``, so no page can show rows outside
the user's scope; an object outside it is a 404, as if it did not exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import DetailView
from django_filters.views import FilterView


@dataclass(frozen=True)
class Column:
    """One table column: an attribute path (``organization.name``) and, optionally, its heading."""

    accessor: str
    label: str = ""
    link: bool = False


class LedgerListView(LoginRequiredMixin, FilterView):
    template_name = "web/ledger_list.html"
    paginate_by = 50
    columns: tuple[Column, ...] = ()
    related: tuple[str, ...] = ()
    title = ""
    create_url_name = ""

    def get_queryset(self):
        queryset = self.model.objects.visible_to(self.request.user)
        if self.related:
            queryset = queryset.select_related(*self.related)
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            title=self.title or self.model._meta.verbose_name_plural,
            columns=[_resolved(column, self.model) for column in self.columns],
            querystring=query.urlencode(),
        )
        return context


class LedgerDetailView(LoginRequiredMixin, DetailView):
    template_name = "web/ledger_detail.html"
    fields: tuple[str, ...] = ()
    related: tuple[str, ...] = ()

    def get_queryset(self):
        queryset = self.model.objects.visible_to(self.request.user)
        if self.related:
            queryset = queryset.select_related(*self.related)
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = [
            (_resolved(Column(name), self.model).label, name) for name in self.fields
        ]
        context["title"] = f"{self.model._meta.verbose_name}：{self.object}"
        return context


def _resolved(column: Column, model) -> Column:
    if column.label:
        return column
    field_name = column.accessor.split(".")[0].removesuffix("_masked")
    try:
        label = str(model._meta.get_field(field_name).verbose_name)
    except Exception:  # a property: keep the accessor's last part as the heading
        label = column.accessor
    return Column(column.accessor, label, column.link)
