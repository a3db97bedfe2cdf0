"""Upload (党委管理员), scoped export (支部书记 and 党委管理员) and the empty template."""

from __future__ import annotations

import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from dangjian.core import clock
from dangjian.core.audit import record_event
from dangjian.core.models import AccessKind
from dangjian.core.scoping import is_branch_manager, is_party_admin

from .exporter import export_workbook
from .forms import UploadForm
from .importer import import_workbook
from .report import summary_rows
from .template import write_template

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def import_view(request):
    if not is_party_admin(request.user):
        raise PermissionDenied
    result = None
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        dry_run = form.cleaned_data["dry_run"]
        try:
            result = import_workbook(upload, dry_run=dry_run, user=request.user)
        except Exception as error:  # audited, then the usual server error
            record_event(
                request,
                AccessKind.IMPORT_FAILED,
                f"工作簿导入出错：{upload.name}（{type(error).__name__}）",
            )
            raise
        if not dry_run:
            record_import(request, upload.name, result)
    return render(
        request,
        "workbook/import.html",
        {
            "title": _("台账导入"),
            "form": form,
            "result": result,
            "summary": summary_rows(result) if result is not None and result.ok else [],
        },
    )


def record_import(request, name: str, result, *, username: str = "") -> None:
    """Every real import attempt in the access log: written, or refused and why (first error)."""
    if result.ok:
        record_event(request, AccessKind.IMPORT, f"工作簿导入成功：{name}", username=username)
        return
    first = result.error_lines()[0] if result.errors else ""
    record_event(
        request,
        AccessKind.IMPORT_FAILED,
        f"工作簿导入被拒绝：{name}，{len(result.errors)} 处错误（{first}）",
        username=username,
    )


@login_required
def export_view(request):
    """The user's own scope as a workbook: a 支部书记 gets the branch, masked; an admin everything."""
    if not is_branch_manager(request.user):
        raise PermissionDenied
    buffer = io.BytesIO()
    result = export_workbook(buffer, user=request.user)
    rows = sum(result.rows.values())
    masking = "已脱敏" if result.masked else "含完整身份证号、手机号"
    record_event(request, AccessKind.EXPORT, f"台账工作簿导出：{rows} 行，{masking}")
    return _download(buffer.getvalue(), f"台账导出-{clock.today():%Y%m%d}.xlsx")


@login_required
def template_view(request):
    buffer = io.BytesIO()
    write_template(buffer)
    return _download(buffer.getvalue(), "统一台账工作簿模板.xlsx")


def _download(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = _attachment(filename)
    return response


def _attachment(filename: str) -> str:
    from urllib.parse import quote

    return f"attachment; filename=\"workbook.xlsx\"; filename*=UTF-8''{quote(filename)}"
