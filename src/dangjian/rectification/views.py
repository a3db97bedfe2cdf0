import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from dangjian.core.scoping import CHANGE
from dangjian.core.views import (
    Column, LedgerCreateView, LedgerDeleteView, LedgerDetailView, LedgerListView, LedgerUpdateView,
)

from . import services
from .filters import RectificationItemFilterSet
from .forms import CloseForm, RectificationItemForm
from .models import COMMON_SOURCES, RectificationItem


class RectificationItemListView(LedgerListView):
    model = RectificationItem
    filterset_class = RectificationItemFilterSet
    related = ("organization",)
    create_url_name = "rectification:item_create"
    columns = (
        Column("code", link=True, sort="code"),
        Column("organization.name", _("组织"), sort="organization__path"),
        Column("description", link=True),
        Column("source", sort="source", phone=False),
        Column("owner", phone=False),
        Column("deadline", sort="deadline"),
        Column("status", sort="status"),
        Column("overdue_label", _("是否逾期")),
    )


class RectificationItemDetailView(LedgerDetailView):
    model = RectificationItem
    related = ("organization",)
    template_name = "rectification/item_detail.html"
    edit_url_name = "rectification:item_edit"
    delete_url_name = "rectification:item_delete"
    fields = (
        "code", "organization", "description", "source", "raised_on", "measures", "owner",
        "deadline", "completed_on", "status", "overdue_label",
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context["can_change"] and not self.object.is_done:
            context["close_form"] = CloseForm(initial={"completed_on": dt.date.today()}, item=self.object)
        return context


class _SourcesMixin:
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["datalists"] = {"rectification-sources": COMMON_SOURCES}
        return context


class RectificationItemCreateView(_SourcesMixin, LedgerCreateView):
    model = RectificationItem
    form_class = RectificationItemForm
    list_url_name = "rectification:item_list"


class RectificationItemUpdateView(_SourcesMixin, LedgerUpdateView):
    model = RectificationItem
    form_class = RectificationItemForm


class RectificationItemDeleteView(LedgerDeleteView):
    model = RectificationItem
    list_url_name = "rectification:item_list"


@login_required
def item_close(request, pk: int):
    """销号 in one step from the item's page."""
    item = get_object_or_404(RectificationItem.objects.visible_to(request.user, CHANGE), pk=pk)
    form = CloseForm(request.POST or None, item=item, initial={"completed_on": dt.date.today()})
    if request.method == "POST" and form.is_valid():
        services.item_close(item=item, completed_on=form.cleaned_data["completed_on"],
                            measures=form.cleaned_data["measures"])
        messages.success(request, _g("已销号：%(item)s") % {"item": item})
        return redirect(item.get_absolute_url())
    return render(request, "web/ledger_form.html", {
        "title": _g("整改销号：%(item)s") % {"item": item}, "form": form,
        "cancel_url": item.get_absolute_url(),
    })


@login_required
def item_reopen(request, pk: int):
    item = get_object_or_404(RectificationItem.objects.visible_to(request.user, CHANGE), pk=pk)
    if request.method == "POST":
        services.item_reopen(item=item)
        messages.success(request, _g("已重新打开：%(item)s") % {"item": item})
    return redirect(item.get_absolute_url())
