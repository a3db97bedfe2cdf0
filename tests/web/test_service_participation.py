"""服务活动参与党员 on the pages: a list scoped like every ledger, add/edit/delete for those who may
change the activity, and the participants on the activity's page with a link to add one."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dangjian.evaluations.models import PointTotal, ServiceParticipation
from tests.factories import MemberFactory, ServiceActivityFactory


@pytest.fixture
def activities(hospital):
    a = ServiceActivityFactory(
        code="FW-A", organization=hospital.branch_a, content="社区义诊", participants=12
    )
    b = ServiceActivityFactory(
        code="FW-B", organization=hospital.branch_b, activity_type="健康讲座"
    )
    return a, b


def service_points(member, year=2025):
    total = PointTotal.objects.filter(member=member, year=year).first()
    return total.service if total else None


def test_the_secretary_adds_a_participant_from_the_activity_page(client, hospital, activities):
    a, _ = activities
    client.force_login(hospital.alice)
    page = client.get(a.get_absolute_url()).content.decode()
    add = reverse("outreach:participation_create") + f"?activity={a.pk}"
    assert "参与党员" in page and "尚未登记参与党员" in page and f'href="{add}"' in page
    form = client.get(add).content.decode()
    assert f'<option value="{a.pk}" selected>' in form
    assert "FW-B" not in form  # branch B's activity is not offered
    response = client.post(add, {"activity": a.pk, "member": hospital.bob_member.pk})
    assert response.status_code == 302 and response["Location"] == a.get_absolute_url()
    participation = ServiceParticipation.objects.get()
    assert (participation.activity, participation.member) == (a, hospital.bob_member)
    assert participation.history.first().history_user == hospital.alice  # audited like every write
    assert service_points(hospital.bob_member) == Decimal("2.0")  # the stored 党员积分 follows
    page = client.get(a.get_absolute_url()).content.decode()
    assert (
        hospital.bob_member.member_no in page
        and reverse("outreach:participation_detail", args=[participation.pk]) in page
    )
    assert "已登记 1 名党员（参与人数 12 人）" in page


def test_a_member_is_registered_once_and_only_within_scope(client, hospital, activities):
    a, b = activities
    ServiceParticipation.objects.create(activity=a, member=hospital.bob_member)
    client.force_login(hospital.alice)
    url = reverse("outreach:participation_create")
    again = client.post(url, {"activity": a.pk, "member": hospital.bob_member.pk}).content.decode()
    assert "该党员已登记参加此服务活动" in again
    other = client.post(url, {"activity": b.pk, "member": hospital.bob_member.pk}).content.decode()
    assert "所选服务活动不在您的管理范围内" in other
    outsider = client.post(
        url, {"activity": a.pk, "member": hospital.erin_member.pk}
    ).content.decode()
    assert "所选党员不在您的管理范围内" in outsider
    assert ServiceParticipation.objects.count() == 1


def test_the_list_is_scoped_per_role(client, hospital, activities):
    a, b = activities
    mine = ServiceParticipation.objects.create(activity=a, member=hospital.bob_member)
    ServiceParticipation.objects.create(activity=a, member=hospital.alice_member)
    ServiceParticipation.objects.create(activity=b, member=hospital.erin_member)
    url = reverse("outreach:participation_list")

    def names(user):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        return sorted(p.member.name for p in response.context["object_list"])

    assert names(hospital.carol) == sorted(["鲍勃", "爱丽丝", "艾琳"])
    assert names(hospital.alice) == sorted(["鲍勃", "爱丽丝"])
    assert names(hospital.dave) == ["艾琳"]
    assert names(hospital.bob) == ["鲍勃"]  # a member sees their own participation, read only
    client.force_login(hospital.bob)
    page = client.get(url).content.decode()
    assert reverse("outreach:participation_detail", args=[mine.pk]) in page
    assert "新增" not in page
    assert client.get(reverse("outreach:participation_detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("outreach:participation_edit", args=[mine.pk])).status_code == 404
    assert client.get(reverse("outreach:participation_create")).status_code == 403
    client.force_login(hospital.alice)
    filtered = client.get(url, {"q": hospital.bob_member.member_no}).context["object_list"]
    assert [p.member for p in filtered] == [hospital.bob_member]


def test_edit_and_delete_refresh_the_points_of_both_members(client, hospital, activities):
    a, _ = activities
    client.force_login(hospital.alice)
    client.post(
        reverse("outreach:participation_create"),
        {"activity": a.pk, "member": hospital.bob_member.pk},
    )
    participation = ServiceParticipation.objects.get()
    edit = reverse("outreach:participation_edit", args=[participation.pk])
    form = client.get(edit)
    assert (
        form.status_code == 200 and participation_url(participation) in form.content.decode()
    )  # 取消
    response = client.post(
        edit,
        {
            "activity": a.pk,
            "member": hospital.alice_member.pk,
            "row_version": form.context["form"]["row_version"].value(),
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert response["Location"] == participation_url(participation)
    assert service_points(hospital.bob_member) == Decimal("0")
    assert service_points(hospital.alice_member) == Decimal("2.0")
    delete = reverse("outreach:participation_delete", args=[participation.pk])
    assert client.get(delete).status_code == 200
    response = client.post(delete)
    assert response.status_code == 302 and response["Location"] == a.get_absolute_url()
    assert not ServiceParticipation.objects.exists()
    assert service_points(hospital.alice_member) == Decimal("0")


def test_another_branch_cannot_touch_the_participation(client, hospital, activities):
    a, _ = activities
    participation = ServiceParticipation.objects.create(activity=a, member=hospital.bob_member)
    client.force_login(hospital.dave)
    for name in ("participation_detail", "participation_edit", "participation_delete"):
        assert client.get(reverse(f"outreach:{name}", args=[participation.pk])).status_code == 404
    assert (
        client.post(reverse("outreach:participation_delete", args=[participation.pk])).status_code
        == 404
    )
    assert ServiceParticipation.objects.count() == 1


def test_the_navigation_links_the_list_for_managers(client, hospital):
    url = reverse("outreach:participation_list")
    client.force_login(hospital.alice)
    assert f'href="{url}"' in client.get("/").content.decode()
    client.force_login(hospital.bob)
    assert f'href="{url}"' not in client.get("/").content.decode()


def test_the_activity_page_does_not_query_per_participant(client, hospital, activities):
    a, _ = activities
    for _ in range(15):
        ServiceParticipation.objects.create(
            activity=a, member=MemberFactory(organization=hospital.branch_a)
        )
    client.force_login(hospital.alice)
    with CaptureQueriesContext(connection) as many:
        assert client.get(a.get_absolute_url()).status_code == 200
    ServiceParticipation.objects.filter(
        pk__in=list(ServiceParticipation.objects.values_list("pk", flat=True)[:10])
    ).delete()
    with CaptureQueriesContext(connection) as fewer:
        assert client.get(a.get_absolute_url()).status_code == 200
    assert len(many) == len(fewer)


def participation_url(participation) -> str:
    return reverse("outreach:participation_detail", args=[participation.pk])
