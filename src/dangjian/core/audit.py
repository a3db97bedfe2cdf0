"""The audit trail's two halves: row history (django-simple-history, with the client's IP filled
in here) and access events (log-ins, failures, exports, downloads) recorded by ``record_event``."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record


def client_ip(request) -> str | None:
    """The client's address; X-Forwarded-For only counts behind a trusted reverse proxy."""
    from django.conf import settings

    if settings.DANGJIAN_BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip() or None
    return request.META.get("REMOTE_ADDR") or None


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
