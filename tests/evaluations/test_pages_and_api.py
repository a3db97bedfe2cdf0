"""Alice (书记 A) works with branch A only, Bob (党员 A) sees his own records, Dave (书记 B) not A —
through the pages and the API alike; duplicates and adjustments without a reason are refused."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from dangjian.evaluations.models import (
    EthicsRecord,
    MemberEvaluation,
    MemberGrade,
    PointAdjustment,
    PointTotal,
    SecretaryReview,
)
from tests.factories import MemberFactory

LISTS = {
    "evaluations:member_evaluation_list": MemberEvaluation,
    "evaluations:secretary_review_list": SecretaryReview,
    "evaluations:ethics_record_list": EthicsRecord,
    "evaluations:adjustment_list": PointAdjustment,
}


def listed(client, url_name) -> set[int]:
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    return {obj.pk for obj in response.context["object_list"]}


@pytest.mark.parametrize("url_name", LISTS)
def test_list_pages_are_scoped_per_role(client, ledgers, url_name):
    h, model = ledgers, LISTS[url_name]
    path = model.scope_org_field
    in_a = set(
        model.objects.filter(**{f"{path}__startswith": h.branch_a.path}).values_list(
            "pk", flat=True
        )
    )
    in_b = set(
        model.objects.filter(**{f"{path}__startswith": h.branch_b.path}).values_list(
            "pk", flat=True
        )
    )
    assert in_a and in_b
    client.force_login(h.alice)
    assert listed(client, url_name) == in_a
    client.force_login(h.dave)
    assert listed(client, url_name) == in_b
    client.force_login(h.carol)
    assert listed(client, url_name) == in_a | in_b
    client.force_login(h.bob)
    own = set(model.objects.filter(member=h.bob_member).values_list("pk", flat=True))
    assert listed(client, url_name) == own


def test_detail_outside_scope_is_404_and_members_cannot_edit(client, ledgers):
    h = ledgers
    bob_eval = MemberEvaluation.objects.get(member=h.bob_member)
    erin_eval = MemberEvaluation.objects.get(member=h.erin_member)
    client.force_login(h.dave)
    assert client.get(bob_eval.get_absolute_url()).status_code == 404
    assert (
        client.get(reverse("evaluations:member_evaluation_edit", args=[bob_eval.pk])).status_code
        == 404
    )
    client.force_login(h.bob)
    assert client.get(bob_eval.get_absolute_url()).status_code == 200
    assert client.get(erin_eval.get_absolute_url()).status_code == 404
    assert client.get(reverse("evaluations:member_evaluation_create")).status_code == 403
    assert (
        client.post(reverse("evaluations:member_evaluation_delete", args=[bob_eval.pk])).status_code
        == 404
    )


def test_create_edit_delete_through_the_pages(client, ledgers):
    h = ledgers
    client.force_login(h.alice)
    response = client.post(
        reverse("evaluations:member_evaluation_create"),
        {"member": h.bob_member.pk, "year": 2024, "grade": MemberGrade.QUALIFIED},
    )
    assert response.status_code == 302
    created = MemberEvaluation.objects.get(member=h.bob_member, year=2024)
    assert created.history.first().history_user == h.alice
    response = client.post(
        reverse("evaluations:member_evaluation_edit", args=[created.pk]),
        {"member": h.bob_member.pk, "year": 2024, "grade": MemberGrade.EXCELLENT},
    )
    assert response.status_code == 302
    created.refresh_from_db()
    assert created.grade == MemberGrade.EXCELLENT
    response = client.post(reverse("evaluations:member_evaluation_delete", args=[created.pk]))
    assert (
        response.status_code == 302 and not MemberEvaluation.objects.filter(pk=created.pk).exists()
    )


def test_second_evaluation_in_a_year_is_refused_with_a_chinese_message(client, ledgers):
    h = ledgers
    client.force_login(h.alice)
    response = client.post(
        reverse("evaluations:member_evaluation_create"),
        {"member": h.bob_member.pk, "year": 2025, "grade": MemberGrade.QUALIFIED},
    )
    assert response.status_code == 200
    assert "每名党员每年只能评议一次" in response.content.decode()
    assert MemberEvaluation.objects.filter(member=h.bob_member).count() == 1


def test_secretary_cannot_pick_a_member_of_another_branch(client, ledgers):
    client.force_login(ledgers.alice)
    response = client.post(
        reverse("evaluations:member_evaluation_create"),
        {"member": ledgers.erin_member.pk, "year": 2024, "grade": MemberGrade.QUALIFIED},
    )
    assert "所选党员不在您的管理范围内" in response.content.decode()
    assert not MemberEvaluation.objects.filter(member=ledgers.erin_member, year=2024).exists()


def test_adjustment_without_reason_is_refused_by_the_form(client, ledgers):
    h = ledgers
    client.force_login(h.alice)
    for reason in ("", "   "):
        response = client.post(
            reverse("evaluations:adjustment_create"),
            {"member": h.bob_member.pk, "year": 2025, "points": "5", "reason": reason},
        )
        assert response.status_code == 200
        assert "调整积分必须写明事由" in response.content.decode()
    assert PointAdjustment.objects.filter(member=h.bob_member).count() == 1
    response = client.post(
        reverse("evaluations:adjustment_create"),
        {"member": h.bob_member.pk, "year": 2025, "points": "5", "reason": "义诊先锋"},
    )
    assert response.status_code == 302
    added = PointAdjustment.objects.get(reason="义诊先锋")
    assert added.code.startswith("JF2025-")
    assert added.history.first().history_user == h.alice
    assert PointTotal.objects.get(member=h.bob_member, year=2025).adjustment == 8


def test_branch_grade_counts_on_the_list_page(client, ledgers):
    client.force_login(ledgers.carol)
    counts = client.get(reverse("evaluations:member_evaluation_list")).context["grade_counts"]
    assert [(e["branch"].code, e["cells"]) for e in counts] == [
        ("A", [1, 1, 0, 0]),
        ("B", [1, 0, 1, 0]),
    ]


def test_list_page_queries_do_not_grow_with_data(client, ledgers):
    h = ledgers
    client.force_login(h.carol)
    url = reverse("evaluations:member_evaluation_list")

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    small = count()
    for _ in range(15):
        MemberEvaluation.objects.create(
            member=MemberFactory(organization=h.group_a), year=2025, grade=MemberGrade.QUALIFIED
        )
    assert count() == small


# --- API ------------------------------------------------------------------------------------

ENDPOINTS = {
    "member-evaluations": MemberEvaluation,
    "secretary-reviews": SecretaryReview,
    "ethics-records": EthicsRecord,
    "point-adjustments": PointAdjustment,
    "point-totals": PointTotal,
}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_api_lists_are_scoped_per_role(ledgers, endpoint):
    h, model = ledgers, ENDPOINTS[endpoint]
    api = APIClient()

    def ids(user):
        api.force_authenticate(user)
        response = api.get(f"/api/{endpoint}/")
        assert response.status_code == 200, response.content
        return {row["id"] for row in response.json()["results"]}

    path = model.scope_org_field
    in_a = set(
        model.objects.filter(**{f"{path}__startswith": h.branch_a.path}).values_list(
            "pk", flat=True
        )
    )
    assert in_a
    assert ids(h.alice) == in_a
    assert not ids(h.dave) & in_a
    assert ids(h.bob) == set(model.objects.filter(member=h.bob_member).values_list("pk", flat=True))


def test_api_refuses_adjustment_without_reason_and_duplicates(ledgers):
    h = ledgers
    api = APIClient()
    api.force_authenticate(h.alice)
    response = api.post(
        "/api/point-adjustments/",
        {"member": h.bob_member.member_no, "year": 2025, "points": "2.0", "reason": " "},
        format="json",
    )
    assert response.status_code == 400
    assert "调整积分必须写明事由" in response.json()["reason"][0]
    response = api.post(
        "/api/point-adjustments/",
        {"member": h.bob_member.member_no, "year": 2025, "points": "2.0"},
        format="json",
    )
    assert response.status_code == 400
    response = api.post(
        "/api/point-adjustments/",
        {
            "member": h.bob_member.member_no,
            "year": 2025,
            "points": "-2.0",
            "reason": "未按时交党费",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert PointTotal.objects.get(member=h.bob_member, year=2025).adjustment == 1
    response = api.post(
        "/api/member-evaluations/",
        {"member": h.bob_member.member_no, "year": 2025, "grade": "qualified"},
        format="json",
    )
    assert response.status_code == 400
    assert "每名党员每年只能评议一次" in str(response.json())
    response = api.post(
        "/api/member-evaluations/",
        {"member": h.erin_member.member_no, "year": 2024, "grade": "qualified"},
        format="json",
    )
    assert response.status_code == 400  # Erin is outside Alice's branch
    api.force_authenticate(h.bob)
    response = api.post(
        "/api/point-adjustments/",
        {"member": h.bob_member.member_no, "year": 2025, "points": "50", "reason": "自己加分"},
        format="json",
    )
    assert response.status_code == 403
    assert api.post("/api/point-totals/", {}, format="json").status_code in (403, 405)


def test_service_participations_are_recorded_through_the_api_and_counted(ledgers):
    import datetime as dt

    from dangjian.evaluations import points
    from dangjian.evaluations.models import ServiceParticipation
    from tests.factories import ServiceActivityFactory

    h = ledgers
    in_a = ServiceActivityFactory(organization=h.branch_a, code="SV-A", date=dt.date(2025, 9, 1))
    ServiceActivityFactory(organization=h.branch_b, code="SV-B", date=dt.date(2025, 9, 1))
    api = APIClient()
    api.force_authenticate(h.alice)
    response = api.post(
        "/api/service-participations/",
        {"activity": "SV-A", "member": h.bob_member.member_no},
        format="json",
    )
    assert response.status_code == 201, response.content
    response = api.post(
        "/api/service-participations/",
        {"activity": "SV-B", "member": h.bob_member.member_no},
        format="json",
    )
    assert response.status_code == 400 and "活动编号“SV-B”不存在或不在您的管理范围内" in str(
        response.json()
    )
    response = api.post(
        "/api/service-participations/",
        {"activity": "SV-A", "member": h.bob_member.member_no},
        format="json",
    )
    assert response.status_code == 400 and "已登记参加此服务活动" in str(response.json())
    assert ServiceParticipation.objects.get().activity == in_a
    assert points.compute(2025)[h.bob_member.pk].service == 2
    api.force_authenticate(h.dave)
    assert api.get("/api/service-participations/").json()["results"] == []


def test_points_summary_queries_do_not_grow_with_data(client, ledgers):
    from dangjian.evaluations import points

    h = ledgers
    client.force_login(h.carol)
    url = reverse("evaluations:points_summary")

    def count() -> int:
        points.recompute(2025)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, {"year": 2025}).status_code == 200
        return len(captured.captured_queries)

    small = count()
    for _ in range(12):
        MemberFactory(organization=h.group_a)
        MemberFactory(organization=h.branch_b)
    assert count() == small
