"""State changes of rectification items, each one audited save."""

import datetime as dt

from django.db import transaction

from .models import RectificationItem, RectificationStatus


def item_close(*, item: RectificationItem, completed_on: dt.date, measures: str = "") -> RectificationItem:
    """销号: mark an item done on ``completed_on`` (appending what was done to the measures)."""
    with transaction.atomic():
        item.status = RectificationStatus.DONE
        item.completed_on = completed_on
        if measures.strip():
            item.measures = f"{item.measures}\n{measures.strip()}".strip()
        item.save()
    return item


def item_reopen(*, item: RectificationItem) -> RectificationItem:
    with transaction.atomic():
        item.status = RectificationStatus.IN_PROGRESS
        item.completed_on = None
        item.save()
    return item
