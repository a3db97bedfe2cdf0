"""Alice (支部书记 of A) sees A and its group; Bob (党员) sees his own record; Carol sees all."""

import pytest

from dangjian.core.scoping import CHANGE, VIEW
from dangjian.organizations.models import Member, Organization
from dangjian.orglife.models import Attendance, OrgLifeEvent
from tests.factories import AttendanceFactory, OrgLifeEventFactory, RectificationItemFactory


def names(queryset):
    return set(queryset.values_list("name", flat=True))


def test_secretary_sees_own_branch_subtree(hospital):
    assert names(Member.objects.visible_to(hospital.alice)) == {"爱丽丝", "鲍勃"}
    assert names(Organization.objects.visible_to(hospital.alice)) == {
        "内科党支部",
        "内科第一党小组",
    }


def test_member_sees_only_own_record_and_cannot_change(hospital):
    assert names(Member.objects.visible_to(hospital.bob)) == {"鲍勃"}
    assert not Member.objects.visible_to(hospital.bob, CHANGE).exists()


def test_admin_sees_everything(hospital):
    assert Member.objects.visible_to(hospital.carol).count() == 4
    assert Member.objects.visible_to(hospital.carol, CHANGE).count() == 4


def test_anonymous_sees_nothing(hospital):
    from django.contrib.auth.models import AnonymousUser

    assert not Member.objects.visible_to(AnonymousUser()).exists()


def test_events_and_attendance_follow_the_branch(hospital):
    event_a = OrgLifeEventFactory(organization=hospital.group_a)
    event_b = OrgLifeEventFactory(organization=hospital.branch_b)
    AttendanceFactory(event=event_a, member=hospital.bob_member)
    AttendanceFactory(event=event_b, member=hospital.erin_member)
    assert list(OrgLifeEvent.objects.visible_to(hospital.alice)) == [event_a]
    assert list(OrgLifeEvent.objects.visible_to(hospital.dave)) == [event_b]
    # Bob sees the meetings he attended, and only his own attendance row.
    assert list(OrgLifeEvent.objects.visible_to(hospital.bob)) == [event_a]
    assert Attendance.objects.visible_to(hospital.bob).get().member == hospital.bob_member
    assert (
        not Attendance.objects.visible_to(hospital.erin).filter(member=hospital.bob_member).exists()
    )


@pytest.mark.parametrize("action", [VIEW, CHANGE])
def test_ledgers_without_member_link_are_hidden_from_members(hospital, action):
    RectificationItemFactory(organization=hospital.branch_a)
    from dangjian.rectification.models import RectificationItem

    assert not RectificationItem.objects.visible_to(hospital.bob, action).exists()
    assert RectificationItem.objects.visible_to(hospital.alice, action).count() == 1
    assert not RectificationItem.objects.visible_to(hospital.dave, action).exists()
