from django import forms
from django.utils.translation import gettext_lazy as _

from dangjian.web.forms import DateInput, ScopedModelForm

from . import services
from .models import DevelopmentCase


class DevelopmentCaseForm(ScopedModelForm):
    """Create or edit a case. The dates are checked by ``rules.check_development`` (through
    ``services.problems``): a breach the edit introduces is refused with the rule named."""

    class Meta:
        model = DevelopmentCase
        fields = [
            "name",
            "id_number",
            "organization",
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
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.warnings: list[str] = []
        self.fields["introducers"].help_text = _("两名介绍人，用顿号分隔")
        from dangjian.core.scoping import VIEW
        from dangjian.organizations.models import Member

        # Introducers may come from anywhere the user can read (usually the same branch).
        self.fields["introducer_members"].queryset = Member.objects.visible_to(
            self.user, VIEW
        ).select_related("organization")
        self._before = services.dates_of(self.instance) if self.instance.pk else None

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        values = {name: data.get(name) for name in services.MODEL_FIELDS.values()}
        values["id_number"] = data.get("id_number") or ""
        values["introducers"] = data.get("introducers") or ""
        members = data.get("introducer_members")
        after = services.case_dates(values, list(members) if members is not None else None)
        for field, text in services.future_dates(values, services.today()):
            self.add_error(field, text)
        refused, warnings = services.problems(
            self._before, after, special_reason=data.get("approval_delay_reason") or ""
        )
        for violation in refused:
            field = services.MODEL_FIELDS.get(violation.field or "")
            if violation.field == "introducer_count":
                field = "introducers"
            self.add_error(field if field in self.fields else None, services.message(violation))
        self.warnings = [services.message(v) for v in warnings]
        return data


class AdvanceForm(forms.Form):
    """推进到下一步: the date of the next step."""

    on = forms.DateField(label=_("日期"), widget=DateInput())
    special_reason = forms.CharField(
        label=_("特殊情况说明"),
        required=False,
        max_length=200,
        help_text=_("仅上级党委审批超过3个月（最长6个月）时填写"),
    )

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        upcoming = case.next_step if case is not None else None
        if upcoming is not None:
            self.fields["on"].label = _("%(step)s 日期") % {
                "step": f"第{upcoming.step.number}步 {upcoming.step.name}"
            }


class ExtendForm(forms.Form):
    """延长预备期."""

    until = forms.DateField(label=_("延长预备期至"), widget=DateInput())

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case


class CancelForm(forms.Form):
    """取消预备党员资格."""

    on = forms.DateField(label=_("取消预备党员资格日期"), widget=DateInput())

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
