"""Helpers for the tests on the demo's annual reports (hospital, one branch, a 3-unit bureau).

The demo is built once per test module (seconds, not per test) at 2026-11-30, so that 2025 is
a whole year of organisational life and 2024 only has what the demo dates before it (发展党员,
换届, 党员): the situation of a hospital in its second year on the platform.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.management import call_command

AS_OF = dt.date(2026, 11, 30)
YEAR = 2025
ISSUED = dt.date(2026, 1, 20)

#: A number the text states: digits not part of a date (2025年, 12月, 31日).
NUMBER = re.compile(r"\d+(?:\.\d+)?(?![\d.]*[年月日])")


@contextmanager
def demo_database(django_db_blocker, **options) -> Iterator[object]:
    """Build the demo in a transaction rolled back at the end."""
    from django.db import transaction
    from django.test import override_settings

    from dangjian.demo.generator import build_demo

    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_demo(as_of=AS_OF, progress=False, **options)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def narrative_text(report) -> str:
    """The narrative as one text (lead, headings, paragraphs), figures resolved."""
    lines = [report.title, *(report.text(p) for p in report.lead)]

    def walk(sections):
        for section in sections:
            lines.append(section["heading"])
            lines.extend(section["paragraphs"])
            walk(section["sections"])

    walk(report.outline(report.text))
    return "\n".join(lines)


def number_density(text: str) -> float:
    """Numbers stated per 1,000 characters of narrative (whitespace not counted)."""
    chars = len(re.sub(r"\s", "", text))
    return len(NUMBER.findall(text)) * 1000 / chars


def factcheck_docx(path: Path, year: int, org_code: str) -> dict:
    """``dangjian factcheck FILE --year --org --format json``, in-process."""
    out = io.StringIO()
    call_command(
        "factcheck",
        str(path),
        "--year",
        str(year),
        "--org",
        org_code,
        "--format",
        "json",
        stdout=out,
        stderr=io.StringIO(),
    )
    return json.loads(out.getvalue())


def unmatched_levels(result: dict) -> list[dict]:
    """What factcheck could not match, other than changes on the previous year (“较上年增加3次”:
    a change is not a level) and targets in 下一步工作打算 (“不少于4次”: a plan for the coming
    year, not a figure of this one) — factcheck does not compare either, by design."""
    return [
        i for i in result["unmatched"] if not i.get("reason", "").startswith(("变化量", "计划目标"))
    ]


def recorded_texts(orgs) -> list[str]:
    """The 查摆问题 (text, 整改措施) and 工作要点 recorded for ``orgs``, as the report quotes them."""
    from dangjian.problems.models import Problem
    from dangjian.workplans.models import WorkPlanItem

    texts = []
    for row in Problem.objects.filter(organization__in=orgs):
        texts += [row.text, row.measures]
    texts += [row.text for row in WorkPlanItem.objects.filter(organization__in=orgs)]
    return [t.strip().rstrip("。") for t in texts if t.strip()]


def without_recorded(text: str, orgs) -> str:
    """``text`` without the recorded words of ``orgs``: what the template itself says."""
    for recorded in sorted(recorded_texts(orgs), key=len, reverse=True):
        text = text.replace(recorded, "")
    return text
