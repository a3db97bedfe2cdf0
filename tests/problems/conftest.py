"""The clock stands at 1 June 2026 for these tests: 年度 may run from 2000 to 2027."""

import datetime as dt

import pytest

from dangjian.core import clock

TODAY = dt.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def _today():
    with clock.frozen(TODAY):
        yield


def problem(org, code="CB1", **fields):
    from dangjian.problems.models import Problem

    values = {
        "year": 2025,
        "source": "democratic_life",
        "area": "political",
        "text": "理论学习系统性不够，学用结合不紧。",
        "measures": "落实第一议题制度。",
    } | fields
    return Problem.objects.create(code=code, organization=org, **values)


def plan(org, code="YD1", **fields):
    from dangjian.workplans.models import WorkPlanItem

    values = {
        "year": 2026,
        "area": "organizational",
        "text": "按期做好党支部换届选举工作。",
        "owner": "党委办公室",
        "deadline": dt.date(2026, 9, 30),
    } | fields
    return WorkPlanItem.objects.create(code=code, organization=org, **values)
