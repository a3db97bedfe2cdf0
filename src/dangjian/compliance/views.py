"""Compliance calendar, reminders (待办) and the rule settings page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from dangjian import rules
from dangjian.core import clock
from dangjian.core.audit import record_event
from dangjian.core.models import AccessKind
from dangjian.core.scoping import CHANGE, VIEW, is_branch_manager, is_party_admin
from dangjian.organizations.models import Organization, OrgType
from dangjian.orglife.models import Attendance, OrgLifeEvent
from dangjian.rules.records import HISTORY_YEAR_MIN, YEAR_MAX

from . import overrides, services
from .models import RuleOverride
from .reminders import for_user

MONTHS = list(range(1, 13))
RULE_CHANGE_EVENT = AccessKind.RULE_OVERRIDE


def _year(request) -> int:
    try:
        year = int(request.GET.get("year") or clock.today().year)
    except ValueError:
        raise Http404("year") from None
    if not HISTORY_YEAR_MIN <= year <= YEAR_MAX:
        raise Http404("year")
    return year


def _visible_orgs(request):
    return Organization.objects.visible_to(request.user, VIEW)


def _selected_org(request, orgs) -> Organization | None:
    code = request.GET.get("org")
    if not code:
        return None
    org = orgs.filter(code=code).first()
    if org is None:
        raise Http404("org")
    return org


@login_required
def calendar(request):
    """Branches × months: held / required per kind of organisational life, for a year."""
    if not is_branch_manager(request.user):
        raise PermissionDenied(_("合规日历供党委管理员和支部书记使用。"))
    year = _year(request)
    visible = _visible_orgs(request)
    selected = _selected_org(request, visible)
    rows = visible.filter(org_type__in=list(services.KINDS_BY_TYPE))
    if selected is not None:
        rows = rows.filter(path__startswith=selected.path)
    orgs = list(rows.order_by("path"))
    grids = services.compliance_grid(
        orgs,
        year,
        events=OrgLifeEvent.objects.visible_to(request.user, VIEW),
        attendances=Attendance.objects.visible_to(request.user, VIEW),
    )
    choices = list(
        visible.exclude(org_type=OrgType.GROUP).order_by("path").only("code", "name", "depth")
    )
    context = {
        "title": _("组织生活合规日历"),
        "year": year,
        "years": [year - 1, year, year + 1],
        "grids": grids,
        "months": MONTHS,
        "selected": selected,
        "choices": choices,
        "missing": sum(g.missing for g in grids),
    }
    return render(request, "compliance/calendar.html", context)


@login_required
def due(request):
    """待办: the reminders in the user's scope (``?days=`` ahead, default 30)."""
    try:
        days = int(request.GET.get("days") or 30)
    except ValueError:
        raise Http404("days") from None
    days = min(max(days, 0), 366)
    today = clock.today()
    items = for_user(request.user, today, days)
    return render(
        request,
        "compliance/due.html",
        {
            "title": _("待办提醒"),
            "items": items,
            "days": days,
            "today": today,
            "can_calendar": is_branch_manager(request.user),
        },
    )


def _can_edit_rules(user, org: Organization) -> bool:
    """Only a 党委管理员 sets overrides (within their scope): a branch may not relax its own rules."""
    return (
        is_party_admin(user)
        and Organization.objects.visible_to(user, CHANGE).filter(pk=org.pk).exists()
    )


@login_required
def rule_settings(request):
    """Defaults, inherited values and this organisation's overrides; 党委管理员 may change them."""
    if not is_branch_manager(request.user):
        raise PermissionDenied(_("规则设置供党委管理员和支部书记查看。"))
    visible = _visible_orgs(request).exclude(org_type=OrgType.GROUP)
    org = _selected_org(request, visible)
    if org is None:
        org = visible.order_by("depth", "path").first()
        if org is None:
            raise PermissionDenied
    can_edit = _can_edit_rules(request.user, org)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied(_("只有党委管理员可以修改规则参数。"))
        return _save_override(request, org)
    own = {o.key: o for o in RuleOverride.objects.filter(organization=org)}
    effective = overrides.rule_config_for(org)
    parent = Organization.objects.filter(pk=org.parent_id).first() if org.parent_id else None
    inherited = overrides.rule_config_for(parent) if parent else rules.DEFAULT_RULES
    rows = []
    for setting in overrides.settings_catalogue():
        mine = own.get(setting.key)
        rows.append(
            {
                "setting": setting,
                "default": overrides.display_value(rules.DEFAULT_RULES, setting.key),
                "inherited": overrides.display_value(inherited, setting.key),
                "own": overrides.stored_display(setting.key, mine.value) if mine else "",
                "own_raw": "" if mine is None else _raw(setting, mine.value),
                "note": mine.note if mine else "",
                "effective": overrides.display_value(effective, setting.key),
                "changed": overrides.display_value(effective, setting.key)
                != overrides.display_value(rules.DEFAULT_RULES, setting.key),
            }
        )
    history = list(
        RuleOverride.history.filter(organization_id=org.pk)
        .select_related("history_user")
        .order_by("-history_date")[:50]
    )
    return render(
        request,
        "compliance/rules.html",
        {
            "title": _("规则参数设置"),
            "org": org,
            "rows": rows,
            "can_edit": can_edit,
            "choices": list(visible.order_by("path").only("code", "name", "depth")),
            "history": history,
            "frequencies": [(f.value, f.label) for f in rules.Frequency],
        },
    )


def _raw(setting: overrides.Setting, value) -> str:
    if value is None:
        return overrides.NO_REQUIREMENT
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)


def _save_override(request, org: Organization):
    key = request.POST.get("key", "")
    setting = overrides.SETTINGS.get(key)
    url = f"{reverse('compliance:rules')}?org={org.code}"
    if setting is None:
        messages.error(request, _("未知的规则参数：%(key)s") % {"key": key})
        return HttpResponseRedirect(url)
    note = request.POST.get("note", "").strip()[:300]
    if request.POST.get("action") == "clear":
        deleted = RuleOverride.objects.filter(organization=org, key=key).first()
        if deleted is not None:
            with transaction.atomic():
                deleted.changed_by = request.user
                deleted.delete()
                record_event(
                    request,
                    RULE_CHANGE_EVENT,
                    f"恢复默认规则：{org.code} {setting.label}（原为 {deleted.value!r}）",
                )
            messages.success(
                request, _("已恢复“%(label)s”的上级或默认设置。") % {"label": setting.label}
            )
        return HttpResponseRedirect(url)
    try:
        value = overrides.parse_value(key, request.POST.get("value", ""))
    except ValueError as exc:
        messages.error(request, str(exc))
        return HttpResponseRedirect(url)
    with transaction.atomic():
        override, created = RuleOverride.objects.get_or_create(
            organization=org,
            key=key,
            defaults={"value": value, "note": note, "changed_by": request.user},
        )
        old = None if created else override.value
        if not created:
            override.value, override.note, override.changed_by = value, note, request.user
            override.save()
        record_event(
            request,
            RULE_CHANGE_EVENT,
            f"修改规则参数：{org.code} {setting.label} {old!r} → {value!r}",
        )
    messages.success(
        request,
        _("已保存“%(label)s”：%(value)s")
        % {"label": setting.label, "value": overrides.stored_display(key, value)},
    )
    return HttpResponseRedirect(url)
