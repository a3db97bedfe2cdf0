from django import forms
from django.utils.translation import gettext_lazy as _

from dangjian.web.forms import AutoCodeMixin, ScopedModelForm

from .models import NINE_RULES, IntegrityEducation, Responsibility, Violation


class ResponsibilityForm(AutoCodeMixin, ScopedModelForm):
    code_prefix = "ZRS"

    class Meta:
        model = Responsibility
        fields = [
            "code",
            "kind",
            "year",
            "organization",
            "department",
            "issuer_signer",
            "signer",
            "signed_on",
        ]

    # 年度 and 签订日期: Responsibility.record_problems (model), for the page, API and import.


class IntegrityEducationForm(AutoCodeMixin, ScopedModelForm):
    code_prefix = "JS"

    class Meta:
        model = IntegrityEducation
        fields = ["code", "kind", "organization", "date", "topic", "participants"]


class ViolationForm(AutoCodeMixin, ScopedModelForm):
    code_prefix = "WJ"

    class Meta:
        model = Violation
        fields = [
            "code",
            "organization",
            "person",
            "found_on",
            "category",
            "description",
            "handling",
            "handled_on",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "handling": forms.Textarea(attrs={"rows": 2}),
            "category": forms.TextInput(attrs={"list": "violation-categories"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].help_text = (
            _("可参照《医疗机构工作人员廉洁从业九项准则》：") + "；".join(NINE_RULES[:3]) + "……"
        )

    def clean(self):
        data = super().clean()
        found, handled = data.get("found_on"), data.get("handled_on")
        if found and handled and handled < found:
            self.add_error("handled_on", _("处理日期不能早于发现日期。"))
        return data
