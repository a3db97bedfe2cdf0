"""On the demo hospital, the figures counted in SQL (党员, 组织生活, 参会记录, 评议考核) list
exactly the rows they count: their records are read by another query than their tallies, so the
two must agree for every figure."""

import pytest

from dangjian.organizations.models import Member, Organization
from dangjian.orglife.models import Attendance, OrgLifeEvent
from dangjian.reports.figures import DeferredRecords, compute_figures

from .conftest import AS_OF

pytestmark = pytest.mark.django_db
YEAR = AS_OF.year - 1  # a whole year of the demo's organisational life


@pytest.fixture
def figures(demo_hospital, db):
    return compute_figures(YEAR, Organization.objects.get(parent=None))


def test_every_figure_lists_as_many_records_as_it_counts(figures):
    deferred = [f for f in figures if isinstance(f.source, DeferredRecords)]
    assert {f.model for f in deferred} >= {Member, OrgLifeEvent, Attendance}
    for figure in figures:
        assert figure.record_count == len(figure.records) == len(figure.pks), figure.key
        assert len(set(figure.pks)) == len(figure.pks), figure.key
        if isinstance(figure.source, DeferredRecords) and figure.unit != "%":
            assert figure.value == figure.record_count, figure.key


def test_branch_records_make_up_the_whole(figures):
    whole = figures["members.total"]
    assert whole.value == Member.objects.exclude(joined_on__year__gt=YEAR).count()
    parts = [f.records for f in figures.branch_keys("members.by_branch.")]
    assert sorted(r for part in parts for r in part) == sorted(whole.records)
    events = figures["meetings.三会一课"]
    by_branch = [f.pks for f in figures.branch_keys("meetings.三会一课.by_branch.")]
    in_branches = [pk for part in by_branch for pk in part]
    assert len(set(in_branches)) == len(in_branches) and set(in_branches) <= set(events.pks)
    # The rest were held by organisations above the branches (a 党总支's 委员会会议).
    rest = OrgLifeEvent.objects.filter(pk__in=set(events.pks) - set(in_branches))
    assert all(e.organization.org_type in ("党委", "党总支") for e in rest)


def test_records_are_the_rows_of_the_figure(figures):
    probationary = figures["members.probationary"]
    rows = Member.objects.filter(pk__in=probationary.pks)
    assert probationary.value > 0
    assert {m.member_no for m in rows} == set(probationary.records)
    assert all(
        m.category == "probationary" or (m.full_member_on and m.full_member_on.year > YEAR)
        for m in rows
    )
    lectures = figures["meetings.党课"]
    assert set(
        OrgLifeEvent.objects.filter(pk__in=lectures.pks).values_list("event_type", flat=True)
    ) == {"党课"}
    assert [
        e.date for e in OrgLifeEvent.objects.filter(pk__in=lectures.pks).order_by("date", "code")
    ] == [
        e.date
        for e in sorted(
            OrgLifeEvent.objects.filter(pk__in=lectures.pks), key=lambda e: lectures.pks.index(e.pk)
        )
    ]
