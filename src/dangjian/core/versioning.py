"""Optimistic concurrency for ledger rows: an edit is saved only over the version it started from.

The version token is the row's ``updated_at`` (every LedgerModel has it and ``auto_now`` moves it
on each save), so no extra column is needed. Forms carry it in a hidden field, the API as an
``ETag`` that clients send back in ``If-Match``. The comparison is repeated under a row lock in
the same transaction as the write, so two saves that both passed validation cannot both land.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _


class StaleRecord(Exception):
    """The row changed since the editor loaded it; ``message`` says by whom and when."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def is_versioned(instance) -> bool:
    return instance.pk is not None and hasattr(instance, "updated_at")


def version_token(instance) -> str:
    return _token(instance.updated_at)


def _token(value) -> str:
    return value.isoformat() if value is not None else ""


def current_token(instance, *, lock: bool = False) -> str | None:
    """The stored row's token (None when the row has been deleted meanwhile)."""
    queryset = type(instance)._default_manager.filter(pk=instance.pk)
    if lock:
        queryset = queryset.select_for_update()
    stored = queryset.values_list("updated_at", flat=True).first()
    return None if stored is None else _token(stored)


def stale_message(instance) -> str:
    """Names the last writer from the audit history, so the user knows whom to ask."""
    latest = None
    history = getattr(type(instance), "history", None)
    if history is not None:
        latest = (
            history.filter(id=instance.pk)
            .select_related("history_user")
            .order_by("-history_date")
            .first()
        )
    if latest is None:
        return _("保存失败：这条记录已被删除。")
    who = latest.history_user.get_username() if latest.history_user else _("其他用户")
    when = timezone.localtime(latest.history_date).strftime("%Y-%m-%d %H:%M:%S")
    return _(
        "保存失败：在您编辑期间，这条记录已被“%(who)s”于%(when)s修改。为避免覆盖他人的修改，"
        "本次内容未保存；请刷新页面查看最新内容后重新编辑。"
    ) % {"who": who, "when": when}


def check_version(instance, submitted: str | None, *, lock: bool = False) -> None:
    """Raise StaleRecord when ``submitted`` (a token, or empty for "not given") is out of date."""
    if not submitted or not is_versioned(instance):
        return
    if current_token(instance, lock=lock) != submitted:
        raise StaleRecord(stale_message(instance))


def save_if_current(instance, submitted: str | None, save) -> object:
    """Run ``save()`` in one transaction after re-checking the version under a row lock."""
    with transaction.atomic():
        check_version(instance, submitted, lock=True)
        return save()
