from django.utils.translation import gettext_lazy as _

from dangjian import rules
from dangjian.core import clock
from dangjian.organizations.models import OrgType
from dangjian.web.forms import ScopedModelForm

from .models import MajorDecision


class MajorDecisionForm(ScopedModelForm):
    class Meta:
        model = MajorDecision
        fields = [
            "code",
            "organization",
            "meeting_date",
            "category",
            "topic",
            "members_due",
            "members_present",
            "result",
            "president_meeting_on",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].required = False
        self.fields["code"].help_text = _("留空则自动生成")
        self.fields["organization"].queryset = self.fields["organization"].queryset.filter(
            org_type=OrgType.PARTY_COMMITTEE
        )
        self.fields["members_due"].help_text = _("党委委员应到人数")
        self.warnings: list[str] = []

    def clean(self):
        data = super().clean()
        if data.get("meeting_date") and data["meeting_date"] > clock.today():
            self.add_error("meeting_date", _("会议日期不能晚于今天（先开会集体决策，再登记）。"))
        due, present, category = (
            data.get("members_due"),
            data.get("members_present"),
            data.get("category"),
        )
        if due is not None and present is not None and category:
            for violation in rules.check_decision(category, due, present):
                if violation.code == "decision.present_exceeds_due":
                    self.add_error("members_present", f"{violation.message}（{violation.rule}）")
                else:
                    # Recorded as it happened, and flagged: the ledger must show the breach.
                    self.warnings.append(f"{violation.message}（{violation.rule}）")
        for violation in rules.check_pre_study(
            data.get("meeting_date"), data.get("president_meeting_on")
        ):
            # 院长办公会 before the 党委会: recorded as it happened, flagged with the rule.
            self.warnings.append(f"{violation.message}（{violation.rule}）")
        return data

    def save(self, commit=True):
        decision = super().save(commit=False)
        if not decision.code:
            year = decision.meeting_date.year
            prefix = f"SZYD{year}-"
            taken = set(
                MajorDecision.objects.filter(code__startswith=prefix).values_list("code", flat=True)
            )
            n = len(taken) + 1
            while f"{prefix}{n:03d}" in taken:
                n += 1
            decision.code = f"{prefix}{n:03d}"
        if commit:
            decision.save()
        return decision
