from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dangjian.core.scoping import CHANGE
from dangjian.organizations.models import Organization
from dangjian.web.forms import OUT_OF_SCOPE, ScopedModelForm

from . import services
from .models import Transfer, TransferKind


class TransferForm(ScopedModelForm):
    """Recording a transfer: the 转出组织 is the member's current one, filled in by the service."""

    class Meta:
        model = Transfer
        fields = [
            "code",
            "member",
            "kind",
            "date",
            "to_org",
            "from_unit",
            "to_unit",
            "letter_no",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].required = False
        self.fields["code"].help_text = _("留空则自动生成")
        # 院内转接 may send a member to any organisation of the hospital (the sending branch
        # issues the letter); a 转入 may only be received into the user's own scope (checked below).
        self.fields["to_org"].queryset = Organization.objects.order_by("path")
        self.fields["to_org"].help_text = _("院内转接、转入时选择；转出本院时留空")

    def clean(self):
        data = super().clean()
        member, kind, date, to_org = (
            data.get("member"),
            data.get("kind"),
            data.get("date"),
            data.get("to_org"),
        )
        if (
            kind == TransferKind.IN
            and to_org is not None
            and not (
                Organization.objects.visible_to(self.user, CHANGE).filter(pk=to_org.pk).exists()
            )
        ):
            self.add_error("to_org", OUT_OF_SCOPE)
        if member is not None and kind and date and not self.errors:
            for field, message in services.transfer_check(
                member=member,
                kind=kind,
                date=date,
                to_org=to_org,
                from_unit=data.get("from_unit", ""),
                to_unit=data.get("to_unit", ""),
            ).items():
                self.add_error(field if field in self.fields else None, message)
        return data

    def save(self, commit=True):
        data = self.cleaned_data
        try:
            self.instance = services.transfer_record(
                member=data["member"],
                kind=data["kind"],
                date=data["date"],
                to_org=data.get("to_org"),
                from_unit=data.get("from_unit", ""),
                to_unit=data.get("to_unit", ""),
                letter_no=data.get("letter_no", ""),
                note=data.get("note", ""),
                code=data.get("code", ""),
            )
        except ValidationError as exc:  # a concurrent transfer got in first
            raise ValueError("; ".join(exc.messages)) from exc
        return self.instance


class TransferEditForm(ScopedModelForm):
    """Only what does not move the member: the date (kept in order), the letter and notes."""

    class Meta:
        model = Transfer
        fields = ["date", "from_unit", "to_unit", "letter_no", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def clean_date(self):
        date = self.cleaned_data["date"]
        problem = services.transfer_date_check(self.instance, date)
        if problem:
            raise ValidationError(problem)
        return date
