from django import forms
from django.utils.translation import gettext_lazy as _

from dangjian.core.scoping import CHANGE
from dangjian.evaluations.models import ServiceParticipation
from dangjian.web.forms import ScopedModelForm

from .models import COMMON_SERVICE_TYPES, ServiceActivity

ACTIVITY_OUT_OF_SCOPE = _("所选服务活动不在您的管理范围内。")


class ServiceActivityForm(ScopedModelForm):
    class Meta:
        model = ServiceActivity
        fields = [
            "code",
            "organization",
            "activity_type",
            "date",
            "content",
            "participants",
            "people_served",
        ]
        widgets = {
            "content": forms.Textarea(attrs={"rows": 3}),
            "activity_type": forms.TextInput(attrs={"list": "service-types"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].required = False
        self.fields["code"].help_text = _("留空则自动生成")
        self.fields["activity_type"].help_text = _("如：") + "、".join(COMMON_SERVICE_TYPES)

    def clean(self):
        data = super().clean()
        participants, served = data.get("participants"), data.get("people_served")
        if participants == 0:
            self.add_error("participants", _("参与人数应至少为 1 人。"))
        if served is not None and participants and served > participants * 1000:
            self.add_error(
                "people_served", _("服务人次超过参与人数的 1000 倍，请核对是否多录了位数。")
            )
        return data

    def save(self, commit=True):
        activity = super().save(commit=False)
        if not activity.code:
            prefix = f"FW{activity.date:%Y}-"
            taken = set(
                ServiceActivity.objects.filter(code__startswith=prefix).values_list(
                    "code", flat=True
                )
            )
            n = len(taken) + 1
            while f"{prefix}{n:03d}" in taken:
                n += 1
            activity.code = f"{prefix}{n:03d}"
        if commit:
            activity.save()
        return activity


class ServiceParticipationForm(ScopedModelForm):
    """Who took part in a 服务活动: an activity and a member, both within the user's scope (as in
    the API); a member is registered once per activity (the model's constraint and message)."""

    class Meta:
        model = ServiceParticipation
        fields = ["activity", "member"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["activity"]
        field.queryset = (
            ServiceActivity.objects.visible_to(self.user, CHANGE)
            .select_related("organization")
            .order_by("-date", "code")
        )
        field.label_from_instance = lambda a: (
            f"{a.date:%Y-%m-%d} {a.activity_type} {a.code}（{a.organization.name}）"
        )
        field.error_messages["invalid_choice"] = ACTIVITY_OUT_OF_SCOPE
        # (year, member) counted before this edit: its 党员积分 is refreshed too when it changes.
        self.counted_before = (
            (self.instance.activity.date.year, self.instance.member_id)
            if self.instance.pk
            else None
        )
