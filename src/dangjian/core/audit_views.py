"""The audit log, read-only, for 党委管理员: every create/update/delete with who, when, IP,
before/after (``audit_log``, ``audit_entry``), and the access events — log-ins and failures,
exports, imports, report downloads (``access_log``).

A 党委管理员 limited to one organisation reads only what concerns that subtree: history rows
through ``core.scoping.visible_history``, access events through ``visible_to`` (the users whose
profile is there).
"""

from __future__ import annotations

from django import forms
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import CharField, Value
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .models import AccessEvent, AccessKind
from .scoping import is_party_admin, visible_history

HISTORY_TYPES = {"+": _("新增"), "~": _("修改"), "-": _("删除")}
PAGE_SIZE = 50


def audited_models() -> list:
    """Every model with a simple-history ``history`` manager: the one audit mechanism."""
    return [
        model
        for model in apps.get_models()
        if hasattr(model, "history")
        and getattr(model._meta, "simple_history_manager_attribute", None)
    ]


def _require_admin(request) -> None:
    if not is_party_admin(request.user):
        raise PermissionDenied


class _DateInput(forms.DateInput):
    input_type = "date"


class AuditFilterForm(forms.Form):
    """The filters both audit pages share: who, and from/to which day (inclusive)."""

    user = forms.CharField(label=_("操作人"), required=False, max_length=150)
    start = forms.DateField(label=_("起始日期"), required=False, widget=_DateInput)
    end = forms.DateField(label=_("截止日期"), required=False, widget=_DateInput)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("截止日期不能早于起始日期。"))
        return data


class AccessFilterForm(AuditFilterForm):
    kind = forms.ChoiceField(
        label=_("类型"), required=False, choices=[("", _("全部")), *AccessKind.choices]
    )


def _filters(form: AuditFilterForm, *, user_field: str, date_field: str) -> dict:
    if not form.is_valid():
        return {}
    data = form.cleaned_data
    lookups = {}
    if data.get("user"):
        lookups[user_field] = data["user"].strip()
    if data.get("start"):
        lookups[f"{date_field}__date__gte"] = data["start"]
    if data.get("end"):
        lookups[f"{date_field}__date__lte"] = data["end"]
    if data.get("kind"):
        lookups["kind"] = data["kind"]
    return lookups


def _query_string(request) -> str:
    """The page's filters for the pager links (without the page number)."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _login_first(request):
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    return None


def audit_log(request):
    if redirect := _login_first(request):
        return redirect
    _require_admin(request)
    label = request.GET.get("model", "")
    form = AuditFilterForm(request.GET or None)
    lookups = _filters(form, user_field="history_user__username", date_field="history_date")
    models = [m for m in audited_models() if not label or m._meta.label_lower == label]
    if not models:
        raise Http404(_("“%(model)s”不是有审计记录的台账") % {"model": label})
    columns = (
        "history_id",
        "history_date",
        "history_type",
        "history_user__username",
        "ip_address",
        "model",
    )
    parts = [
        visible_history(model, request.user)
        .filter(**lookups)
        .order_by()
        .annotate(model=Value(model._meta.label_lower, output_field=CharField()))
        .values_list(*columns)
        for model in models
    ]
    if not parts:
        combined = []
    elif len(parts) == 1:
        combined = parts[0].order_by("-history_date")
    else:
        combined = parts[0].union(*parts[1:], all=True).order_by("-history_date")
    page = Paginator(combined, PAGE_SIZE).get_page(request.GET.get("page"))
    names = {m._meta.label_lower: m._meta.verbose_name for m in audited_models()}
    rows = [
        {
            "history_id": hid,
            "date": date,
            "type": HISTORY_TYPES.get(kind, kind),
            "user": user or "—",
            "ip": ip or "",
            "model": model,
            "model_name": names.get(model, model),
        }
        for hid, date, kind, user, ip, model in page
    ]
    return render(
        request,
        "core/audit_log.html",
        {
            "rows": rows,
            "page_obj": page,
            "form": form,
            "query": _query_string(request),
            "models": sorted(names.items(), key=lambda kv: str(kv[1])),
            "selected": label,
            "title": _("审计日志"),
        },
    )


def access_log(request):
    """Log-ins, failed log-ins, log-outs, exports, imports and report downloads, filterable."""
    if redirect := _login_first(request):
        return redirect
    _require_admin(request)
    form = AccessFilterForm(request.GET or None)
    events = (
        AccessEvent.objects.visible_to(request.user)
        .filter(**_filters(form, user_field="username", date_field="at"))
        .order_by("-at", "-pk")
    )
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "core/access_log.html",
        {
            "page_obj": page,
            "form": form,
            "query": _query_string(request),
            "title": _("访问记录"),
        },
    )


def audit_entry(request, model_label: str, history_id: int):
    _require_admin(request)
    model = next((m for m in audited_models() if m._meta.label_lower == model_label), None)
    if model is None:
        raise Http404
    record = (
        visible_history(model, request.user)
        .filter(history_id=history_id)
        .select_related("history_user")
        .first()
    )
    if record is None:
        raise Http404
    previous = record.prev_record
    fields = [f for f in model._meta.concrete_fields if f.name not in {"created_at", "updated_at"}]
    changes = []
    for field in fields:
        after = getattr(record, field.attname)
        before = getattr(previous, field.attname) if previous is not None else None
        if record.history_type == "-":
            before, after = after, None
        if before != after or record.history_type == "+":
            changes.append({"field": field.verbose_name, "before": before, "after": after})
    return render(
        request,
        "core/audit_entry.html",
        {
            "record": record,
            "changes": changes,
            "type": HISTORY_TYPES.get(record.history_type),
            "model_name": model._meta.verbose_name,
            "title": _("审计记录"),
        },
    )
