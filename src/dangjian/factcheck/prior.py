"""Saving the figures a report of year Y states as that organisation's figures for year Y."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from dangjian.organizations.models import Organization
from dangjian.reports.models import PriorYearFigure

__all__ = ["PriorValue", "save_prior_figures"]


@dataclass(frozen=True)
class PriorValue:
    key: str
    value: Decimal
    unit: str
    source_text: str = ""


def save_prior_figures(
    org: Organization, year: int, values: Iterable[PriorValue], user=None
) -> list[PriorYearFigure]:
    """Create or update one row per key, all or nothing; each change leaves a history row."""
    saved = []
    now = timezone.now()
    with transaction.atomic():
        for item in values:
            row = PriorYearFigure.objects.filter(organization=org, year=year, key=item.key).first()
            if row is None:
                row = PriorYearFigure(organization=org, year=year, key=item.key)
            row.value = Decimal(str(item.value))
            row.unit = item.unit
            row.source_text = item.source_text[:2000]
            row.confirmed_by = user
            row.confirmed_at = now
            if user is not None:
                row._history_user = user  # the history row names who confirmed, CLI or page
            row.save()
            saved.append(row)
    return saved
