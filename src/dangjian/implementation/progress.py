"""Progress of the 贯彻落实 ledger, computed in one place.

* a measure's progress: 100 when it is 已完成, otherwise the progress (%) of its latest check-in
  (by date, then entry order), 0 without one;
* an instruction's progress: the mean of its measures' progress, one decimal; ``None`` when it has
  no measure yet; with the count of measures done and overdue.

:func:`measure_progress_rows` reads every measure of the given instructions in ONE query (the
latest check-in as a subquery), so a page's queries do not grow with the number of rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import OuterRef, Subquery

from dangjian.core import clock
from dangjian.rectification.overdue import is_overdue

from .models import CheckIn, Measure, MeasureStatus


def measure_progress(*, done: bool, latest: int | None) -> int:
    """A measure's progress in %: 100 when done, else its latest check-in's, else 0."""
    if done:
        return 100
    return min(latest or 0, 100)


@dataclass(frozen=True)
class Rollup:
    measures: int
    done: int
    overdue: int
    progress: Decimal | None  # mean of the measures' progress, one decimal

    @property
    def label(self) -> str:
        return "—" if self.progress is None else f"{self.progress}%"


EMPTY = Rollup(0, 0, 0, None)


def rollup(progresses: Iterable[tuple[int, bool, bool]]) -> Rollup:
    """Roll up ``(progress, done, overdue)`` of an instruction's measures."""
    items = list(progresses)
    if not items:
        return EMPTY
    mean = Decimal(sum(p for p, _, _ in items)) / len(items)
    return Rollup(
        measures=len(items),
        done=sum(1 for _, d, _ in items if d),
        overdue=sum(1 for _, _, o in items if o),
        progress=mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP),
    )


def latest_checkin_progress():
    """The latest check-in's progress of the outer measure, as a subquery."""
    return Subquery(
        CheckIn.objects.filter(measure=OuterRef("pk"))
        .order_by("-date", "-pk")
        .values("progress")[:1]
    )


def with_progress(queryset):
    """Measures annotated with ``latest_progress`` (one query for the whole list)."""
    return queryset.annotate(latest_progress=latest_checkin_progress())


def rollups(instruction_ids: Iterable[int], *, on: dt.date | None = None) -> dict[int, Rollup]:
    """Progress of each instruction in ``instruction_ids``: ONE query, whatever their number."""
    on = on or clock.today()
    grouped: dict[int, list[tuple[int, bool, bool]]] = {}
    ids = list(instruction_ids)
    if not ids:
        return {}
    rows = with_progress(Measure.objects.filter(instruction_id__in=ids)).values_list(
        "instruction_id", "status", "deadline", "latest_progress"
    )
    for instruction_id, status, deadline, latest in rows:
        done = status == MeasureStatus.DONE
        grouped.setdefault(instruction_id, []).append(
            (
                measure_progress(done=done, latest=latest),
                done,
                is_overdue(deadline=deadline, done=done, on=on),
            )
        )
    return {pk: rollup(grouped.get(pk, ())) for pk in ids}
