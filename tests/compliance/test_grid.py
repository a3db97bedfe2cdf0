"""The compliance grid against a hand count: a 党小组会 counts for its branch, 缺席 with 补学."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangjian.compliance.services import compliance_grid
from dangjian.organizations.models import OrgType
from dangjian.orglife.models import AttendanceStatus, EventType
from tests.factories import (
    AttendanceFactory,
    MemberFactory,
    OrganizationFactory,
    OrgLifeEventFactory,
)

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2026, 1, 15)  # 2025 is over: short periods are missing, not pending


def _row(grids, org, kind):
    grid = next(g for g in grids if g.org.pk == org.pk)
    return next(r for r in grid.rows if r.kind.value == kind)


@pytest.fixture
def ledger(hospital):
    h = hospital
    ev = OrgLifeEventFactory
    # Branch A: 主题党日 in January and twice in March; none in February.
    ev(organization=h.branch_a, event_type=EventType.THEMED_PARTY_DAY, date=dt.date(2025, 1, 8))
    ev(organization=h.branch_a, event_type=EventType.THEMED_PARTY_DAY, date=dt.date(2025, 3, 8))
    ev(organization=h.branch_a, event_type=EventType.THEMED_PARTY_DAY, date=dt.date(2025, 3, 20))
    # A 党小组会 held by group A1 counts for branch A.
    group_meeting = ev(
        organization=h.group_a, event_type=EventType.GROUP_MEETING, date=dt.date(2025, 1, 16)
    )
    AttendanceFactory(
        event=group_meeting,
        member=h.bob_member,
        status=AttendanceStatus.ABSENT,
        makeup_on=dt.date(2025, 1, 20),
    )
    AttendanceFactory(event=group_meeting, member=h.alice_member, status=AttendanceStatus.EXCUSED)
    # 支部党员大会 in Q1 (February) only.
    ev(
        organization=h.branch_a,
        event_type=EventType.BRANCH_GENERAL_MEETING,
        date=dt.date(2025, 2, 12),
    )
    # Branch B: a 主题党日 in 2024 and one in 2026 — neither counts for 2025.
    ev(organization=h.branch_b, event_type=EventType.THEMED_PARTY_DAY, date=dt.date(2024, 12, 31))
    ev(organization=h.branch_b, event_type=EventType.THEMED_PARTY_DAY, date=dt.date(2026, 1, 1))
    return h


def test_grid_matches_hand_count(ledger):
    h = ledger
    grids = compliance_grid([h.committee, h.branch_a, h.branch_b], 2025, as_of=AS_OF)
    themed = _row(grids, h.branch_a, "主题党日")
    assert [c.held for c in themed.cells] == [1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    assert [c.required for c in themed.cells] == [1] * 12
    assert [c.status for c in themed.cells[:3]] == ["held", "missing", "held"]
    assert (themed.required, themed.held, themed.missing) == (12, 3, 10)
    assert themed.quarter(1) == (3, 3) and themed.quarter(2) == (3, 0)
    assert themed.between(dt.date(2025, 2, 1), dt.date(2025, 2, 28)) == (1, 0)

    group = _row(grids, h.branch_a, "党小组会")
    jan = group.cells[0]
    assert (jan.held, jan.required, jan.status) == (1, 1, "held")
    assert (jan.absent, jan.made_up, jan.owed) == (
        2,
        1,
        1,
    )  # bob 缺席 with 补学, alice 请假 without
    assert jan.url.startswith("/orglife/?") and f"organization={h.branch_a.pk}" in jan.url
    assert "month=1" in jan.url and "year=2025" in jan.url
    assert (group.held, group.missing, group.absent, group.made_up) == (1, 11, 2, 1)

    general = _row(grids, h.branch_a, "支部党员大会")
    assert [c.required for c in general.cells] == [
        0
    ] * 12  # quarterly: nothing due in a single month
    assert [p.status.value for p in general.periods] == ["held", "missing", "missing", "missing"]
    assert [c.status for c in general.cells[:4]] == ["held", "held", "held", "missing"]
    assert (general.required, general.held, general.missing) == (4, 1, 3)
    assert general.quarter(1) == (1, 1)
    assert general.between(dt.date(2025, 1, 1), dt.date(2025, 1, 31)) == (0, 0)  # no whole quarter

    # Branch B has no 党小组: no 党小组会 row; its 2024 and 2026 events do not count.
    b_kinds = [r.kind.value for r in next(g for g in grids if g.org.pk == h.branch_b.pk).rows]
    assert "党小组会" not in b_kinds
    assert _row(grids, h.branch_b, "主题党日").held == 0
    # The 党委 row carries the 中心组 requirement (12 a year by default).
    assert _row(grids, h.committee, "理论学习中心组学习").required == 12


def test_pending_before_the_period_ends(ledger):
    grids = compliance_grid([ledger.branch_a], 2025, as_of=dt.date(2025, 3, 10))
    themed = _row(grids, ledger.branch_a, "主题党日")
    assert [c.status for c in themed.cells[:4]] == ["held", "missing", "held", "pending"]
    assert themed.missing == 1


def test_grid_queries_do_not_grow(hospital):
    def count(orgs):
        with CaptureQueriesContext(connection) as ctx:
            compliance_grid(orgs, 2025, as_of=AS_OF)
        return len(ctx.captured_queries)

    small = count([hospital.branch_a, hospital.branch_b])
    for _i in range(6):
        branch = OrganizationFactory(parent=hospital.committee)
        group = OrganizationFactory(parent=branch, org_type=OrgType.GROUP)
        member = MemberFactory(organization=group)
        for month in range(1, 13):
            event = OrgLifeEventFactory(
                organization=group,
                event_type=EventType.GROUP_MEETING,
                date=dt.date(2025, month, 10),
            )
            AttendanceFactory(event=event, member=member, status=AttendanceStatus.ABSENT)
    from dangjian.organizations.models import Organization

    large = count(list(Organization.objects.exclude(org_type=OrgType.GROUP)))
    assert large == small
