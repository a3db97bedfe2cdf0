from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from dangjian.organizations.models import Organization
from dangjian.rules.records import HISTORY_YEAR_MIN, YEAR_MAX

SUFFIXES = (".txt", ".docx", ".html", ".htm")


class OrgChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organization) -> str:
        return f"{'　' * obj.depth}{obj.name}（{obj.code}）"


class CheckForm(forms.Form):
    file = forms.FileField(label=_("报告草稿（.txt、.docx、.html）"))
    year = forms.IntegerField(
        label=_("报告年度"),
        min_value=HISTORY_YEAR_MIN,
        max_value=YEAR_MAX,
        error_messages={
            "min_value": _("报告年度：不能早于 %(year)d 年") % {"year": HISTORY_YEAR_MIN},
            "max_value": _("报告年度：不能晚于 %(year)d 年") % {"year": YEAR_MAX},
        },
    )
    org = OrgChoiceField(
        label=_("党组织"),
        queryset=Organization.objects.none(),
        to_field_name="code",
        empty_label=None,
        error_messages={"invalid_choice": _("党组织：只能选择您有权管理的党组织")},
    )

    def __init__(self, *args, orgs=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if orgs is not None:
            self.fields["org"].queryset = orgs

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(SUFFIXES):
            raise forms.ValidationError(_("报告草稿：请上传 .txt、.docx 或 .html 文件"))
        limit = getattr(settings, "DANGJIAN_MAX_WORKBOOK_BYTES", 20 * 1024 * 1024)
        if upload.size > limit:
            message = _("报告草稿：文件过大（上限 %(mb)d MB）") % {"mb": limit // (1024 * 1024)}
            raise forms.ValidationError(message)
        return upload
