"""Accounts and addresses locked out after repeated failed log-ins (django-axes), and unlocking
them: a 党委管理员 sees every current lock-out at /accounts/lockouts/ and lifts one; each unlock is
recorded in the access log."""

from __future__ import annotations

from dataclasses import dataclass

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Sum
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import clock
from .audit import record_event
from .scoping import is_party_admin


@dataclass(frozen=True)
class Lockout:
    kind: str  # "username" or "ip"
    value: str
    failures: int
    until: object  # datetime when the cool-off ends


def current_lockouts() -> list[Lockout]:
    """Every username and every client address whose failures within the cool-off reach the
    limit, the way axes counts them (the sum over its attempt rows)."""
    cool_off = settings.AXES_COOLOFF_TIME
    recent = AccessAttempt.objects.filter(attempt_time__gte=clock.now() - cool_off)
    found = []
    for kind, field in (("username", "username"), ("ip", "ip_address")):
        rows = (
            recent.exclude(**{f"{field}__isnull": True})
            .values(field)
            .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
            .order_by(field)
        )
        found += [
            Lockout(kind, row[field], row["failures"], row["last"] + cool_off) for row in rows
        ]
    return found


@login_required
def lockouts(request):
    if not is_party_admin(request.user):
        raise PermissionDenied
    if request.method == "POST":
        kind, value = request.POST.get("kind"), request.POST.get("value", "").strip()
        if kind not in {"username", "ip"} or not value:
            messages.error(request, _("请选择要解除锁定的账户或地址。"))
            return redirect("lockouts")
        removed = reset(username=value) if kind == "username" else reset(ip=value)
        from .models import AccessKind

        label = _("账户") if kind == "username" else _("地址")
        record_event(
            request, AccessKind.ACCOUNT_UNLOCK, f"{label} {value}：清除 {removed} 条失败记录"
        )
        messages.success(
            request, _("已解除%(label)s %(value)s 的锁定。") % {"label": label, "value": value}
        )
        return redirect("lockouts")
    return render(
        request,
        "core/lockouts.html",
        {"title": _("登录锁定"), "lockouts": current_lockouts()},
    )
