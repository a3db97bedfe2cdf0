from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dangjian.core import clock
from dangjian.core.codes import next_code
from dangjian.rules.records import HISTORY_YEAR_MIN
from dangjian.web.forms import ScopedModelForm

from .models import DualCultivation, Honour, HonourKind, PartyBrand


def clean_year(year):
    if year is not None and not HISTORY_YEAR_MIN <= year <= clock.today().year + 1:
        raise ValidationError(
            _("年度应在%(first)d年至明年之间（%(year)s 不在此范围）。")
            % {"first": HISTORY_YEAR_MIN, "year": year}
        )
    return year


class HonourForm(ScopedModelForm):
    class Meta:
        model = Honour
        fields = [
            "code",
            "kind",
            "year",
            "level",
            "organization",
            "member",
            "title",
            "awarded_by",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].required = False
        self.fields["code"].help_text = _("留空则自动生成")
        self.fields["organization"].required = False
        self.fields["organization"].help_text = _(
            "先进党组织：受表彰的组织；个人表彰可留空，自动取党员所在组织"
        )

    def clean_year(self):
        return clean_year(self.cleaned_data.get("year"))

    def clean(self):
        data = super().clean()
        member, kind = data.get("member"), data.get("kind")
        if not data.get("organization"):
            if member is not None and kind != HonourKind.ADVANCED_ORG:
                data["organization"] = member.organization
                self.instance.organization = member.organization
            elif "organization" not in self.errors:
                self.add_error("organization", _("“先进党组织”须选择受表彰的组织。"))
        return data

    def save(self, commit=True):
        honour = super().save(commit=False)
        if not honour.code:
            honour.code = next_code(Honour, f"BZ{honour.year}-")
        if commit:
            honour.save()
        return honour


class PartyBrandForm(ScopedModelForm):
    class Meta:
        model = PartyBrand
        fields = ["code", "kind", "organization", "name", "year", "level", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].required = False
        self.fields["code"].help_text = _("留空则自动生成")

    def clean_year(self):
        return clean_year(self.cleaned_data.get("year"))

    def save(self, commit=True):
        brand = super().save(commit=False)
        if not brand.code:
            brand.code = next_code(PartyBrand, f"PP{brand.year}-")
        if commit:
            brand.save()
        return brand


class DualCultivationForm(ScopedModelForm):
    class Meta:
        model = DualCultivation
        fields = ["member", "kind", "date", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        member, kind = data.get("member"), data.get("kind")
        if member is not None and kind:
            clash = DualCultivation.objects.filter(member=member, kind=kind).exclude(
                pk=self.instance.pk
            )
            if clash.exists():
                self.add_error(
                    "kind",
                    _("该党员已有“%(kind)s”记录，每种培养类型每人只记一次。")
                    % {"kind": dict(self.fields["kind"].choices).get(kind, kind)},
                )
        return data

    def validate_unique(self):
        pass  # reported in clean() with a message naming the rule
