"""Shared model plumbing: the audited ledger base and the history base that records the IP."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, ValidationError
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


def plausible_date_problem(model: type[models.Model], field_name: str, value) -> str | None:
    """The plausible-date rule (``rules.records``) for one date field of a model: the field's
    kind comes from the model's ``date_kinds`` (``LEDGER`` when not named there)."""
    from dangjian.rules.records import DateKind, date_problem

    from . import clock

    kind = getattr(model, "date_kinds", {}).get(field_name, DateKind.LEDGER)
    return date_problem(kind, value, clock.today())


def is_date_field(field: models.Field) -> bool:
    return isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField)


def related_or_none(instance: models.Model, name: str):
    """A foreign key's object, or None when it is not set (for checks on unsaved rows)."""
    try:
        return getattr(instance, name)
    except ObjectDoesNotExist:
        return None


class LedgerModel(models.Model):
    """Base of every ledger row: timestamps, an optimistic-lock version and scoped querysets.

    Validation lives here once for the page, the API and the workbook importer: ``full_clean``
    normalises typed values (``normalise``), checks every date field against the plausible-date
    rule (``date_kinds`` says what each date means) and adds the model's checks between fields
    (``record_problems``, which call ``dangjian.rules.records``). Forms get this through
    ``ModelForm``, API serializers through ``core.api.LedgerSerializer``, the importer calls
    ``plausible_date_problem`` per cell and ``record_problems`` per row.
    """

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ScopedQuerySet.as_manager()

    #: What each date field means for the plausible-date rule; unnamed date fields are LEDGER.
    date_kinds: ClassVar[dict] = {}

    class Meta:
        abstract = True

    def normalise(self) -> None:
        """Bring typed values to their stored form before they are validated (none by default)."""

    def record_problems(self) -> list:
        """The checks between fields (``rules.records`` Violations); none by default."""
        return []

    def clean_fields(self, exclude=None) -> None:
        self.normalise()
        errors: dict = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        skip = set(exclude or ()) | set(errors)
        for field in self._meta.concrete_fields:
            if is_date_field(field) and field.name not in skip:
                problem = plausible_date_problem(
                    type(self), field.name, getattr(self, field.attname)
                )
                if problem:
                    errors.setdefault(field.name, []).append(problem)
        if errors:
            raise ValidationError(errors)

    def full_clean(self, exclude=None, validate_unique=True, validate_constraints=True) -> None:
        errors: dict = {}
        try:
            super().full_clean(
                exclude=exclude,
                validate_unique=validate_unique,
                validate_constraints=validate_constraints,
            )
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        for violation in self.record_problems():
            messages = errors.setdefault(violation.field or NON_FIELD_ERRORS, [])
            if violation.message not in messages:
                messages.append(violation.message)
        if errors:
            raise ValidationError(errors)


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
    ACCOUNT_UNLOCK = "account_unlock", _("解除锁定")
    TOKEN_REVOKE = "token_revoke", _("撤销 API 令牌")
    IMPORT_FAILED = "import_failed", _("导入失败")


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
