"""The planted imperfections are data that breaks the rules, not flags."""

import datetime as dt

import pytest

from dangjian.decisions.models import MajorDecision
from dangjian.demo.generator import add_years
from dangjian.development.models import DevelopmentCase
from dangjian.organizations.models import Member, MemberCategory, Organization, OrgType
from dangjian.orglife.models import Attendance, AttendanceStatus, EventType, OrgLifeEvent
from dangjian.rectification.models import RectificationItem, RectificationStatus

from .conftest import AS_OF

pytestmark = pytest.mark.django_db


@pytest.fixture
def summary(demo_hospital, db):
    return demo_hospital


def test_a_branch_is_overdue_for_election(summary):
    overdue = [
        o
        for o in Organization.objects.filter(org_type=OrgType.BRANCH)
        if add_years(o.last_election_on, o.effective_term_years) < AS_OF
    ]
    assert [o.name for o in overdue] == ["儿科党支部"]
    committee = Organization.objects.get(org_type=OrgType.PARTY_COMMITTEE)
    assert add_years(committee.last_election_on, committee.effective_term_years) > AS_OF


def test_a_branch_misses_a_quarters_lecture_and_one_misses_a_themed_day(summary):
    missing_lecture, missing_day = [], []
    for branch in Organization.objects.filter(org_type=OrgType.BRANCH):
        lectures = OrgLifeEvent.objects.filter(
            organization=branch, event_type=EventType.PARTY_LECTURE
        )
        for quarter in range(1, 5):
            if not lectures.filter(
                date__year=2024, date__month__in=range(3 * quarter - 2, 3 * quarter + 1)
            ).exists():
                missing_lecture.append((branch.name, quarter))
        days = OrgLifeEvent.objects.filter(
            organization=branch, event_type=EventType.THEMED_PARTY_DAY
        )
        for month in range(1, 13):
            if not days.filter(date__year=2024, date__month=month).exists():
                missing_day.append((branch.name, month))
    assert missing_lecture == [("外科党支部", 2)]
    assert missing_day == [("内科党支部", 8)]


def test_a_probationary_member_is_overdue_for_conversion(summary):
    overdue = []
    for member in Member.objects.filter(category=MemberCategory.PROBATIONARY):
        case = DevelopmentCase.objects.get(id_number=member.id_number)
        end = case.probation_extended_to or add_years(case.admitted_on, 1)
        if end < AS_OF:
            overdue.append(member)
    assert len(overdue) == 1
    assert overdue[0].organization.branch().name == "护理党支部"


def test_a_candidate_was_named_too_early(summary):
    early = [
        c
        for c in DevelopmentCase.objects.filter(candidate_on__isnull=False)
        if c.candidate_on < add_years(c.activist_on, 1)
    ]
    assert len(early) == 1


def test_an_applicant_waits_too_long_for_the_talk(summary):
    waiting = DevelopmentCase.objects.filter(
        talked_on__isnull=True, applied_on__lt=AS_OF - dt.timedelta(days=31)
    )
    assert waiting.count() == 1


def test_decisions_without_quorum(summary):
    no_quorum = [d for d in MajorDecision.objects.all() if d.members_present * 2 <= d.members_due]
    assert len(no_quorum) == 1
    cadre_short = [
        d
        for d in MajorDecision.objects.filter(category="重要干部任免")
        if d.members_present * 3 < d.members_due * 2
    ]
    assert len(cadre_short) == 1
    # Every other decision had a quorum and the present count matches the 党委会's attendance.
    for decision in MajorDecision.objects.all():
        meeting = OrgLifeEvent.objects.get(
            organization=decision.organization,
            date=decision.meeting_date,
            event_type=EventType.COMMITTEE_MEETING,
        )
        assert (
            meeting.attendances.filter(status=AttendanceStatus.PRESENT).count()
            == decision.members_present
        )


def test_a_branch_committee_meeting_without_quorum(summary):
    short = []
    for event in OrgLifeEvent.objects.filter(event_type=EventType.BRANCH_COMMITTEE_MEETING):
        rows = Attendance.objects.filter(event=event)
        if rows.filter(status=AttendanceStatus.PRESENT).count() * 2 <= rows.count():
            short.append(event.organization.name)
    assert short == ["医技党支部"]


def test_rectification_items_are_overdue(summary):
    overdue = RectificationItem.objects.filter(
        status=RectificationStatus.IN_PROGRESS, deadline__lt=AS_OF
    )
    assert overdue.count() == 2
    assert all(item.is_overdue(AS_OF) for item in overdue)
    assert len(summary.violations) >= 10
