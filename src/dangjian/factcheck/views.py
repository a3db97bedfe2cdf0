"""The fact-check page: upload a draft, see agree / differ / unmatched, confirm last year's figures.

Who: a 党委管理员 for any organisation in scope, a 支部书记 for their own branch (both through
``visible_to``); an ordinary 党员 gets 403. The uploaded file is read and discarded; confirming
figures posts them back (key, value, unit, sentence) and saves them as
:class:`~dangjian.reports.models.PriorYearFigure` rows, all or nothing.
"""

from __future__ import annotations

import tempfile
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangjian.core import clock
from dangjian.core.audit import record_event
from dangjian.core.models import AccessKind
from dangjian.core.scoping import is_branch_manager
from dangjian.ingest import ingest_file
from dangjian.reports.figures import compute_figures
from dangjian.reports.models import PriorYearFigure
from dangjian.reports.views import reportable_orgs
from dangjian.rules.records import HISTORY_YEAR_MIN, YEAR_MAX

from .check import check_result
from .forms import CheckForm
from .prior import PriorValue, save_prior_figures


def _figure_link(year: int, org, key: str) -> str:
    """The report's records page for a figure, when the reports app has one."""
    try:
        from dangjian.reports.views import figure_url

        return figure_url(year, org, key)
    except (ImportError, NoReverseMatch):
        return ""


def _orgs(request: HttpRequest):
    if not is_branch_manager(request.user):
        raise PermissionDenied
    orgs = reportable_orgs(request.user)
    if not orgs.exists():
        raise PermissionDenied
    return orgs


@login_required
def check(request: HttpRequest) -> HttpResponse:
    orgs = _orgs(request)
    first = orgs.order_by("depth", "path").first()
    initial = {"year": clock.today().year - 1, "org": first.code if first else None}
    form = CheckForm(request.POST or None, request.FILES or None, orgs=orgs, initial=initial)
    result, rows, error = None, [], ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        year, org = form.cleaned_data["year"], form.cleaned_data["org"]
        suffix = Path(upload.name).suffix.lower()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"draft{suffix}"
            with path.open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            try:
                ingested = ingest_file(path)
            except Exception:  # a broken .docx: say so, keep the form
                ingested = None
                error = _("无法读取文件“%(name)s”：文件已损坏或不是所选格式") % {
                    "name": upload.name
                }
        if ingested is not None:
            result = check_result(ingested, compute_figures(year, org))
            seen: set[str] = set()
            for item in result.matched:
                first_of_key = item.figure.key not in seen
                seen.add(item.figure.key)
                rows.append(
                    {
                        "item": item,
                        "checked": first_of_key,
                        "link": _figure_link(year, org, item.figure.key),
                    }
                )
    saved = []
    if result is not None:
        saved = list(PriorYearFigure.objects.filter(organization=result.org, year=result.year))
    return render(
        request,
        "factcheck/check.html",
        {
            "title": _("报告数字核对"),
            "form": form,
            "result": result,
            "error": error,
            "rows": rows,
            "agree": [_linked(i, rows) for i in result.agree] if result else [],
            "differ": [_linked(i, rows) for i in result.differ] if result else [],
            "saved": {p.key: p for p in saved},
        },
    )


def _linked(item, rows) -> dict:
    link = next((r["link"] for r in rows if r["item"].figure.key == item.figure.key), "")
    return {"item": item, "link": link}


@login_required
@require_POST
def save_prior(request: HttpRequest) -> HttpResponse:
    """Save the checked figures as the organisation's figures for the report's year."""
    orgs = _orgs(request)
    org = orgs.filter(code=request.POST.get("org", "")).first()
    if org is None:
        raise Http404("org")
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        raise Http404("year") from None
    if not HISTORY_YEAR_MIN <= year <= YEAR_MAX:
        raise Http404("year")
    figures = compute_figures(year, org)
    values, errors = [], []
    for index in request.POST.getlist("row"):
        if request.POST.get(f"save_{index}") != "on":
            continue
        key = request.POST.get(f"key_{index}", "")
        figure = figures.get(key)
        if figure is None:
            errors.append(_("指标“%(key)s”不存在") % {"key": key})
            continue
        raw = (request.POST.get(f"value_{index}") or "").strip()
        try:
            value = Decimal(raw)
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite() or value < 0 or value >= Decimal("1e12"):
            errors.append(
                _("%(label)s：数值“%(raw)s”不是有效的非负数") % {"label": figure.label, "raw": raw}
            )
            continue
        if figure.unit == "%" and value > 100:
            errors.append(_("%(label)s：百分比不能大于 100") % {"label": figure.label})
            continue
        if any(v.key == key for v in values):
            errors.append(_("%(label)s：同一指标只能保存一个数值") % {"label": figure.label})
            continue
        values.append(PriorValue(key, value, figure.unit, request.POST.get(f"source_{index}", "")))
    if errors:
        for message in errors:
            messages.error(request, message)
        messages.error(request, _("未保存任何数值，请返回修改后重新上传"))
        return redirect("factcheck:check")
    if not values:
        messages.warning(request, _("没有勾选任何数值"))
        return redirect("factcheck:check")
    save_prior_figures(org, year, values, user=request.user)
    record_event(
        request,
        AccessKind.IMPORT,
        f"往年指标保存：{org.code} {year}年 {len(values)}项（{'、'.join(v.key for v in values)}）",
    )
    messages.success(
        request,
        _("已保存%(org)s %(year)s年指标 %(n)s 项，%(next)s年报告将据此与上年比较")
        % {"org": org.name, "year": year, "n": len(values), "next": year + 1},
    )
    return redirect("factcheck:check")
