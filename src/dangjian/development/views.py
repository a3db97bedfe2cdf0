from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from dangjian import rules
from dangjian.core.scoping import CHANGE
from dangjian.core.views import (
    Column,
    LedgerCreateView,
    LedgerDeleteView,
    LedgerDetailView,
    LedgerListView,
    LedgerUpdateView,
)

from . import services
from .filters import DevelopmentCaseFilterSet
from .forms import AdvanceForm, CancelForm, DevelopmentCaseForm, ExtendForm
from .models import DevelopmentCase


class DevelopmentCaseListView(LedgerListView):
    model = DevelopmentCase
    filterset_class = DevelopmentCaseFilterSet
    related = ("organization",)
    create_url_name = "development:case_create"
    columns = (
        Column("name", link=True, sort="name"),
        Column("organization.name", _("所在组织"), sort="organization__path"),
        Column("id_number_masked", _("身份证号"), phone=False),
        Column("applied_on", sort="applied_on"),
        Column("current_step_label", _("当前步骤")),
        Column("conversion_label", _("转正状态")),
        Column("violation_marker", _("规则提示")),
    )

    def get_queryset(self):
        # The rules need the linked introducers: one query for the page, whatever its size.
        return super().get_queryset().prefetch_related("introducer_members")


class DevelopmentCaseDetailView(LedgerDetailView):
    model = DevelopmentCase
    related = ("organization",)
    template_name = "development/case_detail.html"
    edit_url_name = "development:case_edit"
    delete_url_name = "development:case_delete"
    fields = (
        "name",
        "organization",
        "id_number_masked",
        "applied_on",
        "talked_on",
        "activist_on",
        "candidate_on",
        "political_review_on",
        "training_completed_on",
        "publicity_started_on",
        "admitted_on",
        "approved_on",
        "approval_delay_reason",
        "converted_on",
        "probation_extended_to",
        "cancelled_on",
        "introducers",
        "introducer_members",
    )

    def get_queryset(self):
        return super().get_queryset().prefetch_related("introducer_members")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.object
        context["stages"] = rules.STAGES
        context["steps"] = rules.STEPS
        context["current"] = case.current_step
        context["upcoming"] = case.next_step
        context["status"] = case.conversion_status
        context["probation_end"] = case.probation_ends_on
        context["violations"] = case.violations
        context["step_dates"] = [
            (rules.development.FIELD_LABELS[rule], getattr(case, field))
            for rule, field in services.MODEL_FIELDS.items()
            if getattr(case, field) is not None
        ]
        if context["can_change"]:
            if context["upcoming"] is not None and case.cancelled_on is None:
                context["advance_form"] = AdvanceForm(case=case)
            if case.admitted_on and not case.converted_on and not case.cancelled_on:
                if case.probation_extended_to is None:
                    context["extend_form"] = ExtendForm(case=case)
                context["cancel_form"] = CancelForm(case=case)
        return context


class _WarnMixin:
    def form_valid(self, form):
        response = super().form_valid(form)
        for warning in form.warnings:
            messages.warning(self.request, warning)
        return response


class DevelopmentCaseCreateView(_WarnMixin, LedgerCreateView):
    model = DevelopmentCase
    form_class = DevelopmentCaseForm
    list_url_name = "development:case_list"


class DevelopmentCaseUpdateView(_WarnMixin, LedgerUpdateView):
    model = DevelopmentCase
    form_class = DevelopmentCaseForm


class DevelopmentCaseDeleteView(LedgerDeleteView):
    model = DevelopmentCase
    list_url_name = "development:case_list"


def _transition(request, pk, form_class, action, title):
    case = get_object_or_404(DevelopmentCase.objects.visible_to(request.user, CHANGE), pk=pk)
    form = form_class(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            warnings = action(case, form.cleaned_data)
        except services.TransitionRefused as refused:
            for text in refused.messages:
                form.add_error(None, text)
        else:
            messages.success(request, _g("已保存：%(case)s") % {"case": case})
            for violation in warnings:
                messages.warning(request, services.message(violation))
            return redirect(case.get_absolute_url())
    return render(
        request,
        "web/ledger_form.html",
        {
            "title": f"{title}：{case}",
            "form": form,
            "cancel_url": case.get_absolute_url(),
        },
    )


@login_required
def case_advance(request, pk: int):
    """推进到下一步: record the next step's date, refused with the rule named when not allowed."""
    return _transition(
        request,
        pk,
        AdvanceForm,
        lambda case, data: services.advance(
            case, data["on"], special_reason=data.get("special_reason") or ""
        ),
        _g("推进到下一步"),
    )


@login_required
def case_extend(request, pk: int):
    return _transition(
        request,
        pk,
        ExtendForm,
        lambda case, data: services.extend_probation(case, data["until"]),
        _g("延长预备期"),
    )


@login_required
def case_cancel(request, pk: int):
    return _transition(
        request,
        pk,
        CancelForm,
        lambda case, data: services.cancel_probation(case, data["on"]),
        _g("取消预备党员资格"),
    )
