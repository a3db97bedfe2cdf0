"""Export, then import into an empty database: every field of every row comes back the same."""

import datetime as dt
from decimal import Decimal

from django.db import models

from dangjian.decisions.models import MajorDecision
from dangjian.development.models import DevelopmentCase
from dangjian.organizations.models import Member, Organization, OrgType
from dangjian.orglife.models import Attendance, OrgLifeEvent
from dangjian.outreach.models import ServiceActivity
from dangjian.rectification.models import RectificationItem
from dangjian.workbook.exporter import export_workbook
from dangjian.workbook.importer import import_workbook
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

MODELS = (
    Organization,
    Member,
    OrgLifeEvent,
    Attendance,
    DevelopmentCase,
    RectificationItem,
    MajorDecision,
    ServiceActivity,
)
SKIP = {"id", "created_at", "updated_at", "path", "depth"}  # database-assigned


def natural(obj: models.Model) -> object:
    """How a row is known across databases: its code (or the codes of what it links)."""
    if isinstance(obj, Member):
        return obj.member_no
    if isinstance(obj, Attendance):
        return (obj.event.code, obj.member.member_no)
    if isinstance(obj, DevelopmentCase):
        return obj.id_number
    return obj.code


def snapshot() -> dict:
    data = {}
    for model in MODELS:
        rows = {}
        for obj in model.objects.all():
            row = {}
            for field in model._meta.concrete_fields:
                if field.name in SKIP:
                    continue
                value = getattr(obj, field.name)
                row[field.name] = natural(value) if isinstance(value, models.Model) else value
            rows[natural(obj)] = row
        data[model._meta.label] = rows
    return data


def build_ledgers() -> None:
    root = OrganizationFactory(
        code="R",
        name="医院党委",
        org_type=OrgType.PARTY_COMMITTEE,
        founded_on=dt.date(1990, 1, 2),
        last_election_on=dt.date(2021, 6, 1),
        term_years=5,
        sort_order=1,
    )
    general = OrganizationFactory(
        code="G", name="临床党总支", org_type=OrgType.GENERAL_BRANCH, parent=root
    )
    branch = OrganizationFactory(code="B1", name="=药剂科党支部", parent=general, sort_order=3)
    group = OrganizationFactory(
        code="B1-1", name="第一党小组", org_type=OrgType.GROUP, parent=branch
    )
    full = MemberFactory(
        member_no="0001",
        name="欧阳修",
        organization=branch,
        category="full",
        gender="male",
        birth_date=dt.date(1980, 1, 31),
        id_number="11010519800131006X",  # born 1980-01-31, as birth_date says
        joined_on=dt.date(2001, 7, 1),
        full_member_on=dt.date(2002, 7, 1),
        department="-药剂科",
        admin_post="主任",
        title="主任药师",
        party_post="书记",
        phone="+8613800138000",
        employment_status="retired",
        is_dual_leader=True,
    )
    probationary = MemberFactory(
        member_no="0002",
        name="林清",
        organization=group,
        category="probationary",
        department="'=已引号",
        id_number="",
        phone="@phone",
    )
    event = OrgLifeEventFactory(
        code="EV1",
        organization=branch,
        event_type="支部委员会会议",
        date=dt.date(2025, 2, 28),
        topic="研究发展对象",
        host="欧阳修",
        lecturer="林清",
        location="会议室",
        duration_hours=Decimal("2.5"),
    )
    OrgLifeEventFactory(code="EV2", organization=root, event_type="第一议题学习", topic="")
    AttendanceFactory(event=event, member=full, status="present")
    AttendanceFactory(
        event=event, member=probationary, status="absent", makeup_on=dt.date(2025, 3, 3)
    )
    DevelopmentCaseFactory(
        name="周到",
        organization=branch,
        applied_on=dt.date(2022, 1, 5),
        talked_on=dt.date(2022, 1, 20),
        activist_on=dt.date(2022, 3, 1),
        candidate_on=dt.date(2023, 3, 2),
        political_review_on=dt.date(2023, 5, 1),
        training_completed_on=dt.date(2023, 5, 10),
        publicity_started_on=dt.date(2023, 6, 1),
        admitted_on=dt.date(2023, 6, 20),
        approved_on=dt.date(2023, 7, 15),
        converted_on=dt.date(2024, 6, 20),
        probation_extended_to=None,
        cancelled_on=None,
        introducers="欧阳修、林清",
    )
    DevelopmentCaseFactory(name="吴用", organization=group, applied_on=dt.date(2025, 1, 1))
    RectificationItemFactory(
        code="Z1",
        organization=branch,
        description="多行\n描述",
        source="巡察",
        raised_on=dt.date(2025, 1, 1),
        measures="措施",
        owner="欧阳修",
        deadline=dt.date(2025, 3, 1),
        completed_on=dt.date(2025, 2, 1),
        status="done",
    )
    RectificationItemFactory(code="Z2", organization=general, source="自查自纠")
    MajorDecisionFactory(
        code="D1",
        organization=root,
        category="大额资金使用",
        topic="采购CT",
        members_due=9,
        members_present=7,
        result="通过",
    )
    MajorDecisionFactory(
        code="D2", organization=root, members_due=None, members_present=None, result=""
    )
    ServiceActivityFactory(
        code="S1",
        organization=branch,
        activity_type="下乡义诊",
        content="内容",
        participants=5,
        people_served=0,
    )
    ServiceActivityFactory(code="S2", organization=group, participants=None, people_served=None)


def empty_database() -> None:
    for model in reversed(MODELS[1:]):
        model.objects.all().delete()
    Organization.objects.update(parent=None)
    Organization.objects.all().delete()


def test_export_then_import_reproduces_every_field(db, tmp_path):
    build_ledgers()
    before = snapshot()
    path = tmp_path / "export.xlsx"
    export_workbook(path)
    empty_database()
    assert snapshot() != before

    result = import_workbook(path)

    assert result.ok, result.error_lines()
    assert snapshot() == before
    assert Organization.objects.get(code="B1-1").path.startswith(
        Organization.objects.get(code="R").path
    )
    # And once more: nothing changes.
    again = import_workbook(path)
    assert all(s.created == 0 and s.updated == 0 for s in again.summary.values())
