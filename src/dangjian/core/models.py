"""Shared model plumbing: the audited ledger base and the history base that records the IP."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .scoping import ScopedQuerySet


class AuditedHistoryBase(models.Model):
    """Every historical row (one per create/update/delete) also keeps the client's IP address."""

    ip_address = models.GenericIPAddressField(_("IP地址"), null=True, blank=True)

    class Meta:
        abstract = True


def audit_history() -> HistoricalRecords:
    """The one audit mechanism every ledger model shares (django-simple-history)."""
    return HistoricalRecords(bases=[AuditedHistoryBase], inherit=False)


class LedgerModel(models.Model):
    """Base of every ledger row: timestamps, an optimistic-lock version and scoped querysets."""

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True


class PasswordHistory(models.Model):
    """Hashes of a user's recent passwords, so that the policy can refuse reuse."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    password = models.CharField(max_length=128)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("历史密码")
        verbose_name_plural = _("历史密码")

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.created_at:%Y-%m-%d}"


class AccessKind(models.TextChoices):
    LOGIN = "login", _("登录")
    LOGIN_FAILED = "login_failed", _("登录失败")
    LOGOUT = "logout", _("退出")
    EXPORT = "export", _("导出")
    REPORT_DOWNLOAD = "report_download", _("报告下载")
    IMPORT = "import", _("导入")
    RULE_OVERRIDE = "rule_override", _("规则参数修改")


class AccessEvent(models.Model):
    """What the row histories do not show: log-ins, failures, exports and downloads."""

    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("类型"), max_length=20, choices=AccessKind.choices, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    username = models.CharField(_("用户名"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("IP地址"), null=True, blank=True)
    detail = models.CharField(_("内容"), max_length=500, blank=True)

    # A 党委管理员 limited to one organisation reads the events of the users of that subtree: those
    # whose profile names an organisation or a member there (core.scoping.visible_to).
    objects = ScopedQuerySet.as_manager()
    scope_org_field = (
        "user__profile__organization__path",
        "user__profile__member__organization__path",
    )

    class Meta:
        verbose_name = _("访问记录")
        verbose_name_plural = _("访问记录")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.get_kind_display()}"
