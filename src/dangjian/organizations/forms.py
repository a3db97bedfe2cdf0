"""Member and organisation forms. Each check names the rule it enforces."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dangjian.web.forms import ScopedModelForm

from .models import Member, Organization, OrgType, top_level_problem

MOBILE = re.compile(r"^1\d{10}$")


class MemberForm(ScopedModelForm):
    class Meta:
        model = Member
        fields = [
            "member_no",
            "name",
            "organization",
            "category",
            "gender",
            "birth_date",
            "id_number",
            "joined_on",
            "full_member_on",
            "department",
            "admin_post",
            "title",
            "party_post",
            "phone",
            "employment_status",
            "is_dual_leader",
        ]

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip().replace(" ", "").replace("-", "")
        if phone and not MOBILE.match(phone):
            raise ValidationError(_("手机号应为以 1 开头的 11 位数字。"))
        return phone

    # Dates, placement, age at joining and category are the model's rules (Member.record_problems
    # and the plausible-date rule), checked by ModelForm through Member.full_clean.


class OrganizationForm(ScopedModelForm):
    class Meta:
        model = Organization
        fields = [
            "code",
            "name",
            "org_type",
            "parent",
            "founded_on",
            "last_election_on",
            "term_years",
            "sort_order",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term_years"].help_text = _(
            "留空则按组织类型取默认值：党委 5 年，党总支、党支部 3 年。"
        )
        # Whoever's scope stops at this organisation (its 支部书记, or a 党委管理员 limited to it)
        # may keep its data but not move it in the tree: its parent is outside their reach.
        if (
            self.instance.pk
            and self.instance.parent_id
            and not self.fields["parent"].queryset.filter(pk=self.instance.parent_id).exists()
        ):
            del self.fields["parent"]

    def clean(self):
        data = super().clean()
        org_type = data.get("org_type")
        parent = data.get("parent", self.instance.parent if self.instance.pk else None)
        if "parent" in self.fields and (
            problem := top_level_problem(self.user, parent.pk if parent else None)
        ):
            self.add_error("parent", problem)
        if org_type == OrgType.GROUP and parent is not None and parent.org_type != OrgType.BRANCH:
            self.add_error("parent", _("党小组的上级组织须为党支部。"))
        if (
            org_type == OrgType.BRANCH
            and parent is not None
            and parent.org_type not in (OrgType.PARTY_COMMITTEE, OrgType.GENERAL_BRANCH)
        ):
            self.add_error("parent", _("党支部的上级组织须为党委或党总支。"))
        # 届期, elections of a 党小组 and election dates: Organization.record_problems (model).
        return data


class ElectionFilterForm(forms.Form):
    due = forms.ChoiceField(
        label=_("换届状态"),
        required=False,
        choices=[
            ("", _("全部")),
            ("overdue", _("逾期未换届")),
            ("due_soon", _("即将到期")),
            ("ok", _("未到期")),
            ("unknown", _("未记录选举日期")),
        ],
    )
