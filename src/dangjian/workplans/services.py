"""Reading the 工作要点 ledger for the annual report (a selector: no writes, no scoping).

The report has already decided which organisations it covers and passes their pks.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from dangjian.problems.services import AREA_ORDER, org_id_filter

from .models import WorkPlanItem


def plans_for(org_ids: Iterable[int] | QuerySet, year: int) -> list[WorkPlanItem]:
    """The 工作要点 of ``year`` recorded for the organisations ``org_ids`` (exactly those pks).

    Ordered as a report lists them: by area in the order of ``problems.models.WorkArea`` (政治建设
    first, 党建与业务融合 last), then by the organisation's place in the tree, then by 完成时限
    (undated last) and the 要点编号. Each row has its ``organization`` loaded.

    For the 下一步工作打算 of the report on year Y, ask for ``year=Y + 1``.
    """
    rows = list(
        WorkPlanItem.objects.filter(
            organization_id__in=org_id_filter(org_ids), year=year
        ).select_related("organization")
    )
    rows.sort(
        key=lambda item: (
            AREA_ORDER.get(item.area, len(AREA_ORDER)),
            item.organization.path,
            item.deadline is None,
            item.deadline or 0,
            item.code,
        )
    )
    return rows
