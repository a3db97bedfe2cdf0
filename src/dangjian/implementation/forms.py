from django import forms
from django.utils.translation import gettext_lazy as _

from dangjian.core import clock
from dangjian.core.scoping import CHANGE
from dangjian.web.forms import AutoCodeMixin, ScopedModelForm

from .models import CheckIn, Instruction, Measure, MeasureStatus

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024


class InstructionForm(AutoCodeMixin, ScopedModelForm):
    code_prefix = "GC"

    class Meta:
        model = Instruction
        fields = ["code", "kind", "title", "source", "issued_on", "organization"]


class MeasureForm(AutoCodeMixin, ScopedModelForm):
    code_prefix = "CS"

    class Meta:
        model = Measure
        fields = ["code", "instruction", "content", "owner", "deadline", "status", "completed_on"]
        widgets = {"content": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instruction"].queryset = Instruction.objects.visible_to(self.user, CHANGE)
        self.fields["instruction"].error_messages["invalid_choice"] = _(
            "所选贯彻落实事项不在您的管理范围内。"
        )

    def clean(self):
        data = super().clean()
        status, completed = data.get("status"), data.get("completed_on")
        if status == MeasureStatus.DONE and not completed:
            self.add_error("completed_on", _("状态为“已完成”时须填写完成日期。"))
        if completed and status != MeasureStatus.DONE:
            self.add_error("status", _("已填写完成日期，状态应为“已完成”。"))
        if completed and completed > clock.today():
            self.add_error("completed_on", _("完成日期不能晚于今天。"))
        instruction, deadline = data.get("instruction"), data.get("deadline")
        if instruction and deadline and deadline < instruction.issued_on:
            self.add_error("deadline", _("完成时限不能早于贯彻落实事项的日期。"))
        return data


class CheckInForm(ScopedModelForm):
    class Meta:
        model = CheckIn
        fields = ["measure", "kind", "date", "progress", "note", "evidence", "evidence_file"]
        widgets = {
            "note": forms.Textarea(attrs={"rows": 3}),
            "evidence": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = Measure.objects.visible_to(self.user, CHANGE)
        self.fields["measure"].error_messages["invalid_choice"] = _(
            "所选落实措施不在您的管理范围内。"
        )

    def clean_progress(self):
        progress = self.cleaned_data["progress"]
        if progress is not None and not 0 <= progress <= 100:
            raise forms.ValidationError(_("进度应为 0 到 100 之间的整数。"))
        return progress

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day and day > clock.today():
            raise forms.ValidationError(_("督导日期不能晚于今天。"))
        return day

    def clean(self):
        data = super().clean()
        upload = data.get("evidence_file")
        if upload and getattr(upload, "size", 0) > MAX_EVIDENCE_BYTES:
            self.add_error("evidence_file", _("佐证文件不能超过 20 MB。"))
        return data

    def save(self, commit=True):
        checkin = super().save(commit=False)
        if "evidence_file" in self.changed_data and checkin.evidence_file:
            checkin.evidence_file_name = getattr(self.cleaned_data["evidence_file"], "name", "")[
                :200
            ]
        if commit:
            checkin.save()
        return checkin
