"""A 卫健局 党委 over several hospital 党委 gets the same report summed over its subtree."""

import datetime as dt
from decimal import Decimal

from dangjian.organizations.models import OrgType
from dangjian.orglife.models import AttendanceStatus
from dangjian.reports.figures import compute_figures
from dangjian.reports.narrative import build_report
from tests.factories import (
    AttendanceFactory,
    MemberFactory,
    OrganizationFactory,
    OrgLifeEventFactory,
    ServiceActivityFactory,
)


def test_bureau_sums_its_hospitals(db):
    bureau = OrganizationFactory(code="WJJ", name="县卫健局党委", org_type=OrgType.PARTY_COMMITTEE)
    for n, (branches, members, days, served) in enumerate([(2, 3, 4, 100), (3, 2, 1, 40)]):
        hospital = OrganizationFactory(
            code=f"H{n}", org_type=OrgType.PARTY_COMMITTEE, parent=bureau
        )
        for b in range(branches):
            branch = OrganizationFactory(code=f"H{n}B{b}", parent=hospital)
            for _ in range(members):
                MemberFactory(organization=branch)
            for _ in range(days):
                OrgLifeEventFactory(
                    organization=branch, event_type="主题党日", date=dt.date(2025, 5, 1)
                )
            ServiceActivityFactory(
                organization=branch, date=dt.date(2025, 6, 1), people_served=served
            )
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


def test_bureau_names_the_units_below_the_attendance_rate(db):
    """The 参会率 threshold is one figure per kind of part: a hospital's report names its low
    党支部, a 卫健局's names its low 下属单位 — and the narrative reads that figure."""
    bureau = OrganizationFactory(code="WJJ", name="县卫健局党委", org_type=OrgType.PARTY_COMMITTEE)
    # Per hospital: how many of 10 参会记录 are 出席. 9/10 = 90% is above 85%, 6/10 = 60% below.
    for code, name, present in (("H0", "县人民医院党委", 9), ("H1", "县中医院党委", 6)):
        hospital = OrganizationFactory(
            code=code, name=name, org_type=OrgType.PARTY_COMMITTEE, parent=bureau
        )
        branch = OrganizationFactory(code=f"{code}B0", parent=hospital)
        event = OrgLifeEventFactory(
            organization=branch, event_type="支部党员大会", date=dt.date(2025, 5, 1)
        )
        for n in range(10):
            status = AttendanceStatus.PRESENT if n < present else AttendanceStatus.ABSENT
            AttendanceFactory(event=event, member=MemberFactory(organization=branch), status=status)

    figures = compute_figures(2025, bureau)
    assert figures.value("attendance.rate.by_unit.H0") == Decimal("90.0")
    assert figures.value("attendance.rate.by_unit.H1") == Decimal("60.0")
    assert figures.value("attendance.low_units") == 1
    assert list(figures["attendance.low_units"].records) == ["H1"]
    assert figures.value("attendance.low_branches") == 1  # H1B0, counted over the whole tree
    text = build_report(figures).text("\n".join(_paragraphs(build_report(figures))))
    assert "县中医院党委党员参会率60%" in text, text
    assert "县人民医院党委党员参会率" not in text

    hospital = compute_figures(2025, bureau.children.get(code="H1"))
    assert hospital.part == "branch" and hospital.get("attendance.low_units") is None
    assert list(hospital["attendance.low_branches"].records) == ["H1B0"]


def _paragraphs(report):
    def walk(sections):
        for section in sections:
            yield from section.paragraphs
            yield from walk(section.sections)

    return list(walk(report.sections))
