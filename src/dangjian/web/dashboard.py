"""数据看板: the chart data, computed with set-based queries, every point linked to its records.

The yearly figures (attendance by branch, the development funnel, rectification) come from the
report's figure registry (``reports.figures.compute_figures``), so the dashboard and the annual
report can never disagree, and each bar links to the figure's record list. Meetings per month
need a month dimension the registry does not have: one GROUP BY query here, linking to the
organisational-life list filtered by year, month, type and organisation. Elections are judged
today (not at year end) with the rules package.

Only organisations the user may see can be chosen (``visible_to``); a 党员 has no dashboard.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Count
from django.db.models.functions import ExtractMonth
from django.urls import reverse

from dangjian.core import clock
from dangjian.core.scoping import VIEW
from dangjian.organizations.models import Organization, OrgType
from dangjian.organizations.services import ELECTION_STATES, election_rows
from dangjian.orglife.models import EventType, OrgLifeEvent

# The types that carry the month-by-month chart (the others are rare and would only add noise).
MONTHLY_TYPES = (
    EventType.THEMED_PARTY_DAY,
    EventType.BRANCH_COMMITTEE_MEETING,
    EventType.GROUP_MEETING,
    EventType.BRANCH_GENERAL_MEETING,
    EventType.PARTY_LECTURE,
    EventType.FIRST_TOPIC_STUDY,
    EventType.CENTRAL_GROUP_STUDY,
)

FUNNEL = (
    ("development.applicants", "递交入党申请"),
    ("development.activists", "确定入党积极分子"),
    ("development.new_probationary", "接收预备党员"),
    ("development.converted", "预备党员转正"),
)


def dashboard_orgs(user):
    """Organisations the dashboard may show: those in scope, without 党小组."""
    return (
        Organization.objects.visible_to(user, VIEW).exclude(org_type=OrgType.GROUP).order_by("path")
    )


def _num(value) -> float | int | None:
    if value is None:
        return None
    return float(value) if isinstance(value, Decimal) else value


def dashboard_data(user, *, year: int, org: Organization, today: dt.date | None = None) -> dict:
    from dangjian.reports.figures import compute_figures
    from dangjian.reports.views import figure_url

    today = today or clock.today()
    event_list = reverse("orglife:event_list")

    # ---- meetings per month by type: one GROUP BY ----
    counts = (
        OrgLifeEvent.objects.visible_to(user, VIEW)
        .filter(
            organization__path__startswith=org.path, date__year=year, event_type__in=MONTHLY_TYPES
        )
        .annotate(month=ExtractMonth("date"))
        .values("event_type", "month")
        .annotate(n=Count("pk"))
    )
    table = {(row["event_type"], row["month"]): row["n"] for row in counts}
    meetings = {
        "months": [f"{m}月" for m in range(1, 13)],
        "series": [
            {
                "name": kind.label,
                "data": [table.get((kind.value, m), 0) for m in range(1, 13)],
                "links": [
                    event_list
                    + "?"
                    + urlencode(
                        {
                            "organization": org.pk,
                            "year": year,
                            "month": m,
                            "event_type": kind.value,
                        }
                    )
                    for m in range(1, 13)
                ],
            }
            for kind in MONTHLY_TYPES
            if any(table.get((kind.value, m)) for m in range(1, 13))
        ],
    }

    # ---- the registry's figures for the year ----
    figures = compute_figures(year, org)

    def link(key: str) -> str:
        return figure_url(year, org, key)

    branch_rates = figures.by_part("attendance.rate")  # a 卫健局's: its hospitals
    attendance = {
        "labels": [f.label.removesuffix("参会率") for f in branch_rates],
        "data": [_num(f.value) for f in branch_rates],
        "links": [link(f.key) for f in branch_rates],
        "overall": _num(figures.value("attendance.rate")),
    }
    funnel = {
        "labels": [label for _key, label in FUNNEL],
        "data": [_num(figures.value(key)) or 0 for key, _label in FUNNEL],
        "links": [link(key) for key, _label in FUNNEL],
    }
    done = _num(figures.value("rectification.done")) or 0
    overdue = _num(figures.value("rectification.overdue")) or 0
    in_progress = max((_num(figures.value("rectification.in_progress")) or 0) - overdue, 0)
    rectification = {
        "labels": ["已完成", "正在推进", "逾期未完成"],
        "data": [done, in_progress, overdue],
        "links": [
            link("rectification.done"),
            link("rectification.in_progress"),
            link("rectification.overdue"),
        ],
        "rate": _num(figures.value("rectification.rate")),
    }

    # ---- elections, judged today ----
    orgs = Organization.objects.visible_to(user, VIEW).filter(path__startswith=org.path)
    rows = election_rows(orgs, on=today)
    elections_url = reverse("organizations:elections")
    states = ("overdue", "due_soon", "ok", "unknown")
    elections = {
        "labels": [ELECTION_STATES[s] for s in states],
        "data": [sum(1 for r in rows if r.state == s) for s in states],
        "links": [f"{elections_url}?due={s}" for s in states],
        "due": [
            {
                "name": r.org.name,
                "message": r.message,
                "url": r.org.get_absolute_url(),
                "state": r.state,
            }
            for r in rows
            if r.state in ("overdue", "due_soon")
        ],
    }
    return {
        "year": year,
        "organization": {"code": org.code, "name": org.name},
        "meetings_by_month": meetings,
        "attendance_by_branch": attendance,
        "development_funnel": funnel,
        "rectification_status": rectification,
        "elections": elections,
    }
