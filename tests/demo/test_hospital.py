"""The default demo hospital, built once for the module: structure, pipeline, org life, ledgers."""

import datetime as dt
import re
from collections import Counter

import pytest

from dangjian.decisions.models import DecisionCategory, MajorDecision
from dangjian.development.models import DevelopmentCase
from dangjian.organizations.models import (
    EmploymentStatus,
    Gender,
    Member,
    MemberCategory,
    Organization,
    OrgType,
)
from dangjian.orglife.models import Attendance, AttendanceStatus, EventType, OrgLifeEvent
from dangjian.outreach.models import ServiceActivity
from dangjian.rectification.models import COMMON_SOURCES, RectificationItem, RectificationStatus

from .conftest import AS_OF

pytestmark = pytest.mark.django_db


def test_default_hospital_structure(demo_hospital, db):
    branches = {o.name: o for o in Organization.objects.filter(org_type=OrgType.BRANCH)}
    assert set(branches) == {
        "内科党支部",
        "外科党支部",
        "妇产科党支部",
        "儿科党支部",
        "急诊重症党支部",
        "医技党支部",
        "护理党支部",
        "机关第一党支部",
        "机关第二党支部",
        "离退休党支部",
    }
    assert Organization.objects.filter(org_type=OrgType.GROUP).count() >= 3
    members = Member.objects.select_related("organization")
    assert members.count() == 300
    for name, branch in branches.items():
        subtree = members.filter(organization__path__startswith=branch.path)
        assert subtree.filter(party_post="书记").count() == 1, name
    retired = members.filter(organization__path__startswith=branches["离退休党支部"].path)
    assert retired.exists()
    assert set(retired.values_list("employment_status", flat=True)) == {EmploymentStatus.RETIRED}
    assert set(members.exclude(pk__in=retired).values_list("employment_status", flat=True)) == {
        EmploymentStatus.WORKING
    }
    secretaries = members.filter(party_post="书记")
    assert secretaries.filter(is_dual_leader=True).count() >= 5
    assert members.filter(title__in=["主任医师", "副主任医师"]).exists()
    assert members.filter(title__contains="护师", admin_post="护士长").exists()
    nurses = members.filter(organization__path__startswith=branches["护理党支部"].path)
    assert nurses.filter(gender=Gender.FEMALE).count() > nurses.count() / 2
    assert 3 <= members.filter(category=MemberCategory.PROBATIONARY).count() <= 15
    assert members.filter(party_post="党委书记").count() == 1
    codes = list(members.values_list("member_no", flat=True))
    assert all(re.fullmatch(r"H01-DY\d{5}", c) for c in codes)


def test_pipeline_has_every_stage(demo_hospital, db):
    cases = DevelopmentCase.objects.all()
    assert cases.filter(talked_on__isnull=True).exists()  # applicant
    assert cases.filter(talked_on__isnull=False, activist_on__isnull=True).exists()
    assert cases.filter(activist_on__isnull=False, candidate_on__isnull=True).exists()
    assert cases.filter(candidate_on__isnull=False, admitted_on__isnull=True).exists()
    probationary = cases.filter(admitted_on__isnull=False, converted_on__isnull=True)
    assert probationary.filter(probation_extended_to__isnull=True).count() >= 2
    assert cases.filter(converted_on__isnull=False).exists()
    assert cases.filter(probation_extended_to__isnull=False, converted_on__isnull=True).count() == 1
    for case in cases.filter(admitted_on__isnull=False):
        member = Member.objects.get(id_number=case.id_number)
        assert member.joined_on == case.admitted_on
        expected = MemberCategory.FULL if case.converted_on else MemberCategory.PROBATIONARY
        assert member.category == expected
        assert (
            case.applied_on
            <= case.talked_on
            <= case.activist_on
            <= case.candidate_on
            <= case.admitted_on
        )
        assert len(case.introducer_names) == 2


def _year_events(org, event_type, year):
    return OrgLifeEvent.objects.filter(organization=org, event_type=event_type, date__year=year)


def test_org_life_of_a_complete_year(demo_hospital, db):
    committee = Organization.objects.get(org_type=OrgType.PARTY_COMMITTEE)
    meetings = _year_events(committee, EventType.COMMITTEE_MEETING, 2024)
    assert 22 <= meetings.count() <= 26
    first_topic_days = set(
        _year_events(committee, EventType.FIRST_TOPIC_STUDY, 2024).values_list("date", flat=True)
    )
    assert len([m for m in meetings if m.date not in first_topic_days]) == 1  # planted
    assert _year_events(committee, EventType.CENTRAL_GROUP_STUDY, 2024).count() == 12
    assert _year_events(committee, EventType.SEMINAR, 2024).count() == 4
    assert _year_events(committee, EventType.LEADERSHIP_LIFE_MEETING, 2024).count() == 1
    for branch in Organization.objects.filter(org_type=OrgType.BRANCH):
        assert _year_events(branch, EventType.BRANCH_GENERAL_MEETING, 2024).count() == 4
        assert 3 <= _year_events(branch, EventType.PARTY_LECTURE, 2024).count() <= 4
        assert 11 <= _year_events(branch, EventType.THEMED_PARTY_DAY, 2024).count() <= 12
        assert (
            len({e.date.day for e in _year_events(branch, EventType.THEMED_PARTY_DAY, 2024)}) == 1
        )
        for kind in (EventType.ORG_LIFE_MEETING, EventType.MEMBER_EVALUATION):
            events = _year_events(branch, kind, 2024)
            assert events.count() == 1 and events[0].date.month >= 10
        assert _year_events(branch, EventType.BRANCH_COMMITTEE_MEETING, 2024).count() == 12
        secretary = Member.objects.get(
            organization__path__startswith=branch.path, party_post="书记"
        )
        assert (
            _year_events(branch, EventType.PARTY_LECTURE, 2024)
            .filter(lecturer=secretary.name)
            .exists()
        )
    for group in Organization.objects.filter(org_type=OrgType.GROUP):
        assert _year_events(group, EventType.GROUP_MEETING, 2024).count() == 12
    assert not OrgLifeEvent.objects.filter(date__gt=AS_OF).exists()
    assert not OrgLifeEvent.objects.filter(date__lt=dt.date(2024, 1, 1)).exists()


def test_a_quarter_of_org_life_has_attendance(demo_hospital, db):
    quarter = OrgLifeEvent.objects.filter(
        date__range=(dt.date(2025, 1, 1), dt.date(2025, 3, 31)),
        organization__org_type__in=[OrgType.BRANCH, OrgType.GROUP],
    )
    assert quarter.count() > 100
    for event in quarter:
        members = Member.objects.filter(
            organization__path__startswith=event.organization.path, joined_on__lte=event.date
        )
        attended = event.attendances.count()
        assert attended > 0, event.code
        if event.event_type != EventType.BRANCH_COMMITTEE_MEETING:
            assert attended == members.count(), event.code
    rows = Attendance.objects.filter(event__in=quarter)
    statuses = Counter(rows.values_list("status", flat=True))
    assert statuses[AttendanceStatus.PRESENT] > 0.8 * rows.count()
    assert statuses[AttendanceStatus.EXCUSED] > 0 and statuses[AttendanceStatus.ABSENT] > 0
    made_up = rows.exclude(status=AttendanceStatus.PRESENT).filter(makeup_on__isnull=False)
    assert made_up.exists()
    assert all(r.makeup_on > r.event.date for r in made_up.select_related("event"))


def test_ledgers_cover_the_spec(demo_hospital, db):
    items = RectificationItem.objects.all()
    assert set(items.values_list("source", flat=True)) == set(COMMON_SOURCES)
    assert items.filter(status=RectificationStatus.DONE).exists()
    assert items.filter(status=RectificationStatus.IN_PROGRESS, deadline__gte=AS_OF).exists()
    assert all(i.completed_on for i in items.filter(status=RectificationStatus.DONE))
    decisions = MajorDecision.objects.all()
    assert set(decisions.values_list("category", flat=True)) == set(DecisionCategory.values)
    committee_days = set(
        OrgLifeEvent.objects.filter(event_type=EventType.COMMITTEE_MEETING).values_list(
            "date", flat=True
        )
    )
    assert all(d.meeting_date in committee_days for d in decisions)
    services = ServiceActivity.objects.all()
    assert set(services.values_list("activity_type", flat=True)) == {
        "义诊",
        "志愿服务",
        "结对帮扶",
        "医疗保障",
        "下基层帮扶",
        "党员先锋岗",
    }
    assert all(s.participants and s.people_served is not None for s in services)


def test_every_ledger_row_has_its_history(demo_hospital, db):
    for model in (
        Organization,
        Member,
        OrgLifeEvent,
        Attendance,
        DevelopmentCase,
        RectificationItem,
        MajorDecision,
        ServiceActivity,
    ):
        assert model.history.filter(history_type="+").count() == model.objects.count(), (
            model.__name__
        )
    assert Attendance.history.first().history_change_reason == "演示数据"
