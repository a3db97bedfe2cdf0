from django import forms
from django.utils.translation import gettext_lazy as _

from dangjian.core import clock, codes
from dangjian.web.forms import ScopedModelForm

from .models import (
    BranchAssessment,
    EthicsRecord,
    MemberEvaluation,
    PointAdjustment,
    SecretaryReview,
)

REASON_REQUIRED = _("事由：调整积分必须写明事由（如“抗疫先锋加分”“违纪扣分”）。")
YEAR_HELP = _("评议所属年度，如 2025")


def _default_year(form: forms.ModelForm) -> None:
    if "year" in form.fields:
        form.fields["year"].help_text = YEAR_HELP
        if not form.instance.pk:
            form.fields["year"].initial = clock.today().year - (1 if clock.today().month < 7 else 0)


class MemberEvaluationForm(ScopedModelForm):
    class Meta:
        model = MemberEvaluation
        fields = ["member", "year", "grade", "remarks"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _default_year(self)


class SecretaryReviewForm(ScopedModelForm):
    class Meta:
        model = SecretaryReview
        fields = ["member", "organization", "year", "grade", "remarks"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _default_year(self)

    def clean(self):
        data = super().clean()
        member, org = data.get("member"), data.get("organization")
        if member and org and not member.organization.path.startswith(org.path):
            self.add_error("member", _("书记：所选党员不在该党组织（或其党小组）中。"))
        return data


class BranchAssessmentForm(ScopedModelForm):
    class Meta:
        model = BranchAssessment
        fields = ["organization", "year", "grade", "remarks"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _default_year(self)


class EthicsRecordForm(ScopedModelForm):
    class Meta:
        model = EthicsRecord
        fields = [
            "staff_no",
            "name",
            "department",
            "organization",
            "member",
            "year",
            "grade",
            "score",
            "remarks",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _default_year(self)


class PointAdjustmentForm(ScopedModelForm):
    class Meta:
        model = PointAdjustment
        fields = ["member", "year", "points", "reason", "code"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _default_year(self)
        self.fields["year"].help_text = _("积分所属年度")
        self.fields["code"].required = False
        self.fields["code"].help_text = _("留空则自动生成")
        self.fields["reason"].error_messages["required"] = REASON_REQUIRED

    def clean_reason(self):
        reason = (self.cleaned_data.get("reason") or "").strip()
        if not reason:
            raise forms.ValidationError(REASON_REQUIRED)
        return reason

    def clean_points(self):
        points = self.cleaned_data.get("points")
        if points is not None and points == 0:
            raise forms.ValidationError(_("分值：调整分值不能为 0（扣分填写负数）。"))
        return points

    def save(self, commit=True):
        adjustment = super().save(commit=False)
        if not adjustment.code:
            adjustment.code = next_code(adjustment.year)
        if commit:
            adjustment.save()
        return adjustment


def next_code(year: int) -> str:
    return codes.next_code(PointAdjustment, f"JF{year}-", digits=4)
