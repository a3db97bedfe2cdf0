"""The audit log, read-only, for 党委管理员: every create/update/delete with who, when, IP, before/after."""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import CharField, Value
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .scoping import is_party_admin

HISTORY_TYPES = {"+": _("新增"), "~": _("修改"), "-": _("删除")}


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


def audit_log(request):
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    _require_admin(request)
    label = request.GET.get("model", "")
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
        model.history.order_by()
        .annotate(model=Value(model._meta.label_lower, output_field=CharField()))
        .values_list(*columns)
        for model in models
    ]
    combined = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    page = Paginator(combined.order_by("-history_date"), 50).get_page(request.GET.get("page"))
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
            "models": sorted(names.items(), key=lambda kv: str(kv[1])),
            "selected": label,
            "title": _("审计日志"),
        },
    )


def audit_entry(request, model_label: str, history_id: int):
    _require_admin(request)
    model = next((m for m in audited_models() if m._meta.label_lower == model_label), None)
    if model is None:
        raise Http404
    record = model.history.filter(history_id=history_id).select_related("history_user").first()
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
