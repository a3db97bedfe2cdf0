"""A hand-built hospital year (2025) for the report tests, on top of the suite's ``hospital``.

Every expected number in the tests was counted by hand from the rows below; the comments say
why each boundary row is in or out. Year boundaries: 2024-12-31 / 2025-01-01 / 2025-12-31 /
2026-01-01.
"""

import datetime as dt
from dataclasses import dataclass

import pytest

from dangjian.decisions.models import DecisionCategory
from dangjian.organizations.models import MemberCategory, Organization, OrgType
from dangjian.orglife.models import AttendanceStatus as S
from dangjian.rectification.models import RectificationStatus as RS
from tests import cast
from tests.factories import (
    AttendanceFactory,
    DevelopmentCaseFactory,
    MajorDecisionFactory,
    MemberFactory,
    OrganizationFactory,
    OrgLifeEventFactory,
    RectificationItemFactory,
    ServiceActivityFactory,
    id_number,
)

D = dt.date


@dataclass
class Year2025:
    h: object  # the conftest Hospital
    branch_c: object


@pytest.fixture
def year2025(hospital) -> Year2025:
    """Built once and rolled back after each test, like ``hospital`` (tests/cast.py)."""
    return cast.loaded("year2025", hospital)


def _load_year2025(pks: dict[str, int], hospital) -> Year2025:
    return Year2025(h=hospital, branch_c=Organization.objects.get(pk=pks["branch_c"]))


def _build_year2025(h) -> dict[str, int]:
    committee, a, a1, b = h.committee, h.branch_a, h.group_a, h.branch_b
    # Branch C is founded after the year: not counted for 2025.
    c = OrganizationFactory(
        code="C", name="新院区党支部", parent=committee, founded_on=D(2026, 2, 1)
    )
    # Elections: the 党委 (5-year term) elected 2019-06-01 → term ended 2024-06-01 → overdue.
    # A elected in 2025 → completed. B elected 2022-12-31 → term ends 2025-12-31 → not yet overdue.
    committee.last_election_on = D(2019, 6, 1)
    committee.save()
    a.last_election_on = D(2025, 3, 10)
    a.save()
    b.last_election_on = D(2022, 12, 31)
    b.save()

    # Members (alice A 书记 双带头人, bob A1, dave B 书记, erin B come from the fixture).
    MemberFactory(
        member_no="M5",
        name="预备甲",
        organization=b,
        category=MemberCategory.PROBATIONARY,
        joined_on=D(2025, 6, 1),
    )
    # 转正 only in 2026: still 预备 at the end of 2025.
    MemberFactory(
        member_no="M6",
        name="预备乙",
        organization=a,
        category=MemberCategory.FULL,
        joined_on=D(2024, 3, 1),
        full_member_on=D(2026, 1, 15),
    )
    # Joined 2026-01-01: not a member at the end of 2025.
    MemberFactory(member_no="M7", name="新党员", organization=b, joined_on=D(2026, 1, 1))
    # The 党委书记 sits in the 党委 itself: a member, but not a branch secretary.
    m8 = MemberFactory(
        member_no="M8",
        name="周书记",
        organization=committee,
        party_post="书记",
        is_dual_leader=True,
    )
    m5 = h.branch_b.members.get(member_no="M5")
    m6 = h.branch_a.members.get(member_no="M6")

    ev = {}

    def event(code, org, kind, day, lecturer=""):
        ev[code] = OrgLifeEventFactory(
            code=code, organization=org, event_type=kind, date=day, lecturer=lecturer
        )
        return ev[code]

    event("E0", a, "主题党日", D(2024, 12, 31))  # previous year
    event("E1", a1, "党小组会", D(2025, 1, 1))  # a 党小组's meeting counts for A and the 党委
    event("E2", a, "党课", D(2025, 12, 31), lecturer="爱丽丝")  # given by A's secretary
    event("E3", b, "党课", D(2025, 5, 1), lecturer="外请专家")
    event("E4", b, "支部党员大会", D(2025, 3, 1))
    event("E5", a, "支部委员会会议", D(2025, 2, 1))
    event("E6", a1, "主题党日", D(2025, 7, 1))
    event("E7", b, "主题党日", D(2025, 7, 1))
    event("E8", committee, "党委会", D(2025, 4, 1))
    event("E9", committee, "第一议题学习", D(2025, 4, 1))
    event("E10", committee, "理论学习中心组学习", D(2025, 5, 10))
    event("E11", committee, "警示教育", D(2025, 6, 10))
    event("E12", a1, "党小组会", D(2026, 1, 1))  # next year

    for code, member, status in [
        ("E0", h.bob_member, S.ABSENT),  # 2024
        ("E1", h.alice_member, S.PRESENT),
        ("E1", h.bob_member, S.PRESENT),
        ("E2", h.alice_member, S.PRESENT),
        ("E2", h.bob_member, S.PRESENT),
        ("E2", m6, S.ABSENT),
        ("E5", h.alice_member, S.PRESENT),
        ("E5", m6, S.PRESENT),
        ("E6", h.bob_member, S.PRESENT),
        ("E4", h.dave_member, S.PRESENT),
        ("E4", h.erin_member, S.EXCUSED),
        ("E4", m5, S.ABSENT),
    ]:
        AttendanceFactory(event=ev[code], member=member, status=status)

    def case(n, org, **dates):
        DevelopmentCaseFactory(
            name=f"发展{n}", id_number=id_number(900 + n, D(1999, 1, 1)), organization=org, **dates
        )

    case(1, a, applied_on=D(2025, 1, 1))
    case(2, a1, applied_on=D(2023, 3, 1), activist_on=D(2024, 12, 31), admitted_on=D(2025, 12, 31))
    case(
        3,
        b,
        applied_on=D(2022, 1, 1),
        activist_on=D(2023, 1, 1),
        admitted_on=D(2024, 6, 1),
        converted_on=D(2025, 6, 1),
    )
    case(4, b, applied_on=D(2024, 12, 31), activist_on=D(2025, 6, 30))
    case(5, b, applied_on=D(2026, 1, 1))

    def item(code, org, raised, deadline, status=RS.IN_PROGRESS, completed=None):
        RectificationItemFactory(
            code=code,
            organization=org,
            raised_on=raised,
            deadline=deadline,
            status=status,
            completed_on=completed,
        )

    item("R1", a, D(2025, 2, 1), D(2025, 6, 30), RS.DONE, D(2025, 6, 1))
    item("R2", b, D(2025, 3, 1), D(2025, 12, 31))  # due on the last day: open, not overdue
    item("R3", committee, D(2024, 5, 1), D(2024, 10, 31))  # open at year end, overdue
    item("R4", a, D(2024, 1, 1), D(2024, 6, 30), RS.DONE, D(2024, 6, 15))  # closed last year
    item("R5", b, D(2026, 1, 5), D(2026, 3, 31))  # raised after the year
    item("R6", a1, D(2025, 9, 1), D(2025, 11, 30), RS.DONE, D(2026, 1, 10))  # done only in 2026
    item("R7", committee, None, D(2025, 1, 1), RS.DONE, None)  # done, no dates but the deadline

    def decision(code, day, category, due, present):
        MajorDecisionFactory(
            code=code,
            organization=committee,
            meeting_date=day,
            category=category,
            members_due=due,
            members_present=present,
        )

    decision("J1", D(2025, 1, 1), DecisionCategory.MAJOR_DECISION, 9, 5)  # 5 > 9/2: quorum
    decision("J2", D(2025, 12, 31), DecisionCategory.CADRE_APPOINTMENT, 9, 5)  # needs 6: none
    decision("J3", D(2025, 6, 1), DecisionCategory.LARGE_FUNDS, 9, 4)  # 4 < 4.5: none
    decision("J4", D(2025, 7, 1), DecisionCategory.MAJOR_PROJECT, None, None)  # cannot judge
    decision("J5", D(2024, 12, 31), DecisionCategory.MAJOR_DECISION, 9, 3)  # last year

    def service(code, org, kind, day, served, participants=None):
        ServiceActivityFactory(
            code=code,
            organization=org,
            activity_type=kind,
            date=day,
            people_served=served,
            participants=participants,
        )

    service("S1", a, "义诊", D(2025, 1, 1), 100, 10)
    service("S2", a1, "志愿服务", D(2025, 12, 31), 50)
    service("S3", b, "义诊", D(2025, 5, 1), None)
    service("S4", b, "健康讲座", D(2025, 8, 8), 30)
    service("S5", a, "义诊", D(2026, 1, 1), 999)
    assert m8.organization.org_type == OrgType.PARTY_COMMITTEE
    return {"branch_c": c.pk}


cast.register("year2025", _build_year2025, _load_year2025, needs=("hospital",), defined_in=__file__)
