"""Start-up checks of the deployment: no production server with the published secret key."""

from __future__ import annotations

import os
import secrets

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

SECRET_KEY_MESSAGE = (
    "DANGJIAN_SECRET_KEY 未设置：正在使用公开的开发用密钥，任何人都能伪造会话和 CSRF 令牌。"
    "生产环境请设置 DANGJIAN_SECRET_KEY（例如 python3 -c 'import secrets; "
    "print(secrets.token_urlsafe(50))'）。"
)


def uses_published_key() -> bool:
    return not settings.DEBUG and settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY


@register(Tags.security, deploy=True)
def secret_key_is_set(app_configs, **kwargs):
    if uses_published_key():
        return [Error(SECRET_KEY_MESSAGE, id="dangjian.E001")]
    return []


def refuse_published_key() -> None:
    """Called by the WSGI application: a production server never starts with the published key."""
    if uses_published_key():
        raise ImproperlyConfigured(SECRET_KEY_MESSAGE)


def ensure_own_secret_key() -> bool:
    """For `dangjian serve` out of the box: with DEBUG off and no DANGJIAN_SECRET_KEY, generate a
    random key once, keep it in DANGJIAN_SECRET_KEY_FILE (readable by the owner only) and use it.
    Returns whether a key was generated."""
    if not uses_published_key():
        return False
    path = settings.DANGJIAN_SECRET_KEY_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(key + "\n")
    settings.SECRET_KEY = key
    return True
