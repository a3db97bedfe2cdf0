"""The number of queries to compute every figure does not grow with the data."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangjian.organizations.models import OrgType
from dangjian.reports.figures import compute_figures
from dangjian.reports.narrative import build_report
from dangjian.reports.render import to_docx, to_json
from tests.factories import (
    AttendanceFactory,
    DevelopmentCaseFactory,
    MajorDecisionFactory,
    MemberFactory,
    OrganizationFactory,
    OrgLifeEventFactory,
    RectificationItemFactory,
    ServiceActivityFactory,
)


def build_hospital(code: str, branches: int, members: int = 4):
    committee = OrganizationFactory(
        code=code,
        name=f"{code}医院党委",
        org_type=OrgType.PARTY_COMMITTEE,
        last_election_on=dt.date(2018, 1, 1),
    )
    for b in range(branches):
        branch = OrganizationFactory(
            code=f"{code}-B{b}", parent=committee, last_election_on=dt.date(2025, 3, 1)
        )
        group = OrganizationFactory(code=f"{code}-B{b}-G", parent=branch, org_type=OrgType.GROUP)
        people = [
            MemberFactory(
                organization=branch if i else group,
                party_post="书记" if i == 1 else "",
                is_dual_leader=i == 1,
            )
            for i in range(members)
        ]
        for kind, day in (
            ("党课", dt.date(2025, 3, 1)),
            ("主题党日", dt.date(2025, 6, 1)),
            ("党小组会", dt.date(2025, 9, 1)),
        ):
            event = OrgLifeEventFactory(
                organization=group if kind == "党小组会" else branch,
                event_type=kind,
                date=day,
                lecturer=people[1].name,
            )
            for person in people:
                AttendanceFactory(event=event, member=person)
        DevelopmentCaseFactory(
            organization=branch, applied_on=dt.date(2025, 2, 1), admitted_on=dt.date(2025, 8, 1)
        )
        RectificationItemFactory(organization=branch, deadline=dt.date(2025, 5, 1))
        ServiceActivityFactory(organization=group, date=dt.date(2025, 5, 5))
        MajorDecisionFactory(organization=committee, meeting_date=dt.date(2025, 4, 1))
    return committee


def _queries(org) -> int:
    with CaptureQueriesContext(connection) as captured:
        figures = compute_figures(2025, org, previous=True)
        to_json(build_report(figures))
    return len(captured.captured_queries)


def test_same_query_count_at_two_sizes(db):
    small = build_hospital("S", branches=2)
    large = build_hospital("L", branches=20)
    small_count, large_count = _queries(small), _queries(large)
    assert small_count == large_count
    # At most one query per dataset for this year and one for the previous one (党员: two, the
    # members with a transfer are read apart), one per dataset counted in SQL when the JSON
    # export lists their records, plus the tree, the prior-year fallback, the narrative template
    # the five queries choosing the 典型做法 (reports/highlights.py) and three reading the 查摆问题
    # and 工作要点 of the organisations the report speaks for (reports/narrative.py).
    from dangjian.reports.figures import DATASETS, TALLIED

    assert large_count <= 2 * (len(DATASETS) + 1) + len(TALLIED) + 14
    figures = compute_figures(2025, large)
    assert figures.value("org.branches") == 20
    assert figures.value("members.total") == 80
    assert figures.value("meetings.三会一课") == 40
    assert figures.value("attendance.records") == 240
    assert figures.value("meetings.党课.by_secretary") == 20


def test_queries_are_reported_in_meta(db):
    org = build_hospital("M", branches=3)
    figures = compute_figures(2025, org, previous=True)
    # The JSON export lists every figure's records: those of the datasets counted in SQL are read
    # then, one query each for the whole tree and all its branches — 党员, 组织生活 and 参会记录
    # (this hospital has no 评议考核 rows, whose figures have no record to read); the narrative
    # adds the five queries choosing its 典型做法 and two reading 查摆问题 and 工作要点 (the subtree
    # they are read for is a subquery of each, not a query of its own).
    assert 0 < figures.queries == _queries(org) - 3 - 5 - 2


def test_attendance_records_are_read_once_for_all_branches(db, django_assert_num_queries):
    org = build_hospital("R", branches=4)
    figures = compute_figures(2025, org)
    branches = figures.branch_keys("attendance.rate.by_branch.")
    assert len(branches) == 4
    with django_assert_num_queries(1):
        whole = figures["attendance.rate"].records
        parts = [f.records for f in branches]
    assert len(whole) == figures.value("attendance.records") == 4 * 3 * 4
    # Each branch lists its own rows, in the whole list's order, and together they are the whole.
    assert sorted(r for part in parts for r in part) == sorted(whole)
    for part in parts:
        assert list(part) == [r for r in whole if r in set(part)]
        assert len(part) == figures[branches[parts.index(part)].key].record_count == 12


def test_word_rendering_adds_no_query_per_row(db, django_assert_max_num_queries):
    org = build_hospital("W", branches=5)
    report = build_report(compute_figures(2025, org, previous=True))
    with django_assert_max_num_queries(
        2
    ):  # the template lookup may read the organisation's ancestors
        to_docx(report)


class _Rollback(Exception):
    pass


def test_same_query_count_on_demo_data_at_two_sizes(db):
    """The demo generator's hospital at two sizes (10× the members and branches)."""
    from django.db import transaction

    from dangjian.demo.generator import build_demo
    from dangjian.organizations.models import Organization

    counts = []
    for members, branches in ((30, 3), (300, 30)):
        try:
            with transaction.atomic():
                build_demo(
                    seed=7,
                    members=members,
                    branches=branches,
                    units=1,
                    years=2,
                    as_of=dt.date(2025, 12, 31),
                    progress=False,
                )
                root = Organization.objects.get(parent__isnull=True)
                counts.append((_queries(root), compute_figures(2025, root).value("members.total")))
                raise _Rollback
        except _Rollback:
            pass
    (small, small_members), (large, large_members) = counts
    assert large_members > 5 * small_members  # the data really grew
    assert small == large
