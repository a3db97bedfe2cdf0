"""A 卫健局 党委 over several hospital 党委 gets the same report summed over its subtree."""

import datetime as dt

from dangjian.organizations.models import OrgType
from dangjian.reports.figures import compute_figures
from tests.factories import MemberFactory, OrganizationFactory, OrgLifeEventFactory, ServiceActivityFactory


def test_bureau_sums_its_hospitals(db):
    bureau = OrganizationFactory(code="WJJ", name="县卫健局党委", org_type=OrgType.PARTY_COMMITTEE)
    totals = {"branches": 0, "members": 0, "days": 0, "served": 0}
    for n, (branches, members, days, served) in enumerate([(2, 3, 4, 100), (3, 2, 1, 40)]):
        hospital = OrganizationFactory(code=f"H{n}", org_type=OrgType.PARTY_COMMITTEE, parent=bureau)
        for b in range(branches):
            branch = OrganizationFactory(code=f"H{n}B{b}", parent=hospital)
            for _ in range(members):
                MemberFactory(organization=branch)
            for _ in range(days):
                OrgLifeEventFactory(organization=branch, event_type="主题党日", date=dt.date(2025, 5, 1))
            ServiceActivityFactory(organization=branch, date=dt.date(2025, 6, 1), people_served=served)
    # Hand count: hospital 0 has 2 branches × 3 members, 2 × 4 主题党日, 2 × 100 served;
    # hospital 1 has 3 branches × 2 members, 3 × 1 主题党日, 3 × 40 served.
    figures = compute_figures(2025, bureau)
    assert figures.value("org.branches") == 5
    assert figures.value("members.total") == 12
    assert figures.value("meetings.主题党日") == 11
    assert figures.value("services.people_served") == 320
    # A bureau compares its hospitals: the per-part figures are per 下属单位, not per 党支部.
    assert figures.part == "unit"
    assert figures.value("members.by_unit.H0") == 6 and figures.value("members.by_unit.H1") == 6
    assert figures.get("members.by_branch.H1B2") is None
    assert len(figures["members.by_unit.H1"].records) == 6
    # 三会一课 counts none of the 主题党日; the rate has no 参会记录 to divide.
    assert figures.value("meetings.三会一课.by_unit.H0") == 0
    assert figures.value("attendance.rate.by_unit.H0") is None
    one = compute_figures(2025, bureau.children.get(code="H0"))
    assert one.value("meetings.主题党日") == 8 and one.value("services.people_served") == 200
    assert one.part == "branch" and one.value("members.by_branch.H0B1") == 3
