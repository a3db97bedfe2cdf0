"""factory_boy factories for the ledgers; identity numbers carry a valid GB 11643 check digit."""

import datetime as dt

import factory

from dangjian.core import idcard
from dangjian.decisions.models import DecisionCategory, MajorDecision
from dangjian.development.models import DevelopmentCase
from dangjian.organizations.models import Member, MemberCategory, Organization, OrgType
from dangjian.orglife.models import Attendance, AttendanceStatus, EventType, OrgLifeEvent
from dangjian.outreach.models import ServiceActivity
from dangjian.rectification.models import RectificationItem


def id_number(n: int, birth: dt.date = dt.date(1985, 6, 1)) -> str:
    return idcard.make(f"330101{birth:%Y%m%d}{n % 1000:03d}")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    code = factory.Sequence(lambda n: f"ORG{n:03d}")
    name = factory.Sequence(lambda n: f"第{n}党支部")
    org_type = OrgType.BRANCH


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    member_no = factory.Sequence(lambda n: f"M{n:05d}")
    name = factory.Sequence(lambda n: f"党员{n}")
    organization = factory.SubFactory(OrganizationFactory)
    category = MemberCategory.FULL
    id_number = factory.Sequence(id_number)


class OrgLifeEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgLifeEvent

    code = factory.Sequence(lambda n: f"EV{n:05d}")
    organization = factory.SubFactory(OrganizationFactory)
    event_type = EventType.THEMED_PARTY_DAY
    date = dt.date(2025, 3, 5)
    topic = "学习贯彻党的二十大精神"


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    event = factory.SubFactory(OrgLifeEventFactory)
    member = factory.SubFactory(MemberFactory)
    status = AttendanceStatus.PRESENT


class DevelopmentCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DevelopmentCase

    name = factory.Sequence(lambda n: f"申请人{n}")
    id_number = factory.Sequence(lambda n: id_number(n + 500, dt.date(1998, 2, 3)))
    organization = factory.SubFactory(OrganizationFactory)
    applied_on = dt.date(2024, 3, 1)


class RectificationItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RectificationItem

    code = factory.Sequence(lambda n: f"ZG{n:04d}")
    organization = factory.SubFactory(OrganizationFactory)
    description = "三会一课记录不规范"
    source = "组织生活会"
    deadline = dt.date(2025, 6, 30)


class MajorDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MajorDecision

    code = factory.Sequence(lambda n: f"SZ{n:04d}")
    organization = factory.SubFactory(OrganizationFactory, org_type=OrgType.PARTY_COMMITTEE)
    meeting_date = dt.date(2025, 4, 10)
    category = DecisionCategory.MAJOR_DECISION
    topic = "医院年度预算"
    members_due = 9
    members_present = 8


class ServiceActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceActivity

    code = factory.Sequence(lambda n: f"FW{n:04d}")
    organization = factory.SubFactory(OrganizationFactory)
    activity_type = "义诊"
    date = dt.date(2025, 5, 12)
    people_served = 120
