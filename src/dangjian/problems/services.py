"""Reading the 查摆问题 ledger for the annual report (selectors: no writes, no scoping).

The report has already decided which organisations it covers (a hospital 党委 and its subtree, one
党支部, a 卫健局's hospitals …) and passes their pks; these functions do not widen or narrow that.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from .models import Problem, ProblemSource, WorkArea

AREA_ORDER = {value: index for index, value in enumerate(WorkArea.values)}
SOURCE_ORDER = {value: index for index, value in enumerate(ProblemSource.values)}


def problems_for(org_ids: Iterable[int] | QuerySet, year: int) -> list[Problem]:
    """The 查摆问题 of ``year`` recorded for the organisations ``org_ids`` (exactly those pks).

    Ordered as a report lists them: by area in the order of ``WorkArea`` (政治建设 first, 党建与业务
    融合 last), then by source in the order of ``ProblemSource`` (民主生活会 first), then by the
    organisation's place in the tree and the 查摆编号. Each row has its ``organization`` and
    ``rectification`` loaded; ``is_settled`` tells whether the linked 整改事项 is done,
    ``measures`` is the 整改措施 (may be empty).
    """
    rows = list(
        Problem.objects.filter(
            organization_id__in=org_id_filter(org_ids), year=year
        ).select_related("organization", "rectification")
    )
    rows.sort(key=_report_order)
    return rows


def open_problems_for(org_ids: Iterable[int] | QuerySet, year: int) -> list[Problem]:
    """The problems of ``problems_for`` not yet settled (no 整改事项 linked, or one not done), in the
    same order: those whose 整改措施 the report carries into 下一步工作打算."""
    return [problem for problem in problems_for(org_ids, year) if not problem.is_settled]


def _report_order(problem: Problem) -> tuple:
    return (
        AREA_ORDER.get(problem.area, len(AREA_ORDER)),
        SOURCE_ORDER.get(problem.source, len(SOURCE_ORDER)),
        problem.organization.path,
        problem.code,
    )


def org_id_filter(org_ids: Iterable[int] | QuerySet) -> list[int] | QuerySet:
    # A queryset (e.g. a subtree's ``values("pk")``) stays a subquery; anything else becomes a list.
    return org_ids if isinstance(org_ids, QuerySet) else list(org_ids)
