"""The report's selectors: problems_for / open_problems_for / plans_for return exactly the rows of
the organisations and year asked for, in the order a report lists them."""

import datetime as dt

from dangjian.problems.services import open_problems_for, problems_for
from dangjian.rectification.models import RectificationStatus
from dangjian.workplans.services import plans_for
from tests.factories import RectificationItemFactory

from .conftest import plan, problem


def test_problems_by_area_then_source(hospital):
    committee, a, b = hospital.committee, hospital.branch_a, hospital.branch_b
    problem(a, code="P1", area="integration", source="org_life")
    problem(committee, code="P2", area="conduct", source="self_check")
    problem(committee, code="P3", area="conduct", source="democratic_life")
    problem(a, code="P4", area="political", source="inspection")
    problem(committee, code="P5", area="political", source="inspection")
    problem(a, code="P6", area="political", source="democratic_life", year=2024)  # other year
    problem(b, code="P7", area="political", source="democratic_life")  # not asked for
    found = problems_for([committee.pk, a.pk], 2025)
    assert [p.code for p in found] == ["P5", "P4", "P3", "P2", "P1"]


def test_open_problems_are_those_whose_rectification_is_not_done(
    hospital, django_assert_num_queries
):
    org = hospital.committee
    done = RectificationItemFactory(
        organization=org, status=RectificationStatus.DONE, completed_on=dt.date(2026, 3, 1)
    )
    going = RectificationItemFactory(organization=org)
    problem(org, code="P1", rectification=done)
    problem(org, code="P2", rectification=going)
    problem(org, code="P3")
    with django_assert_num_queries(1):
        found = problems_for([org.pk], 2025)
        assert [(p.code, p.is_settled) for p in found] == [
            ("P1", True),
            ("P2", False),
            ("P3", False),
        ]
    assert [p.code for p in open_problems_for([org.pk], 2025)] == ["P2", "P3"]


def test_plans_by_area_then_deadline(hospital):
    org = hospital.committee
    plan(org, code="Y1", area="integration", deadline=dt.date(2026, 3, 1))
    plan(org, code="Y2", area="organizational", deadline=None)
    plan(org, code="Y3", area="organizational", deadline=dt.date(2026, 12, 31))
    plan(org, code="Y4", area="organizational", deadline=dt.date(2026, 6, 30))
    plan(org, code="Y5", area="political", deadline=None)
    plan(org, code="Y6", area="political", year=2027, deadline=None)
    plan(hospital.branch_a, code="Y7", area="political")
    assert [p.code for p in plans_for([org.pk], 2026)] == ["Y5", "Y4", "Y3", "Y2", "Y1"]
    assert [p.code for p in plans_for([org.pk, hospital.branch_a.pk], 2027)] == ["Y6"]
    assert plans_for([], 2026) == []
