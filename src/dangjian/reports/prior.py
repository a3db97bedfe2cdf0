"""The previous year from a confirmed report when the ledger has nothing for it.

``compute_figures(year, org, previous=True)`` computes ``year - 1`` from the ledger. When that
year holds no ledger activity (``FigureSet.has_activity`` is false) the figures saved from the
organisation's own report of that year (:class:`~dangjian.reports.models.PriorYearFigure`,
confirmed on the fact-check page or with ``dangjian factcheck --save-prior``) take their place,
so the narrative can still write “较上年增加3次”. Ledger data always wins: as soon as the year
has ledger rows, saved figures are not read. One query, whatever the number of figures.
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
    """Replace the values of ``previous`` by the saved figures of its year; returns how many."""
    from dangjian.reports.models import PriorYearFigure

    saved = PriorYearFigure.objects.filter(
        organization=previous.org, year=previous.year
    ).values_list("key", "value")
    count = 0
    for key, value in saved:
        figure = previous.figures.get(key)
        if figure is None:
            continue
        value = _value(value, figure.unit)
        previous.figures[key] = replace(figure, value=value, source=NO_RECORDS)
        count += 1
    previous.queries += 1
    if count:
        previous.from_prior = True
    return count
