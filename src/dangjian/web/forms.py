"""The base of every ledger form: choices stop at what the user may change.

An organisation or member outside ``visible_to(user, CHANGE)`` is not offered, and one posted
anyway is refused with a message that says why (Django's own "select a valid choice" would not).
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from dangjian.core import clock
from dangjian.core.rendering import FORM_RENDERER
from dangjian.core.scoping import CHANGE
from dangjian.core.versioning import StaleRecord, check_version, is_versioned, version_token

VERSION_FIELD = "row_version"

OUT_OF_SCOPE = _("所选组织不在您的管理范围内（支部书记只能选择本支部及其党小组）。")
MEMBER_OUT_OF_SCOPE = _("所选党员不在您的管理范围内。")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class ScopedModelForm(forms.ModelForm):
    """Subclasses declare Meta as usual; ``user`` narrows every organisation/member choice.

    An edit form also carries the row's version (see core.versioning): if someone else saved the
    row after this form was opened, validation fails with a message naming them and nothing is
    written.
    """

    default_renderer = FORM_RENDERER

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        from dangjian.organizations.models import Member, Organization

        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                model = field.queryset.model
                if model is Organization:
                    field.queryset = Organization.objects.visible_to(user, CHANGE).order_by("path")
                    field.error_messages["invalid_choice"] = OUT_OF_SCOPE
                elif model is Member:
                    field.queryset = Member.objects.visible_to(user, CHANGE).select_related(
                        "organization"
                    )
                    field.error_messages["invalid_choice"] = MEMBER_OUT_OF_SCOPE
            if isinstance(field, forms.DateField):
                field.widget = DateInput()
        if is_versioned(self.instance):
            self.fields[VERSION_FIELD] = forms.CharField(
                widget=forms.HiddenInput, required=False, initial=version_token(self.instance)
            )

    def clean(self):
        cleaned = super().clean()
        try:
            check_version(self.instance, cleaned.get(VERSION_FIELD))
        except StaleRecord as stale:
            raise forms.ValidationError(stale.message, code="stale") from None
        return cleaned


class AutoCodeMixin:
    """A ``code`` field that may be left blank: the next ``<code_prefix><year>-NNN`` is given on save."""

    code_prefix = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].required = False
        self.fields["code"].help_text = _("留空则自动生成")

    def save(self, commit=True):

        from dangjian.core.codes import next_code

        obj = super().save(commit=False)
        if not obj.code:
            obj.code = next_code(type(obj), f"{self.code_prefix}{clock.today().year}-")
        if commit:
            obj.save()
        return obj
