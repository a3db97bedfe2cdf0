from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dangjian.core import clock, codes
from dangjian.web.forms import DateInput, ScopedModelForm

from . import services
from .models import COMMON_SOURCES, RectificationItem, RectificationStatus

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024


class RectificationItemForm(ScopedModelForm):
    class Meta:
        model = RectificationItem
        fields = [
            "code",
            "organization",
            "description",
            "source",
            "raised_on",
            "kind",
            "measures",
            "owner",
            "deadline",
            "status",
            "completed_on",
            "evidence",
            "evidence_file",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "measures": forms.Textarea(attrs={"rows": 3}),
            "evidence": forms.Textarea(attrs={"rows": 2}),
            "source": forms.TextInput(attrs={"list": "rectification-sources"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].required = False
        self.fields["code"].help_text = _("留空则自动生成")
        self.fields["source"].help_text = _("如：") + "、".join(COMMON_SOURCES)

    def clean(self):
        data = super().clean()
        status = data.get("status")
        # Dates against each other, today and the status: RectificationItem.record_problems.
        upload = data.get("evidence_file")
        if upload and getattr(upload, "size", 0) > MAX_EVIDENCE_BYTES:
            self.add_error("evidence_file", _("证据文件不能超过 20 MB。"))
        if status == RectificationStatus.DONE and not self.is_signed_off():
            has_evidence = (
                (data.get("evidence") or "").strip() or upload or self.instance.evidence_file
            )
            if not has_evidence:
                self.add_error("evidence", _(services.NO_EVIDENCE))
            organization = data.get("organization")
            if (
                organization is not None
                and services.sign_off_level(self.user, organization) is None
            ):
                self.add_error("status", _(services.NOT_ALLOWED))
        return data

    def is_signed_off(self) -> bool:
        """Already done and signed off before this edit: the sign-off stands."""
        return bool(
            self.instance.pk and self.instance.signed_off_on and "status" not in self.changed_data
        )

    def save(self, commit=True):
        item = super().save(commit=False)
        if not item.code:
            item.code = next_code()
        if "evidence_file" in self.changed_data and item.evidence_file:
            item.evidence_file_name = getattr(self.cleaned_data["evidence_file"], "name", "")[:200]
        if item.status == RectificationStatus.DONE:
            if not self.is_signed_off():
                # Marking it done here is a sign-off like the 销号 button: same rules (checked in clean).
                services.record_sign_off(item=item, user=self.user)
        else:
            services.clear_sign_off(item)
        if commit:
            item.save()
        return item


def next_code() -> str:
    return codes.next_code(RectificationItem, f"ZG{clock.today().year}-")


class CloseForm(forms.Form):
    """销号: record that an item is done, with the day and what was done."""

    completed_on = forms.DateField(label=_("完成日期"), widget=DateInput())
    measures = forms.CharField(
        label=_("整改措施及成效"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    evidence = forms.CharField(
        label=_("整改证据"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("佐证材料的说明；或上传证据文件"),
    )
    evidence_file = forms.FileField(label=_("证据文件"), required=False)

    def __init__(self, *args, item=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item

    def clean_completed_on(self):
        completed = self.cleaned_data["completed_on"]
        if completed > clock.today():
            raise ValidationError(_("完成日期不能晚于今天。"))
        if self.item is not None and self.item.raised_on and completed < self.item.raised_on:
            raise ValidationError(_("完成日期不能早于提出日期。"))
        return completed

    def clean(self):
        data = super().clean()
        if self.item is not None and not (data.get("measures") or self.item.measures).strip():
            self.add_error("measures", _("销号前须写明整改措施。"))
        upload = data.get("evidence_file")
        if upload and upload.size > MAX_EVIDENCE_BYTES:
            self.add_error("evidence_file", _("证据文件不能超过 20 MB。"))
        existing = self.item is not None and self.item.has_evidence
        if not existing and not (data.get("evidence") or "").strip() and not upload:
            self.add_error("evidence", _(services.NO_EVIDENCE))
        return data
