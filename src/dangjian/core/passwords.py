"""Password policy (等保2.0 level 3): three character classes, no reuse of the last N passwords."""

from __future__ import annotations

import string

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class CharacterClassesValidator:
    """At least ``min_classes`` of: upper-case letters, lower-case letters, digits, symbols."""

    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password: str, user=None) -> None:
        classes = [
            any(c in string.ascii_uppercase for c in password),
            any(c in string.ascii_lowercase for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        ]
        if sum(classes) < self.min_classes:
            raise ValidationError(
                _("密码须包含大写字母、小写字母、数字、符号中的至少%(n)d类。")
                % {"n": self.min_classes},
                code="password_too_simple",
            )

    def get_help_text(self) -> str:
        return _("密码须包含大写字母、小写字母、数字、符号中的至少%(n)d类。") % {
            "n": self.min_classes
        }


class PasswordHistoryValidator:
    """A new password may not equal any of the user's last ``remember`` passwords."""

    def __init__(self, remember: int = 5):
        self.remember = remember

    def validate(self, password: str, user=None) -> None:
        if user is None or user.pk is None:
            return
        from .models import PasswordHistory

        recent = PasswordHistory.objects.filter(user=user).order_by("-created_at")[: self.remember]
        if any(check_password(password, entry.password) for entry in recent):
            raise ValidationError(
                _("不能使用最近%(n)d次用过的密码。") % {"n": self.remember}, code="password_reused"
            )

    def password_changed(self, password: str, user=None) -> None:
        """Called by Django whenever a password is saved: remember its hash."""
        if user is None or user.pk is None:
            return
        from .models import PasswordHistory

        PasswordHistory.objects.create(user=user, password=user.password)
        stale = PasswordHistory.objects.filter(user=user).order_by("-created_at")[self.remember :]
        PasswordHistory.objects.filter(pk__in=list(stale.values_list("pk", flat=True))).delete()

    def get_help_text(self) -> str:
        return _("不能使用最近%(n)d次用过的密码。") % {"n": self.remember}
