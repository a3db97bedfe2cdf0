"""Per-organisation rule overrides and the record of reminders already e-mailed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangjian.core.models import LedgerModel, audit_history
from dangjian.organizations.models import Organization


class RuleOverride(LedgerModel):
    """One ``dangjian.rules.RuleConfig`` value set differently for an organisation and its subtree.

    ``key`` is a RuleConfig field name, or ``meeting_frequencies.<类型>`` for one meeting type's
    frequency; ``value`` is JSON (an integer, a fraction or amount as a string, a frequency
    ``month``/``quarter``/``year`` or ``null`` for no requirement). Read through
    :func:`dangjian.compliance.overrides.rule_config_for`; every change is in the row history.
    """

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("组织"),
        on_delete=models.CASCADE,
        related_name="rule_overrides",
    )
    key = models.CharField(_("规则参数"), max_length=100)
    value = models.JSONField(_("取值"), null=True, blank=True)
    note = models.CharField(_("依据或说明"), max_length=300, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("修改人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = audit_history()
    scope_org_field = "organization__path"

    class Meta:
        verbose_name = _("规则参数设置")
        verbose_name_plural = _("规则参数设置")
        ordering = ["organization__path", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "key"], name="rule_override_once_per_org"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.key}={self.value!r}"


class ReminderSent(models.Model):
    """A reminder e-mailed once: (kind, subject, occasion, recipient) is never sent again."""

    kind = models.CharField(_("类型"), max_length=30)
    subject_key = models.CharField(_("事项"), max_length=200)
    due = models.DateField(_("提醒日期"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("收件人"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    email = models.EmailField(_("邮箱"))
    sent_at = models.DateTimeField(_("发送时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("已发送提醒")
        verbose_name_plural = _("已发送提醒")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject_key", "due", "recipient"], name="reminder_sent_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject_key} {self.due} → {self.email}"
