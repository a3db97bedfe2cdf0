from django import forms
from django.utils.translation import gettext_lazy as _

from dangjian import rules
from dangjian.web.forms import DateInput, ScopedModelForm

from .models import INCOME_BASED, DuesBase


class DuesBaseForm(ScopedModelForm):
    class Meta:
        model = DuesBase
        fields = ["member", "year", "category", "monthly_income"]

    def clean(self):
        data = super().clean()
        category, income = data.get("category"), data.get("monthly_income")
        if category in INCOME_BASED and income is None:
            self.add_error(
                "monthly_income",
                _("%(category)s党员按月收入比例交纳党费，须填写月收入（%(rule)s）")
                % {"category": category, "rule": rules.dues.DOCUMENT},
            )
        elif category and category not in INCOME_BASED and income is not None:
            self.add_error(
                "monthly_income",
                _("%(category)s党员按固定金额交纳党费，不填月收入（%(rule)s）")
                % {"category": category, "rule": rules.dues.DOCUMENT},
            )
        return data


class PaymentForm(forms.Form):
    member = forms.IntegerField(widget=forms.HiddenInput)
    month = forms.DateField(label=_("所属月份"), widget=forms.HiddenInput)
    paid_on = forms.DateField(label=_("交纳日期"), widget=DateInput())
    amount_paid = forms.DecimalField(
        label=_("实交金额（元）"),
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
        help_text=_("留空按应交金额"),
    )
