"""Organisational-life forms: the event, the attendance sheet and attachments."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dangjian.organizations.models import OrgType
from dangjian.web.forms import ScopedModelForm

from .models import AttachmentKind, EventAttachment, EventType, OrgLifeEvent

# 类型 that belong to one level of the tree (支部工作条例; 党委会 and 中心组 are the 党委's).
BRANCH_LEVEL = {EventType.BRANCH_GENERAL_MEETING, EventType.BRANCH_COMMITTEE_MEETING}
COMMITTEE_LEVEL = {
    EventType.COMMITTEE_MEETING,
    EventType.CENTRAL_GROUP_STUDY,
    EventType.LEADERSHIP_LIFE_MEETING,
}


class OrgLifeEventForm(ScopedModelForm):
    class Meta:
        model = OrgLifeEvent
        fields = [
            "organization",
            "event_type",
            "date",
            "topic",
            "host",
            "lecturer",
            "location",
            "duration_hours",
            "code",
        ]
        widgets = {"topic": forms.TextInput(attrs={"size": 40})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].required = False
        self.fields["code"].help_text = _("留空则自动生成，如 NK-20250305-1")
        self.fields["duration_hours"].help_text = _("计入党员学习时长")

    def clean(self):
        data = super().clean()
        kind, org = data.get("event_type"), data.get("organization")
        # Date range and 时长: OrgLifeEvent.record_problems and the plausible-date rule (model).
        if kind == EventType.PARTY_LECTURE and not data.get("lecturer"):
            self.add_error("lecturer", _("党课须填写讲课人（支部书记每年至少讲一次党课）。"))
        if org is not None and kind:
            if kind == EventType.GROUP_MEETING and org.org_type != OrgType.GROUP:
                self.add_error("organization", _("党小组会的组织须为党小组。"))
            if kind in BRANCH_LEVEL and org.org_type != OrgType.BRANCH:
                self.add_error(
                    "organization",
                    _("%(kind)s的组织须为党支部（《中国共产党支部工作条例（试行）》）。")
                    % {"kind": kind},
                )
            if kind in COMMITTEE_LEVEL and org.org_type != OrgType.PARTY_COMMITTEE:
                self.add_error("organization", _("%(kind)s的组织须为党委。") % {"kind": kind})
        return data

    def save(self, commit=True):
        event = super().save(commit=False)
        if not event.code:
            event.code = next_event_code(event.organization.code, event.date)
        if commit:
            event.save()
        return event


def next_event_code(org_code: str, date: dt.date) -> str:
    prefix = f"{org_code}-{date:%Y%m%d}-"
    taken = set(OrgLifeEvent.objects.filter(code__startswith=prefix).values_list("code", flat=True))
    n = 1
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"


# Attachments: what a minute-taker or photographer produces, nothing executable.
ALLOWED_TYPES = {
    ".pdf": ("application/pdf", (b"%PDF",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (b"PK\x03\x04",),
    ),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
}
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


class EventAttachmentForm(forms.ModelForm):
    class Meta:
        model = EventAttachment
        fields = ["kind", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].initial = AttachmentKind.MINUTES
        self.fields["file"].help_text = _(
            "PDF、Word（docx）、Excel（xlsx）、JPG、PNG，单个不超过 20 MB"
        )
        self.fields["file"].widget.attrs["accept"] = ",".join(ALLOWED_TYPES)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        suffix = PurePath(upload.name).suffix.lower()
        if suffix not in ALLOWED_TYPES:
            raise ValidationError(
                _("不支持的文件类型“%(suffix)s”：只能上传 PDF、docx、xlsx、JPG、PNG。")
                % {"suffix": suffix or "无扩展名"}
            )
        if upload.size > MAX_ATTACHMENT_BYTES:
            raise ValidationError(
                _("文件大小 %(size).1f MB，超过 20 MB 的上限。")
                % {"size": upload.size / 1024 / 1024}
            )
        if upload.size == 0:
            raise ValidationError(_("文件是空的。"))
        content_type, magics = ALLOWED_TYPES[suffix]
        head = upload.read(16)
        upload.seek(0)
        if not any(head.startswith(magic) for magic in magics):
            raise ValidationError(
                _("文件内容与扩展名“%(suffix)s”不符，请确认文件没有损坏或被改名。")
                % {"suffix": suffix}
            )
        self.detected_content_type = content_type
        return upload
