from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from dangjian.core import clock
from dangjian.core.datacache import cached
from dangjian.core.scoping import is_branch_manager, is_party_admin
from dangjian.rules.records import HISTORY_YEAR_MIN, YEAR_MAX

from . import workspace
from .dashboard import dashboard_data, dashboard_orgs


@login_required
def home(request):
    """The role's workspace: 党委管理员 the hospital, 支部书记 本支部本月待办, 党员 their record."""
    from dangjian.reports.home import home_figures

    today = clock.today()
    year = today.year
    context = {"title": _("首页"), "year": year, "today": today}
    if is_branch_manager(request.user):
        context["figures"] = home_figures(request.user, year)
        context["reminders"] = workspace.rules_engine_reminders(request.user, today)
        branch = workspace.secretary_branch(request.user)
        if branch is not None:
            context["role"] = "secretary"
            context["branch"] = branch
            if context["reminders"] is None:
                context["todos"] = workspace.branch_todo(branch, user=request.user, today=today)
        else:
            context["role"] = "admin"
            from dangjian.organizations.models import Organization
            from dangjian.organizations.services import election_rows

            def elections_due():
                orgs = Organization.objects.visible_to(request.user).order_by("path")
                return [
                    r for r in election_rows(orgs, on=today) if r.state in ("overdue", "due_soon")
                ]

            # Kept until the ledgers change: every organisation's term on every visit cost ~16 ms.
            # The scope decides which organisations are visible (read-only rows, shared).
            key = (workspace.scope_key(request.user), today)
            context["elections_due"] = cached("elections_due", key, elections_due)
        member = workspace.own_member(request.user)
        if member is not None:
            context["record"] = workspace.member_record(
                member, year=year, user=request.user, today=today
            )
    else:
        context["role"] = "member"
        member = workspace.own_member(request.user)
        context["member"] = member
        if member is not None:
            context["record"] = workspace.member_record(
                member, year=year, user=request.user, today=today
            )
        context["reminders"] = workspace.rules_engine_reminders(request.user, today)
    return render(request, "web/home.html", context)


def _year(request) -> int:
    try:
        year = int(request.GET.get("year") or clock.today().year)
    except ValueError:
        raise Http404("year") from None
    if not HISTORY_YEAR_MIN <= year <= YEAR_MAX:
        raise Http404("year")
    return year


def _dashboard_scope(request):
    if not is_branch_manager(request.user):
        raise PermissionDenied(_("数据看板供党委管理员和支部书记使用。"))
    orgs = list(dashboard_orgs(request.user))
    if not orgs:
        raise PermissionDenied
    code = request.GET.get("org")
    if not code:
        return min(orgs, key=lambda o: (o.depth, o.path)), orgs
    for org in orgs:
        if org.code == code:
            return org, orgs
    raise Http404("org")


@login_required
def dashboard(request):
    year = _year(request)
    org, orgs = _dashboard_scope(request)
    this_year = clock.today().year
    return render(
        request,
        "web/dashboard.html",
        {
            "title": _("数据看板"),
            "year": year,
            "org": org,
            "orgs": orgs,
            "years": list(range(this_year, this_year - 6, -1)),
            "is_party_admin": is_party_admin(request.user),
        },
    )


@login_required
def dashboard_json(request):
    """The charts' data for one year and organisation, within the user's scope."""
    year = _year(request)
    org, _orgs = _dashboard_scope(request)
    response = JsonResponse(
        dashboard_data(request.user, year=year, org=org), json_dumps_params={"ensure_ascii": False}
    )
    response["Cache-Control"] = "private, no-store"
    return response
