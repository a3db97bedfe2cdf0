"""“三重一大” decisions taken by the 党委会."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from dangjian import rules
from dangjian.core.models import LedgerModel, audit_history
from dangjian.organizations.models import Organization


class DecisionCategory(models.TextChoices):
    MAJOR_DECISION = "重大决策", _("重大决策")
    CADRE_APPOINTMENT = "重要干部任免", _("重要干部任免")
    MAJOR_PROJECT = "重大项目安排", _("重大项目安排")
    LARGE_FUNDS = "大额资金使用", _("大额资金使用")


class MajorDecision(LedgerModel):
    code = models.CharField(_("事项编号"), max_length=50, unique=True)
    organization = models.ForeignKey(
        Organization, verbose_name=_("决策组织"), on_delete=models.PROTECT, related_name="decisions"
    )
    meeting_date = models.DateField(_("会议日期"))
    category = models.CharField(_("事项类别"), max_length=20, choices=DecisionCategory.choices)
    topic = models.CharField(_("议题"), max_length=300)
    members_due = models.PositiveSmallIntegerField(_("应到人数"), null=True, blank=True)
    members_present = models.PositiveSmallIntegerField(_("实到人数"), null=True, blank=True)
    result = models.CharField(_("表决结果"), max_length=200, blank=True)
    president_meeting_on = models.DateField(
        _("院长办公会日期"),
        null=True,
        blank=True,
        help_text=_(
            "事项还须提交院长办公会的，填写院长办公会日期；党委会应在此之前（或同日）前置研究"
        ),
    )

    history = audit_history()
    scope_org_field = "organization__path"

    class Meta:
        verbose_name = _("“三重一大”事项")
        verbose_name_plural = _("“三重一大”事项")
        ordering = ["-meeting_date", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.topic}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("decisions:decision_detail", args=[self.pk])

    @property
    def has_quorum(self) -> bool | None:
        """Quorum per the 党委会 议事规则 (dangjian.rules.decisions); None when not recorded."""
        if self.members_due is None or self.members_present is None:
            return None
        return rules.has_quorum(self.category, self.members_due, self.members_present)

    @property
    def violations(self) -> list:
        """Quorum and counts (``rules.check_decision``) and 前置研究 (``rules.check_pre_study``)."""
        found = []
        if self.category:
            found += rules.check_decision(self.category, self.members_due, self.members_present)
        found += rules.check_pre_study(self.meeting_date, self.president_meeting_on)
        return found

    @property
    def pre_study_label(self) -> str:
        if self.president_meeting_on is None:
            return ""
        if rules.check_pre_study(self.meeting_date, self.president_meeting_on):
            return str(_("未前置研究"))
        return str(_("已前置研究"))

    @property
    def problem_marker(self) -> str:
        count = len(self.violations)
        return f"⚠ {count}项" if count else ""

    @property
    def quorum_label(self) -> str:
        quorum = self.has_quorum
        if quorum is None:
            return ""
        return str(_("达到")) if quorum else str(_("未达法定人数"))
