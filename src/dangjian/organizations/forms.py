"""Member and organisation forms. Each check names the rule it enforces."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dangjian import rules
from dangjian.core import clock, idcard
from dangjian.web.forms import ScopedModelForm

from .models import Member, MemberCategory, Organization, OrgType, top_level_problem

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

    def clean(self):
        data = super().clean()
        today = clock.today()
        birth, joined, full = (
            data.get("birth_date"),
            data.get("joined_on"),
            data.get("full_member_on"),
        )
        number = data.get("id_number") or ""
        if number and idcard.is_valid(number):
            from_id = idcard.birth_date(idcard.normalize(number))
            if birth and from_id and birth != from_id:
                self.add_error(
                    "birth_date",
                    _("出生日期与身份证号中的出生日期（%(d)s）不一致。") % {"d": from_id},
                )
            birth = birth or from_id
        for name in ("birth_date", "joined_on", "full_member_on"):
            if data.get(name) and data[name] > today:
                self.add_error(name, _("日期不能晚于今天。"))
        if birth and joined and rules.age_on(birth, joined) < 18:
            self.add_error("joined_on", _("入党时须年满十八岁（《中国共产党章程》第一条）。"))
        if joined and full and full < joined:
            self.add_error("full_member_on", _("转正日期不能早于入党日期。"))
        category = data.get("category")
        if category == MemberCategory.PROBATIONARY and full:
            self.add_error("full_member_on", _("预备党员尚未转正，不应填写转正日期。"))
        organization = data.get("organization")
        if organization is not None and organization.org_type == OrgType.PARTY_COMMITTEE:
            self.add_error("organization", _("党员应编入党支部或党小组，不能直接编入党委。"))
        return data


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
        today = clock.today()
        org_type = data.get("org_type")
        parent = data.get("parent", self.instance.parent if self.instance.pk else None)
        founded, elected = data.get("founded_on"), data.get("last_election_on")
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
        if org_type == OrgType.GROUP and (elected or data.get("term_years")):
            self.add_error("last_election_on", _("党小组不设委员会，不需要换届。"))
        if elected and elected > today:
            self.add_error("last_election_on", _("选举日期不能晚于今天。"))
        if founded and elected and elected < founded:
            self.add_error("last_election_on", _("本届选举日期不能早于成立日期。"))
        term = data.get("term_years")
        if term is not None and not 1 <= term <= 5:
            self.add_error(
                "term_years", _("届期年数应在 1 至 5 年之间（党委 5 年，党总支、党支部 3 年）。")
            )
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
