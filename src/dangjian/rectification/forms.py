import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dangjian.web.forms import DateInput, ScopedModelForm

from .models import COMMON_SOURCES, RectificationItem, RectificationStatus


class RectificationItemForm(ScopedModelForm):
    class Meta:
        model = RectificationItem
        fields = ["code", "organization", "description", "source", "raised_on", "measures", "owner",
                  "deadline", "status", "completed_on"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "measures": forms.Textarea(attrs={"rows": 3}),
            "source": forms.TextInput(attrs={"list": "rectification-sources"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].required = False
        self.fields["code"].help_text = _("留空则自动生成")
        self.fields["source"].help_text = _("如：") + "、".join(COMMON_SOURCES)

    def clean(self):
        data = super().clean()
        status, completed = data.get("status"), data.get("completed_on")
        raised, deadline = data.get("raised_on"), data.get("deadline")
        if status == RectificationStatus.DONE and not completed:
            self.add_error("completed_on", _("状态为“已完成”时须填写完成日期。"))
        if completed and status != RectificationStatus.DONE:
            self.add_error("status", _("已填写完成日期，状态应为“已完成”。"))
        if completed and completed > dt.date.today():
            self.add_error("completed_on", _("完成日期不能晚于今天。"))
        if raised and deadline and deadline < raised:
            self.add_error("deadline", _("整改时限不能早于提出日期。"))
        if raised and completed and completed < raised:
            self.add_error("completed_on", _("完成日期不能早于提出日期。"))
        return data

    def save(self, commit=True):
        item = super().save(commit=False)
        if not item.code:
            item.code = next_code()
        if commit:
            item.save()
        return item


def next_code() -> str:
    year = dt.date.today().year
    prefix = f"ZG{year}-"
    taken = set(RectificationItem.objects.filter(code__startswith=prefix).values_list("code", flat=True))
    n = len(taken) + 1
    while f"{prefix}{n:03d}" in taken:
        n += 1
    return f"{prefix}{n:03d}"


class CloseForm(forms.Form):
    """销号: record that an item is done, with the day and what was done."""

    completed_on = forms.DateField(label=_("完成日期"), widget=DateInput())
    measures = forms.CharField(label=_("整改措施及成效"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item

    def clean_completed_on(self):
        completed = self.cleaned_data["completed_on"]
        if completed > dt.date.today():
            raise ValidationError(_("完成日期不能晚于今天。"))
        if self.item is not None and self.item.raised_on and completed < self.item.raised_on:
            raise ValidationError(_("完成日期不能早于提出日期。"))
        return completed

    def clean(self):
        data = super().clean()
        if self.item is not None and not (data.get("measures") or self.item.measures).strip():
            self.add_error("measures", _("销号前须写明整改措施。"))
        return data
