"""Pages: the four evaluation ledgers and point adjustments use the generic ledger views;
the points pages (branch summary, a member's history) and the 医德考评 绩效 export are plain
functions."""

from __future__ import annotations

import io
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from dangjian.core import clock
from dangjian.core.audit import record_event
from dangjian.core.models import AccessKind
from dangjian.core.scoping import VIEW, is_branch_manager, is_party_admin, scope_for
from dangjian.core.views import (
    Column,
    LedgerCreateView,
    LedgerDeleteView,
    LedgerDetailView,
    LedgerListView,
    LedgerUpdateView,
)
from dangjian.organizations.models import Member, Organization, OrgType
from dangjian.rules.records import year_problem

from . import exports, points
from .filters import (
    BranchAssessmentFilterSet,
    EthicsRecordFilterSet,
    MemberEvaluationFilterSet,
    PointAdjustmentFilterSet,
    SecretaryReviewFilterSet,
)
from .forms import (
    BranchAssessmentForm,
    EthicsRecordForm,
    MemberEvaluationForm,
    PointAdjustmentForm,
    SecretaryReviewForm,
)
from .models import (
    BranchAssessment,
    EthicsRecord,
    MemberEvaluation,
    PointAdjustment,
    PointTotal,
    SecretaryReview,
)

# --- 民主评议党员 ------------------------------------------------------------------------------


class MemberEvaluationListView(LedgerListView):
    model = MemberEvaluation
    filterset_class = MemberEvaluationFilterSet
    related = ("member", "member__organization")
    create_url_name = "evaluations:member_evaluation_create"
    template_name = "evaluations/member_evaluation_list.html"
    columns = (
        Column("year", sort="year"),
        Column("member.member_no", _("党员编号"), sort="member__member_no"),
        Column("member.name", _("姓名"), link=True),
        Column(
            "member.organization.name",
            _("所在组织"),
            sort="member__organization__path",
            phone=False,
        ),
        Column("grade", _("评议等次"), sort="grade"),
        Column("remarks", phone=False),
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["grade_counts"] = branch_grade_counts(self.object_list)
        return context


def branch_grade_counts(queryset) -> list[dict]:
    """优秀/合格/基本合格/不合格 per 党支部 over the filtered rows: one grouped query."""
    from .models import MemberGrade

    rows = queryset.order_by().values("member__organization_id", "grade").annotate(n=Count("pk"))
    counts: dict[int, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row["member__organization_id"], {}).setdefault(row["grade"], 0)
        counts[row["member__organization_id"]][row["grade"]] += row["n"]
    if not counts:
        return []
    orgs = {
        o.pk: o for o in Organization.objects.filter(pk__in=list(counts)).select_related("parent")
    }
    by_branch: dict[int, dict] = {}
    for org_id, grades in counts.items():
        org = orgs[org_id]
        branch = org.parent if org.org_type == OrgType.GROUP and org.parent_id else org
        entry = by_branch.setdefault(
            branch.pk, {"branch": branch, "grades": dict.fromkeys(MemberGrade.values, 0)}
        )
        for grade, n in grades.items():
            entry["grades"][grade] = entry["grades"].get(grade, 0) + n
    result = []
    for entry in sorted(by_branch.values(), key=lambda e: e["branch"].path):
        entry["cells"] = [entry["grades"][value] for value in MemberGrade.values]
        entry["total"] = sum(entry["cells"])
        result.append(entry)
    return result


class MemberEvaluationDetailView(LedgerDetailView):
    model = MemberEvaluation
    related = ("member", "member__organization")
    edit_url_name = "evaluations:member_evaluation_edit"
    delete_url_name = "evaluations:member_evaluation_delete"
    fields = ("member", "year", "grade", "remarks")


class MemberEvaluationCreateView(LedgerCreateView):
    model = MemberEvaluation
    form_class = MemberEvaluationForm
    list_url_name = "evaluations:member_evaluation_list"


class MemberEvaluationUpdateView(LedgerUpdateView):
    model = MemberEvaluation
    form_class = MemberEvaluationForm


class MemberEvaluationDeleteView(LedgerDeleteView):
    model = MemberEvaluation
    list_url_name = "evaluations:member_evaluation_list"


# --- 述职评议考核 ------------------------------------------------------------------------------


class SecretaryReviewListView(LedgerListView):
    model = SecretaryReview
    filterset_class = SecretaryReviewFilterSet
    related = ("member", "organization")
    create_url_name = "evaluations:secretary_review_create"
    columns = (
        Column("year", sort="year"),
        Column("organization.name", _("党组织"), sort="organization__path"),
        Column("member.name", _("书记"), link=True),
        Column("grade", _("评议等次"), sort="grade"),
        Column("remarks", phone=False),
    )


class SecretaryReviewDetailView(LedgerDetailView):
    model = SecretaryReview
    related = ("member", "organization")
    edit_url_name = "evaluations:secretary_review_edit"
    delete_url_name = "evaluations:secretary_review_delete"
    fields = ("member", "organization", "year", "grade", "remarks")


class SecretaryReviewCreateView(LedgerCreateView):
    model = SecretaryReview
    form_class = SecretaryReviewForm
    list_url_name = "evaluations:secretary_review_list"


class SecretaryReviewUpdateView(LedgerUpdateView):
    model = SecretaryReview
    form_class = SecretaryReviewForm


class SecretaryReviewDeleteView(LedgerDeleteView):
    model = SecretaryReview
    list_url_name = "evaluations:secretary_review_list"


# --- 党支部考核 --------------------------------------------------------------------------------


class BranchAssessmentListView(LedgerListView):
    model = BranchAssessment
    filterset_class = BranchAssessmentFilterSet
    related = ("organization",)
    create_url_name = "evaluations:branch_assessment_create"
    columns = (
        Column("year", sort="year"),
        Column("organization.name", _("党组织"), link=True, sort="organization__path"),
        Column("grade", _("考核等次"), sort="grade"),
        Column("remarks", phone=False),
    )


class BranchAssessmentDetailView(LedgerDetailView):
    model = BranchAssessment
    related = ("organization",)
    edit_url_name = "evaluations:branch_assessment_edit"
    delete_url_name = "evaluations:branch_assessment_delete"
    fields = ("organization", "year", "grade", "remarks")


class BranchAssessmentCreateView(LedgerCreateView):
    model = BranchAssessment
    form_class = BranchAssessmentForm
    list_url_name = "evaluations:branch_assessment_list"


class BranchAssessmentUpdateView(LedgerUpdateView):
    model = BranchAssessment
    form_class = BranchAssessmentForm


class BranchAssessmentDeleteView(LedgerDeleteView):
    model = BranchAssessment
    list_url_name = "evaluations:branch_assessment_list"


# --- 医德档案 ----------------------------------------------------------------------------------


class EthicsRecordListView(LedgerListView):
    model = EthicsRecord
    filterset_class = EthicsRecordFilterSet
    related = ("organization",)
    create_url_name = "evaluations:ethics_record_create"
    template_name = "evaluations/ethics_record_list.html"
    columns = (
        Column("year", sort="year"),
        Column("staff_no", sort="staff_no"),
        Column("name", link=True),
        Column("department", sort="department", phone=False),
        Column("organization.name", _("所属党组织"), sort="organization__path", phone=False),
        Column("grade", _("考评等次"), sort="grade"),
        Column("score", phone=False),
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_export"] = is_branch_manager(self.request.user)
        return context


class EthicsRecordDetailView(LedgerDetailView):
    model = EthicsRecord
    related = ("organization", "member")
    edit_url_name = "evaluations:ethics_record_edit"
    delete_url_name = "evaluations:ethics_record_delete"
    fields = (
        "staff_no",
        "name",
        "department",
        "organization",
        "member",
        "year",
        "grade",
        "score",
        "remarks",
    )


class EthicsRecordCreateView(LedgerCreateView):
    model = EthicsRecord
    form_class = EthicsRecordForm
    list_url_name = "evaluations:ethics_record_list"


class EthicsRecordUpdateView(LedgerUpdateView):
    model = EthicsRecord
    form_class = EthicsRecordForm


class EthicsRecordDeleteView(LedgerDeleteView):
    model = EthicsRecord
    list_url_name = "evaluations:ethics_record_list"


@login_required
def ethics_export(request):
    """医德考评 for 绩效: 工号, 姓名, 科室, 年度, 考评等次 of the user's scope (and ``?year=``)."""
    if not is_branch_manager(request.user):
        raise PermissionDenied
    year = _year(request, default=None)
    buffer = io.BytesIO()
    result = exports.ethics_workbook(buffer, user=request.user, year=year)
    masking = "姓名已脱敏" if result.masked else "含完整姓名"
    record_event(request, AccessKind.EXPORT, f"医德考评绩效导出：{result.rows} 行，{masking}")
    response = HttpResponse(buffer.getvalue(), content_type=exports.XLSX)
    from urllib.parse import quote

    name = f"医德考评-{year or '全部'}-{clock.today():%Y%m%d}.xlsx"
    response["Content-Disposition"] = (
        f"attachment; filename=\"ethics.xlsx\"; filename*=UTF-8''{quote(name)}"
    )
    return response


# --- 积分调整 ----------------------------------------------------------------------------------


class PointAdjustmentListView(LedgerListView):
    model = PointAdjustment
    filterset_class = PointAdjustmentFilterSet
    related = ("member",)
    create_url_name = "evaluations:adjustment_create"
    columns = (
        Column("code", link=True, sort="code"),
        Column("year", sort="year"),
        Column("member.name", _("党员")),
        Column("points", sort="points"),
        Column("reason"),
    )


class PointAdjustmentDetailView(LedgerDetailView):
    model = PointAdjustment
    related = ("member",)
    edit_url_name = "evaluations:adjustment_edit"
    delete_url_name = "evaluations:adjustment_delete"
    fields = ("code", "member", "year", "points", "reason")


class PointAdjustmentCreateView(LedgerCreateView):
    model = PointAdjustment
    form_class = PointAdjustmentForm
    list_url_name = "evaluations:adjustment_list"


class PointAdjustmentUpdateView(LedgerUpdateView):
    model = PointAdjustment
    form_class = PointAdjustmentForm


class PointAdjustmentDeleteView(LedgerDeleteView):
    model = PointAdjustment
    list_url_name = "evaluations:adjustment_list"


# --- 积分 pages --------------------------------------------------------------------------------


def _year(request, default: int | None = -1) -> int | None:
    raw = request.GET.get("year", "")
    if raw.isdigit() and year_problem(int(raw)) is None:
        return int(raw)
    return clock.today().year if default == -1 else default


def ranking_enabled() -> bool:
    return bool(getattr(settings, "DANGJIAN_POINTS_RANKING", False))


@login_required
def points_summary(request):
    """Per-branch summary and the members' totals for a year. A 党员 goes to their own record.

    No ranking unless ``DANGJIAN_POINTS_RANKING`` is on: members are listed by 党员编号."""
    scope = scope_for(request.user)
    if not scope.can_change:
        if scope.member_id is None:
            raise PermissionDenied
        return redirect("evaluations:member_points", pk=scope.member_id)
    year = _year(request)
    totals = PointTotal.objects.visible_to(request.user, VIEW).filter(year=year)
    org = None
    org_code = request.GET.get("org", "")
    if org_code:
        org = get_object_or_404(Organization.objects.visible_to(request.user, VIEW), code=org_code)
        totals = totals.filter(member__organization__path__startswith=org.path)
    ranking = ranking_enabled()
    rows = totals.select_related("member", "member__organization")
    rows = (
        rows.order_by("-total", "member__member_no")
        if ranking
        else rows.order_by("member__member_no")
    )
    rows = list(rows[:2000])
    by_org = list(
        totals.order_by().values("member__organization_id").annotate(n=Count("pk"), s=Sum("total"))
    )
    orgs = {
        o.pk: o
        for o in Organization.objects.filter(
            pk__in=[r["member__organization_id"] for r in by_org]
        ).select_related("parent")
    }
    branches: dict[int, dict] = {}
    for r in by_org:
        o = orgs[r["member__organization_id"]]
        branch = o.parent if o.org_type == OrgType.GROUP and o.parent_id else o
        entry = branches.setdefault(branch.pk, {"branch": branch, "members": 0, "sum": Decimal(0)})
        entry["members"] += r["n"]
        entry["sum"] += r["s"] or 0
    for entry in branches.values():
        entry["average"] = (
            (entry["sum"] / entry["members"]).quantize(Decimal("0.1")) if entry["members"] else None
        )
    return render(
        request,
        "evaluations/points_summary.html",
        {
            "title": _g("党员积分"),
            "year": year,
            "org": org,
            "rows": rows,
            "ranking": ranking,
            "branches": sorted(branches.values(), key=lambda e: e["branch"].path),
            "visible_orgs": Organization.objects.visible_to(request.user, VIEW)
            .filter(org_type__in=[OrgType.BRANCH, OrgType.GENERAL_BRANCH, OrgType.PARTY_COMMITTEE])
            .order_by("path"),
            "can_adjust": scope.can_change,
        },
    )


@login_required
def member_points(request, pk: int):
    """A member's points year by year, the current year's breakdown, and the adjustments made."""
    member = get_object_or_404(
        Member.objects.visible_to(request.user, VIEW).select_related("organization"), pk=pk
    )
    year = _year(request)
    breakdown = points.compute(year, member_ids=[member.pk]).get(member.pk)
    values = points.point_values()
    totals = list(PointTotal.objects.filter(member=member).order_by("-year"))
    adjustments = list(PointAdjustment.objects.filter(member=member).order_by("-year", "code"))
    items = []
    if breakdown is not None:
        c = breakdown.counts
        items = [
            (
                _g("参加组织生活"),
                c.get("attendance", 0),
                values["attendance"],
                breakdown.attendance,
            ),
            (_g("参加学习教育"), c.get("study", 0), values["study"], breakdown.study),
            (_g("讲党课"), c.get("lecture", 0), values["lecture"], breakdown.lecture),
            (_g("参加服务活动"), c.get("service", 0), values["service"], breakdown.service),
            (_g("民主评议优秀"), c.get("excellent", 0), values["excellent"], breakdown.evaluation),
            (_g("无故缺席且未补学"), c.get("absence", 0), values["absence"], breakdown.absence),
        ]
    return render(
        request,
        "evaluations/member_points.html",
        {
            "title": _g("党员积分：%(name)s") % {"name": member.name},
            "member": member,
            "year": year,
            "breakdown": breakdown,
            "items": items,
            "totals": totals,
            "adjustments": adjustments,
            "can_adjust": scope_for(request.user).can_change
            and Member.objects.visible_to(request.user, "change").filter(pk=member.pk).exists(),
            "is_admin": is_party_admin(request.user),
        },
    )
