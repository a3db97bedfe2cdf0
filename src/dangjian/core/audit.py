"""The audit trail's two halves: row history (django-simple-history, with the client's IP filled
in here) and access events (log-ins, failures, exports, downloads) recorded by ``record_event``."""

import ipaddress

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record


def client_ip(request) -> str | None:
    """The client's address: the one function for the audit log and for django-axes' lock-out
    (``AXES_CLIENT_IP_CALLABLE``).

    Behind ``DANGJIAN_TRUSTED_PROXIES`` = N reverse proxies, each of which appends the address it
    received the request from to X-Forwarded-For (nginx's ``$proxy_add_x_forwarded_for``), the
    client is the N-th address from the right of X-Forwarded-For + REMOTE_ADDR: the entries left
    of it were written by the client itself and are not trusted. With no trusted proxy,
    X-Forwarded-For is ignored.
    """
    from django.conf import settings

    remote = _address(request.META.get("REMOTE_ADDR", ""))
    proxies = settings.DANGJIAN_TRUSTED_PROXIES
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    chain = [*(part for part in forwarded if part), request.META.get("REMOTE_ADDR", "")]
    if len(chain) <= proxies:  # reached the application past (some of) its proxies
        return _address(chain[0]) or remote
    return _address(chain[-(proxies + 1)]) or remote


def _address(value: str) -> str | None:
    """A valid IPv4/IPv6 address (a port or brackets that some proxies add are dropped)."""
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [2001:db8::1]:443
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # 10.0.0.1:5678
        value = value.split(":")[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


@receiver(pre_create_historical_record)
def _record_ip(sender, history_instance, **kwargs) -> None:
    request = getattr(HistoricalRecords.context, "request", None)
    if request is not None and hasattr(history_instance, "ip_address"):
        history_instance.ip_address = client_ip(request)


def record_event(request, kind: str, detail: str = "", *, username: str = "") -> None:
    """Record an access event; views that export or download call this once per file served."""
    from .models import AccessEvent

    user = getattr(request, "user", None) if request is not None else None
    authenticated = user is not None and user.is_authenticated
    AccessEvent.objects.create(
        kind=kind,
        user=user if authenticated else None,
        username=username or (user.get_username() if authenticated else ""),
        ip_address=client_ip(request) if request is not None else None,
        detail=detail[:500],
    )


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs) -> None:
    from .models import AccessKind

    record_event(request, AccessKind.LOGIN, username=user.get_username())


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs) -> None:
    from .models import AccessKind

    if user is not None:
        record_event(request, AccessKind.LOGOUT, username=user.get_username())


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    from .models import AccessKind

    record_event(
        request, AccessKind.LOGIN_FAILED, username=str(credentials.get("username", ""))[:150]
    )
