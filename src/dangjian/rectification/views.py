import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from dangjian.core import clock
from dangjian.core.audit import record_event
from dangjian.core.models import AccessKind
from dangjian.core.scoping import CHANGE, VIEW, scope_for
from dangjian.core.views import (
    Column,
    LedgerCreateView,
    LedgerDeleteView,
    LedgerDetailView,
    LedgerListView,
    LedgerUpdateView,
)

from . import export, services
from .filters import RectificationItemFilterSet
from .forms import CloseForm, RectificationItemForm
from .models import COMMON_SOURCES, RectificationItem


class RectificationItemListView(LedgerListView):
    model = RectificationItem
    filterset_class = RectificationItemFilterSet
    template_name = "rectification/item_list.html"
    related = ("organization",)
    create_url_name = "rectification:item_create"
    columns = (
        Column("code", link=True, sort="code"),
        Column("organization.name", _("组织"), sort="organization__path"),
        Column("description", link=True),
        Column("source", sort="source", phone=False),
        Column("kind", phone=False),
        Column("owner", phone=False),
        Column("deadline", sort="deadline"),
        Column("status", sort="status"),
        Column("overdue_label", _("是否逾期")),
        Column("signer", phone=False),
    )


class RectificationItemDetailView(LedgerDetailView):
    model = RectificationItem
    related = ("organization",)
    template_name = "rectification/item_detail.html"
    edit_url_name = "rectification:item_edit"
    delete_url_name = "rectification:item_delete"
    fields = (
        "code",
        "organization",
        "description",
        "source",
        "kind",
        "raised_on",
        "measures",
        "owner",
        "deadline",
        "completed_on",
        "status",
        Column("overdue_label", _("是否逾期")),
        "evidence",
        "sign_off_level",
        "signer",
        "signed_off_on",
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        may_sign = services.sign_off_level(self.request.user, self.object.organization) is not None
        context["may_sign_off"] = may_sign
        if may_sign and not self.object.is_done:
            context["close_form"] = CloseForm(
                initial={"completed_on": clock.today()}, item=self.object
            )
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
    item = get_object_or_404(
        RectificationItem.objects.visible_to(request.user, CHANGE).select_related("organization"),
        pk=pk,
    )
    form = CloseForm(
        request.POST or None,
        request.FILES or None,
        item=item,
        initial={"completed_on": clock.today()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.item_close(
                item=item,
                user=request.user,
                completed_on=form.cleaned_data["completed_on"],
                measures=form.cleaned_data["measures"],
                evidence=form.cleaned_data["evidence"],
                evidence_file=form.cleaned_data["evidence_file"],
            )
        except services.SignOffError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _g("已销号：%(item)s") % {"item": item})
            return redirect(item.get_absolute_url())
    return render(
        request,
        "web/ledger_form.html",
        {
            "title": _g("整改销号：%(item)s") % {"item": item},
            "form": form,
            "cancel_url": item.get_absolute_url(),
        },
    )


@login_required
def item_reopen(request, pk: int):
    item = get_object_or_404(
        RectificationItem.objects.visible_to(request.user, CHANGE).select_related("organization"),
        pk=pk,
    )
    if request.method == "POST":
        try:
            services.item_reopen(item=item, user=request.user)
        except services.SignOffError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _g("已重新打开：%(item)s") % {"item": item})
    return redirect(item.get_absolute_url())


@login_required
def item_evidence(request, pk: int):
    """The evidence file, for whoever may see the item (files are never served as public URLs)."""
    item = get_object_or_404(RectificationItem.objects.visible_to(request.user, VIEW), pk=pk)
    if not item.evidence_file:
        raise Http404
    try:
        handle = item.evidence_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    record_event(request, AccessKind.EXPORT, f"整改证据下载：{item.code}")
    return FileResponse(handle, as_attachment=True, filename=item.evidence_file_name or "evidence")


@login_required
def lists_export(request):
    """问题清单、整改清单、责任清单 of the items the list page shows (scope and filters), as .xlsx.

    For those who keep the ledger (支部书记, 党委管理员); an ordinary member gets 403."""
    if not scope_for(request.user).can_change:
        raise PermissionDenied(_g("只有党委管理员和支部书记可以导出整改台账。"))
    queryset = RectificationItem.objects.visible_to(request.user, VIEW)
    filterset = RectificationItemFilterSet(request.GET or None, queryset=queryset, request=request)
    queryset = queryset.none() if filterset.is_bound and not filterset.is_valid() else filterset.qs
    buffer = io.BytesIO()
    count = export.export_lists(queryset, buffer)
    query = request.GET.urlencode()
    record_event(
        request,
        AccessKind.EXPORT,
        f"整改台账三张清单导出：{count} 项{('（' + query + '）') if query else ''}",
    )
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = f"整改台账三张清单-{clock.today():%Y%m%d}.xlsx"
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
