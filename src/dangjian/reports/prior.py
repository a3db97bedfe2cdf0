"""The previous year from a confirmed report where the ledger has nothing for it.

``compute_figures(year, org, previous=True)`` computes ``year - 1`` from the ledger. For each
dataset (组织生活, 发展党员, …) that holds no rows in that year, the figures saved from the
organisation's own report of that year (:class:`~dangjian.reports.models.PriorYearFigure`,
confirmed on the fact-check page or with ``dangjian factcheck --save-prior``) take their place,
so the narrative can still write “较上年增加3次”. Ledger data always wins, dataset by dataset:
as soon as a dataset has rows in the year, saved figures of that dataset are not used. One
query, whatever the number of figures.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from dangjian.reports.figures import NO_RECORDS, FigureSet


def _value(value: Decimal, unit: str) -> int | Decimal:
    if unit == "%":
        return value.quantize(Decimal("0.1"))
    return int(value) if value == value.to_integral_value() else value.normalize()


def overlay_prior_figures(previous: FigureSet) -> int:
    """Replace the values of ``previous`` by the saved figures of its year where the figure's
    dataset has no rows that year; returns how many were replaced."""
    from dangjian.reports.models import PriorYearFigure

    saved = PriorYearFigure.objects.filter(
        organization=previous.org, year=previous.year
    ).values_list("key", "value")
    count = 0
    for key, value in saved:
        figure = previous.figures.get(key)
        if figure is None or previous.records_in(figure.dataset):
            continue
        previous.figures[key] = replace(figure, value=_value(value, figure.unit), source=NO_RECORDS)
        previous.confirmed.add(key)
        count += 1
    previous.queries += 1
    if count:
        previous.from_prior = True
    return count
