from django import forms
from django.utils.translation import gettext_lazy as _

from dangjian.core.codes import next_code
from dangjian.recognition.forms import clean_year
from dangjian.web.forms import ScopedModelForm

from .models import Indicator as IndicatorName
from .models import IndicatorValue, OpinionEvent, duplicate_value_problem, percent_value_problem


class IndicatorValueForm(ScopedModelForm):
    class Meta:
        model = IndicatorValue
        fields = ["code", "organization", "indicator", "year", "period", "value", "unit", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.names = dict(IndicatorName.objects.filter(active=True).values_list("name", "unit"))
        current = self.instance.indicator if self.instance.pk else ""
        choices = [(name, f"{name}（{unit}）") for name, unit in self.names.items()]
        if current and current not in self.names:
            choices.append((current, current))  # a name since removed from the list stays editable
        self.fields["indicator"] = forms.ChoiceField(
            label=_("指标"), choices=[("", "---------"), *choices]
        )
        self.fields["code"].required = False
        self.fields["code"].help_text = _("留空则自动生成")
        self.fields["unit"].help_text = _("留空则取指标的默认单位")

    def clean_year(self):
        return clean_year(self.cleaned_data.get("year"))

    def clean(self):
        data = super().clean()
        name = data.get("indicator")
        if name and not data.get("unit"):
            data["unit"] = self.names.get(name, "")
            self.instance.unit = data["unit"]
        if name and (problem := percent_value_problem(name, data.get("unit"), data.get("value"))):
            self.add_error("value", problem)
        org, year, period = data.get("organization"), data.get("year"), data.get("period")
        if name and org and year and period:
            clash = (
                IndicatorValue.objects.filter(
                    organization=org,
                    indicator=name,
                    year=year,
                    period=period,
                )
                .exclude(pk=self.instance.pk)
                .values_list("code", flat=True)
                .first()
            )
            if clash:
                self.add_error("period", duplicate_value_problem(year, name, clash))
        return data

    def save(self, commit=True):
        value = super().save(commit=False)
        if not value.code:
            value.code = next_code(IndicatorValue, f"ZB{value.year}-")
        if commit:
            value.save()
        return value


class OpinionEventForm(ScopedModelForm):
    class Meta:
        model = OpinionEvent
        fields = [
            "code",
            "organization",
            "date",
            "source",
            "content",
            "handling",
            "result",
            "handled_on",
        ]
        widgets = {
            "content": forms.Textarea(attrs={"rows": 3}),
            "handling": forms.Textarea(attrs={"rows": 3}),
            "result": forms.Textarea(attrs={"rows": 2}),
            "source": forms.TextInput(attrs={"list": "opinion-sources"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].required = False
        self.fields["code"].help_text = _("留空则自动生成")
        self.fields["handled_on"].help_text = _("处置完成后填写，同时须填写处置结果")

    def clean(self):
        data = super().clean()
        day, handled = data.get("date"), data.get("handled_on")
        if day and handled and handled < day:
            self.add_error("handled_on", _("处置完成日期不能早于发现日期。"))
        if handled and not (data.get("result") or "").strip():
            self.add_error("result", _("已填写处置完成日期，须同时填写处置结果。"))
        return data

    def save(self, commit=True):
        event = super().save(commit=False)
        if not event.code:
            event.code = next_code(OpinionEvent, f"YQ{event.date:%Y}-")
        if commit:
            event.save()
        return event
