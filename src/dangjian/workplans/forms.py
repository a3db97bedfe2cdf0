from django import forms
from django.utils.translation import gettext_lazy as _

from dangjian.core import clock
from dangjian.core.codes import next_code
from dangjian.web.forms import ScopedModelForm

from .models import WorkPlanItem


class WorkPlanItemForm(ScopedModelForm):
    """The rules are the model's (``WorkPlanItem.clean``), run by the ModelForm's own validation."""

    class Meta:
        model = WorkPlanItem
        fields = ["code", "organization", "year", "area", "text", "owner", "deadline"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].required = False
        self.fields["code"].help_text = _("留空则自动生成")
        if not self.instance.pk:
            self.fields["year"].initial = clock.today().year

    def save(self, commit=True):
        item = super().save(commit=False)
        if not item.code:
            item.code = next_code(WorkPlanItem, f"YD{item.year}-")
        if commit:
            item.save()
        return item
