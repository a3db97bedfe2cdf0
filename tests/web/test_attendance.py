"""Attendance is ticked for the whole branch on one screen and saved all at once, or not at all."""

from dangjian.orglife.models import Attendance
from tests.factories import AttendanceFactory, MemberFactory, OrgLifeEventFactory


def test_sheet_lists_the_branch_subtree(client, hospital):
    event = OrgLifeEventFactory(organization=hospital.branch_a)
    client.force_login(hospital.alice)
    page = client.get(f"/orglife/{event.pk}/attendance/").content.decode()
    assert "爱丽丝" in page and "鲍勃" in page and "艾琳" not in page


def test_ticking_saves_every_row(client, hospital):
    event = OrgLifeEventFactory(organization=hospital.branch_a)
    extra = MemberFactory(organization=hospital.group_a, name="陈晨")
    client.force_login(hospital.alice)
    response = client.post(
        f"/orglife/{event.pk}/attendance/",
        {
            f"status-{hospital.alice_member.pk}": "present",
            f"status-{hospital.bob_member.pk}": "excused",
            f"makeup-{hospital.bob_member.pk}": "2025-03-10",
            f"status-{extra.pk}": "absent",
        },
    )
    assert response["Location"] == event.get_absolute_url()
    rows = {
        a.member.name: (a.status, str(a.makeup_on)) for a in Attendance.objects.filter(event=event)
    }
    assert rows == {
        "爱丽丝": ("present", "None"),
        "鲍勃": ("excused", "2025-03-10"),
        "陈晨": ("absent", "None"),
    }
    assert all(h.history_user == hospital.alice for h in Attendance.history.all())


def test_one_bad_row_saves_nothing(client, hospital):
    event = OrgLifeEventFactory(organization=hospital.branch_a)
    AttendanceFactory(event=event, member=hospital.alice_member, status="absent")
    client.force_login(hospital.alice)
    response = client.post(
        f"/orglife/{event.pk}/attendance/",
        {
            f"status-{hospital.alice_member.pk}": "present",
            f"status-{hospital.bob_member.pk}": "absent",
            f"makeup-{hospital.bob_member.pk}": "2025-01-01",  # before the event (2025-03-05)
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "补学日期不能早于活动日期" in page and "没有保存" in page
    assert list(Attendance.objects.filter(event=event).values_list("member__name", "status")) == [
        ("爱丽丝", "absent")
    ]


def test_present_member_needs_no_makeup_and_blank_removes(client, hospital):
    event = OrgLifeEventFactory(organization=hospital.branch_a)
    AttendanceFactory(event=event, member=hospital.bob_member, status="present")
    client.force_login(hospital.alice)
    page = client.post(
        f"/orglife/{event.pk}/attendance/",
        {
            f"status-{hospital.alice_member.pk}": "present",
            f"makeup-{hospital.alice_member.pk}": "2025-03-06",
        },
    ).content.decode()
    assert "只有请假或缺席的党员才需要填写补学日期" in page
    client.post(
        f"/orglife/{event.pk}/attendance/", {f"status-{hospital.alice_member.pk}": "present"}
    )
    assert list(Attendance.objects.filter(event=event).values_list("member__name", flat=True)) == [
        "爱丽丝"
    ]


def test_members_of_other_branches_cannot_be_posted(client, hospital):
    event = OrgLifeEventFactory(organization=hospital.branch_a)
    client.force_login(hospital.alice)
    client.post(
        f"/orglife/{event.pk}/attendance/",
        {
            f"status-{hospital.alice_member.pk}": "present",
            f"status-{hospital.erin_member.pk}": "present",
        },
    )
    assert list(Attendance.objects.values_list("member__name", flat=True)) == ["爱丽丝"]


def test_sheet_query_count_does_not_grow(client, hospital, django_assert_max_num_queries):
    event = OrgLifeEventFactory(organization=hospital.branch_a)
    for _ in range(30):
        AttendanceFactory(event=event, member=MemberFactory(organization=hospital.branch_a))
    client.force_login(hospital.alice)
    with django_assert_max_num_queries(12):
        assert client.get(f"/orglife/{event.pk}/attendance/").status_code == 200
