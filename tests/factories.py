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


# --- 组织关系转接, 表彰与党建品牌, 双培养, 党建+业务指标, 舆情 -----------------------------------------


class HonourFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "recognition.Honour"

    code = factory.Sequence(lambda n: f"BZ{n:04d}")
    kind = "advanced_org"
    year = 2025
    level = "city"
    organization = factory.SubFactory(OrganizationFactory)


class PartyBrandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "recognition.PartyBrand"

    code = factory.Sequence(lambda n: f"PP{n:04d}")
    kind = "brand"
    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"红心护佑{n}")
    year = 2025


class DualCultivationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "recognition.DualCultivation"

    member = factory.SubFactory(MemberFactory)
    kind = "backbone_to_member"
    date = dt.date(2025, 7, 1)


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "indicators.IndicatorValue"

    code = factory.Sequence(lambda n: f"ZB{n:04d}")
    organization = factory.SubFactory(OrganizationFactory)
    indicator = "投诉"
    year = 2025
    period = "Y"
    value = 3
    unit = "件"


class OpinionEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "indicators.OpinionEvent"

    code = factory.Sequence(lambda n: f"YQ{n:04d}")
    organization = factory.SubFactory(OrganizationFactory)
    date = dt.date(2025, 4, 2)
    source = "微博"
    content = "患者反映门诊排队时间长"


# --- 贯彻落实, 党风廉政建设 (implementation, integrity) -------------------------------------------


class InstructionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "implementation.Instruction"

    code = factory.Sequence(lambda n: f"GC{n:04d}")
    kind = "directive"
    title = "关于加强医院党建工作的重要指示批示"
    source = "上级党委文件"
    issued_on = dt.date(2025, 3, 1)
    organization = factory.SubFactory(OrganizationFactory)


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "implementation.Measure"

    code = factory.Sequence(lambda n: f"CS{n:04d}")
    instruction = factory.SubFactory(InstructionFactory)
    content = "制定专项工作方案"
    owner = "党办"
    deadline = dt.date(2025, 6, 30)


class CheckInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "implementation.CheckIn"

    measure = factory.SubFactory(MeasureFactory)
    kind = "supervision"
    date = dt.date(2025, 4, 1)
    progress = 50


class ResponsibilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "integrity.Responsibility"

    code = factory.Sequence(lambda n: f"ZRS{n:04d}")
    kind = "target"
    year = 2025
    organization = factory.SubFactory(OrganizationFactory)
    signer = "支部书记"
    signed_on = dt.date(2025, 2, 20)


class IntegrityEducationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "integrity.IntegrityEducation"

    code = factory.Sequence(lambda n: f"JS{n:04d}")
    kind = "warning"
    organization = factory.SubFactory(OrganizationFactory)
    date = dt.date(2025, 5, 8)
    topic = "以案促改警示教育"
    participants = 30


class ViolationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "integrity.Violation"

    code = factory.Sequence(lambda n: f"WJ{n:04d}")
    organization = factory.SubFactory(OrganizationFactory)
    person = "某医生"
    found_on = dt.date(2025, 7, 1)
    category = "共建和谐关系，不收受患方“红包”"
    description = "收受患者红包"
