from django import forms
from django.utils.translation import gettext_lazy as _

from dangjian.core import clock
from dangjian.core.codes import next_code
from dangjian.core.scoping import CHANGE
from dangjian.rectification.models import RectificationItem
from dangjian.web.forms import ScopedModelForm

from .models import Problem


class ProblemForm(ScopedModelForm):
    """The rules are the model's (``Problem.clean``), run by the ModelForm's own validation."""

    class Meta:
        model = Problem
        fields = [
            "code",
            "organization",
            "year",
            "source",
            "area",
            "text",
            "measures",
            "rectification",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "measures": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].required = False
        self.fields["code"].help_text = _("留空则自动生成")
        if not self.instance.pk:
            self.fields["year"].initial = clock.today().year
        rectification = self.fields["rectification"]
        rectification.queryset = RectificationItem.objects.visible_to(self.user, CHANGE).order_by(
            "-raised_on", "code"
        )
        rectification.error_messages["invalid_choice"] = _("所选整改事项不在您的管理范围内。")

    def save(self, commit=True):
        problem = super().save(commit=False)
        if not problem.code:
            problem.code = next_code(Problem, f"CB{problem.year}-")
        if commit:
            problem.save()
        return problem
