"""Generic ledger pages: a view names its model, filterset, form and columns, nothing else.

Reading: the queryset always comes from ``Model.objects.visible_to(user)``, so no page can show
rows outside the user's scope; an object outside it is a 404, as if it did not exist.
Writing: create, edit and delete use ``visible_to(user, CHANGE)`` (a 党员 reaches nothing, a
支部书记 their branch subtree, a 党委管理员 everything), and every write is an ordinary ORM save
or delete, so django-simple-history records who did it, when, from where, before and after.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DeleteView, DetailView, UpdateView
from django_filters.views import FilterView

from .scoping import CHANGE, VIEW, scope_for
from .versioning import StaleRecord, save_if_current


@dataclass(frozen=True)
class Column:
    """One table column: an attribute path (``organization.name``), optionally its heading, and
    ``sort``, the ORM field a header click orders by (only such columns can be sorted)."""

    accessor: str
    label: str = ""
    link: bool = False
    sort: str = ""
    phone: bool = True  # False: hidden on a phone's narrow screen (still on the detail page)


class LedgerListView(LoginRequiredMixin, FilterView):
    """A paginated, filtered, sortable list. ``?sort=`` only accepts the columns' ``sort`` keys
    (a whitelist: an arbitrary ORM path in a URL could leak data through ordering)."""

    template_name = "web/ledger_list.html"
    paginate_by = 50
    columns: tuple[Column, ...] = ()
    related: tuple[str, ...] = ()
    title = ""
    create_url_name = ""

    def get_queryset(self):
        queryset = self.model.objects.visible_to(self.request.user, VIEW)
        if self.related:
            queryset = queryset.select_related(*self.related)
        return queryset

    def sort_keys(self) -> dict[str, str]:
        return {column.sort: column.sort for column in self.columns if column.sort}

    def current_sort(self) -> str:
        wanted = self.request.GET.get("sort", "")
        return wanted if wanted.removeprefix("-") in self.sort_keys() else ""

    def get_filterset(self, filterset_class):
        from .filters import use_cached_choices

        filterset = super().get_filterset(filterset_class)
        # Every list's filter form, LedgerFilterSet or not: options kept per data version.
        use_cached_choices(filterset.form)
        return filterset

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        sort = self.current_sort()
        if sort:
            field = self.sort_keys()[sort.removeprefix("-")]
            prefix = "-" if sort.startswith("-") else ""
            # The primary key breaks ties, so that pages do not overlap.
            kwargs["queryset"] = kwargs["queryset"].order_by(f"{prefix}{field}", f"{prefix}pk")
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        sort = self.current_sort()
        without_sort = query.copy()
        without_sort.pop("sort", None)
        columns = [_resolved(column, self.model) for column in self.columns]
        headers = []
        for column, resolved in zip(self.columns, columns, strict=False):
            link = direction = ""
            if column.sort:
                ascending = sort == column.sort
                direction = "asc" if ascending else "desc" if sort == f"-{column.sort}" else ""
                params = without_sort.copy()
                params["sort"] = f"-{column.sort}" if ascending else column.sort
                link = "?" + params.urlencode()
            headers.append({"column": resolved, "sort_link": link, "direction": direction})
        context.update(
            title=self.title or self.model._meta.verbose_name_plural,
            columns=columns,
            headers=headers,
            querystring=query.urlencode(),
            can_add=bool(self.create_url_name) and scope_for(self.request.user).can_change,
            create_url=reverse(self.create_url_name) if self.create_url_name else "",
        )
        return context


class LedgerDetailView(LoginRequiredMixin, DetailView):
    template_name = "web/ledger_detail.html"
    # Attribute paths, or Columns for those that need their own heading (a property's).
    fields: tuple[str | Column, ...] = ()
    related: tuple[str, ...] = ()
    edit_url_name = ""
    delete_url_name = ""

    def get_queryset(self):
        queryset = self.model.objects.visible_to(self.request.user, VIEW)
        if self.related:
            queryset = queryset.select_related(*self.related)
        return queryset

    def can_change(self) -> bool:
        return (
            self.model.objects.visible_to(self.request.user, CHANGE)
            .filter(pk=self.object.pk)
            .exists()
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        columns = [f if isinstance(f, Column) else Column(f) for f in self.fields]
        context["rows"] = [
            (_resolved(column, self.model).label, column.accessor) for column in columns
        ]
        context["title"] = f"{self.model._meta.verbose_name}：{self.object}"
        can_change = (self.edit_url_name or self.delete_url_name) and self.can_change()
        context["can_change"] = can_change
        context["edit_url"] = (
            reverse(self.edit_url_name, args=[self.object.pk])
            if can_change and self.edit_url_name
            else ""
        )
        context["delete_url"] = (
            reverse(self.delete_url_name, args=[self.object.pk])
            if can_change and self.delete_url_name
            else ""
        )
        return context


class ScopedFormMixin(LoginRequiredMixin):
    """The form gets the user, so that its organisation and member choices stop at the scope."""

    template_name = "web/ledger_form.html"
    list_url_name = ""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = (
            self.object.get_absolute_url()
            if getattr(self, "object", None) and self.object.pk
            else reverse(self.list_url_name)
            if self.list_url_name
            else "/"
        )
        return context


class LedgerCreateView(ScopedFormMixin, CreateView):
    def get_initial(self):
        initial = super().get_initial()
        for name, value in self.request.GET.items():
            initial.setdefault(name, value)
        if "organization" not in initial:
            from dangjian.web.workspace import secretary_branch

            branch = secretary_branch(self.request.user)
            if branch is not None:
                initial["organization"] = branch.pk
        return initial

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not scope_for(request.user).can_change:
            raise PermissionDenied(_("您没有新增台账记录的权限。"))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("新增%(name)s") % {"name": self.model._meta.verbose_name}
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("已保存：%(obj)s") % {"obj": self.object})
        return response


class LedgerUpdateView(ScopedFormMixin, UpdateView):
    def get_queryset(self):
        # Outside the changing scope is 404, even when the row can be read.
        return self.model.objects.visible_to(self.request.user, CHANGE)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("修改%(name)s：%(obj)s") % {
            "name": self.model._meta.verbose_name,
            "obj": self.object,
        }
        return context

    def form_valid(self, form):
        from dangjian.web.forms import VERSION_FIELD

        try:
            # The form checked the version already; checked again under a row lock, in the same
            # transaction as the write, for a save that landed in between.
            response = save_if_current(
                form.instance,
                form.cleaned_data.get(VERSION_FIELD),
                lambda: super(LedgerUpdateView, self).form_valid(form),
            )
        except StaleRecord as stale:
            form.add_error(None, stale.message)
            return self.form_invalid(form)
        messages.success(self.request, _("已保存：%(obj)s") % {"obj": self.object})
        return response


class LedgerDeleteView(LoginRequiredMixin, DeleteView):
    """A confirmation page, then the delete (recorded in the audit history like any write)."""

    template_name = "web/ledger_confirm_delete.html"
    list_url_name = ""

    def get_queryset(self):
        return self.model.objects.visible_to(self.request.user, CHANGE)

    def get_success_url(self):
        return reverse(self.list_url_name)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("删除%(name)s：%(obj)s") % {
            "name": self.model._meta.verbose_name,
            "obj": self.object,
        }
        return context

    def form_valid(self, form):
        label = str(self.object)
        try:
            response = super().form_valid(form)
        except ProtectedError:
            messages.error(
                self.request,
                _(
                    "不能删除“%(obj)s”：仍有其他台账记录引用它（例如参会记录、党员或下级组织），请先处理这些记录。"
                )
                % {"obj": label},
            )
            return HttpResponseRedirect(self.object.get_absolute_url())
        messages.success(self.request, _("已删除：%(obj)s") % {"obj": label})
        return response


def _resolved(column: Column, model) -> Column:
    """The column with its heading as a plain string (translated once, not once per row)."""
    if column.label:
        return Column(column.accessor, str(column.label), column.link, column.sort, column.phone)
    field_name = column.accessor.split(".")[0].removesuffix("_masked")
    try:
        label = str(model._meta.get_field(field_name).verbose_name)
    except Exception:  # a property: keep the accessor's last part as the heading
        label = column.accessor
    return Column(column.accessor, label, column.link, column.sort, column.phone)
