from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class UploadForm(forms.Form):
    file = forms.FileField(label=_("台账工作簿（.xlsx）"))
    dry_run = forms.BooleanField(label=_("只检查不导入"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".xlsm")):
            raise forms.ValidationError(_("请上传 .xlsx 格式的工作簿（.xls 请先另存为 .xlsx）"))
        limit = settings.DANGJIAN_MAX_WORKBOOK_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("文件过大（上限 %(mb)d MB）") % {"mb": limit // (1024 * 1024)}
            )
        return upload
