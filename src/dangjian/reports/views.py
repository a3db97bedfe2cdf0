"""The annual report page, its downloads, and the records behind each figure.

Who may see what goes through ``visible_to`` only: a 党委管理员 chooses among the organisations
in scope, a 支部书记 gets their own branch, an ordinary 党员 gets 403. An organisation outside
the user's scope is 404 (its existence is not revealed).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from dangjian.core import clock
from dangjian.core.audit import record_event
from dangjian.core.models import AccessKind
from dangjian.core.scoping import ScopedQuerySet, is_branch_manager
from dangjian.organizations.models import Organization, OrgType
from dangjian.reports.figures import compute_figures, figure_records
from dangjian.reports.narrative import build_report
from dangjian.reports.render import to_docx, to_html, to_json, to_markdown

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser
    from django.db.models import QuerySet

#: Records listed per page on a figure's record page.
FIGURE_PAGE_SIZE = 100

DOWNLOADS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "json": "application/json; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
}


def reportable_orgs(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Organization]:
    """Organisations the user may report on: those in scope, without 党小组."""
    return Organization.objects.visible_to(user).exclude(org_type=OrgType.GROUP).order_by("path")


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year") or clock.today().year)
    except ValueError:
        raise Http404("year") from None
    if not 1921 <= year <= 2100:
        raise Http404("year")
    return year


def _org(request: HttpRequest) -> tuple[Organization, list[Organization]]:
    if not is_branch_manager(request.user):
        raise PermissionDenied
    orgs = list(reportable_orgs(request.user))
    if not orgs:
        raise PermissionDenied
    code = request.GET.get("org")
    if not code:
        return min(orgs, key=lambda o: (o.depth, o.path)), orgs
    for org in orgs:
        if org.code == code:
            return org, orgs
    raise Http404("org")


def figure_url(year: int, org: Organization, key: str) -> str:
    return reverse("reports:figure") + "?" + urlencode({"year": year, "org": org.code, "key": key})


@login_required
def annual(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    org, orgs = _org(request)
    report = build_report(compute_figures(year, org, previous=True))
    fmt = request.GET.get("format")
    if fmt:
        if fmt not in DOWNLOADS:
            raise Http404("format")
        if fmt == "docx":
            body: bytes | str = to_docx(report)
        elif fmt == "json":
            body = json.dumps(to_json(report), ensure_ascii=False, indent=2)
        else:
            body = to_markdown(report)
        response = HttpResponse(body, content_type=DOWNLOADS[fmt])
        filename = f"{org.code}-{year}-annual-report.{fmt}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        record_event(request, AccessKind.REPORT_DOWNLOAD, f"年度报告下载：{org.code} {year} {fmt}")
        return response
    this_year = clock.today().year
    return render(
        request,
        "reports/annual_page.html",
        {
            "title": report.title,
            "year": year,
            "years": list(range(this_year, this_year - 6, -1)),
            "org": org,
            "orgs": orgs,
            "report_html": to_html(report, lambda key: figure_url(year, org, key)),
            "meta": {"queries": report.figures.queries, "seconds": report.figures.seconds},
            "notes": report.notes,
            "query": urlencode({"year": year, "org": org.code}),
        },
    )


@login_required
def figure(request: HttpRequest) -> HttpResponse:
    """The records one figure counts, as a list linking to each record."""
    year = _year(request)
    org, _orgs = _org(request)
    figures = compute_figures(year, org)
    item = figures.get(request.GET.get("key", ""))
    if item is None:
        raise Http404("key")
    model = item.model
    # A page of records at a time: 参会率 of a large hospital counts ~10⁵ rows.
    page = Paginator(list(zip(item.records, item.pks, strict=True)), FIGURE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    queryset = model._default_manager.all()
    # Every figure counts rows of a scoped model: its manager (``objects``) is a ScopedQuerySet.
    assert isinstance(queryset, ScopedQuerySet)
    rows = figure_records(item, queryset.visible_to(request.user), pks=[pk for _ident, pk in page])
    objects = {obj.pk: obj for obj in rows}
    records = [(ident, objects.get(pk)) for ident, pk in page]
    return render(
        request,
        "reports/figure_page.html",
        {
            "title": f"{item.label}（{year}年）",
            "figure": item,
            "year": year,
            "org": org,
            "records": records,
            "page_obj": page,
            "paginator": page.paginator,
            "querystring": urlencode({"year": year, "org": org.code, "key": item.key}),
            "back": reverse("reports:annual") + "?" + urlencode({"year": year, "org": org.code}),
        },
    )
