"""The API's authentication: sessions and tokens, with two rules on top of DRF's.

- A user who must change the password (initial or reset by an administrator) is refused
  everything (403, a Chinese message) until the password is changed on the password page: the
  web pages redirect there (core.middleware), the API has no such page, so it refuses.
- A token expires ``DANGJIAN_TOKEN_DAYS`` after it was issued, and every token of a user is
  deleted when the password changes (whatever changes it: the password page, the admin,
  ``changepassword``) and on 退出所有设备 (core.account_views).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from drf_spectacular.authentication import SessionScheme
from rest_framework import authentication, exceptions
from rest_framework.authtoken.models import Token

from . import clock

FORCED_CHANGE_MESSAGE = _(
    "必须先修改初始密码才能使用 API：请登录网页，在“修改密码”页面（/accounts/password_change/）修改密码。"
)


class PasswordChangeRequired(exceptions.PermissionDenied):
    default_detail = FORCED_CHANGE_MESSAGE
    default_code = "password_change_required"


def refuse_until_password_changed(user) -> None:
    profile = getattr(user, "profile", None)
    if profile is not None and profile.must_change_password:
        raise PasswordChangeRequired()


def token_expires(token: Token) -> dt.datetime:
    return token.created + dt.timedelta(days=settings.DANGJIAN_TOKEN_DAYS)


def revoke_tokens(user) -> int:
    """Delete every API token of the user; returns how many."""
    deleted, _ = Token.objects.filter(user=user).delete()
    return deleted


class SessionAuthentication(authentication.SessionAuthentication):
    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None:
            refuse_until_password_changed(result[0])
        return result


class ExpiringTokenAuthentication(authentication.TokenAuthentication):
    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token_expires(token) <= clock.now():
            raise exceptions.AuthenticationFailed(
                _(
                    "API 令牌已于 %(date)s 过期，请在“API 令牌”页面（/accounts/tokens/）生成新的令牌。"
                )
                % {"date": token_expires(token).strftime("%Y-%m-%d")}
            )
        refuse_until_password_changed(user)
        return user, token


class DangjianSessionScheme(SessionScheme):
    """The OpenAPI description of the session scheme, for the subclass above."""

    target_class = "dangjian.core.api_auth.SessionAuthentication"


@receiver(pre_save, sender=get_user_model())
def _revoke_tokens_on_password_change(sender, instance, update_fields=None, **kwargs) -> None:
    if instance.pk is None or (update_fields is not None and "password" not in update_fields):
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    if stored is not None and stored != instance.password:
        revoke_tokens(instance)
