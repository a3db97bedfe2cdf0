"""/api/problems/ and /api/work-plan-items/: CRUD within the caller's scope, the model's rules."""

import pytest
from rest_framework.test import APIClient

from dangjian.problems.models import Problem
from dangjian.workplans.models import WorkPlanItem
from tests.factories import RectificationItemFactory

from .conftest import plan, problem


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_secretary_works_on_her_branch_problems(hospital):
    item = RectificationItemFactory(organization=hospital.branch_a, code="ZG-A")
    RectificationItemFactory(organization=hospital.branch_b, code="ZG-B")
    problem(hospital.branch_b, code="CB-B")
    alice = api(hospital.alice)
    body = {
        "code": "CB-A",
        "organization": "A",
        "year": 2025,
        "source": "org_life",
        "area": "organizational",
        "text": "“三会一课”记录不够规范。",
        "rectification": "ZG-A",
    }
    created = alice.post("/api/problems/", body, format="json")
    assert created.status_code == 201, created.content.decode()
    assert created.json()["is_settled"] is False
    saved = Problem.objects.get(code="CB-A")
    assert saved.rectification == item

    listed = alice.get("/api/problems/").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [row["code"] for row in rows] == ["CB-A"]

    patched = alice.patch(
        f"/api/problems/{saved.pk}/", {"measures": "统一会议记录本"}, format="json"
    )
    assert patched.status_code == 200
    saved.refresh_from_db()
    assert saved.measures == "统一会议记录本"

    outside = alice.post(
        "/api/problems/", body | {"code": "CB-X", "organization": "B"}, format="json"
    )
    assert outside.status_code == 400 and "不在您的管理范围内" in outside.json()["organization"][0]
    other_item = alice.post(
        "/api/problems/", body | {"code": "CB-Y", "rectification": "ZG-B"}, format="json"
    )
    assert other_item.status_code == 400
    assert other_item.json()["rectification"] == ["整改事项“ZG-B”不存在或不在您的管理范围内。"]
    theirs = Problem.objects.get(code="CB-B")
    assert alice.get(f"/api/problems/{theirs.pk}/").status_code == 404
    assert alice.delete(f"/api/problems/{theirs.pk}/").status_code == 404

    assert alice.delete(f"/api/problems/{saved.pk}/").status_code == 204
    assert list(Problem.objects.values_list("code", flat=True)) == ["CB-B"]


def test_a_member_writes_nothing_through_the_api(hospital):
    problem(hospital.branch_a)
    bob = api(hospital.bob)
    body = {"code": "X", "organization": "A", "year": 2025, "source": "org_life"}
    assert bob.post("/api/problems/", body, format="json").status_code == 403
    assert bob.post("/api/work-plan-items/", body, format="json").status_code == 403
    listed = bob.get("/api/problems/").json()
    assert (listed["results"] if isinstance(listed, dict) else listed) == []


@pytest.mark.parametrize(
    ("endpoint", "body", "errors"),
    [
        (
            "problems",
            {"source": "democratic_life", "text": "学用结合不紧", "year": 1999},
            {"year": ["年度应为2000年至2027年之间的四位年份（填写的是1999）"]},
        ),
        (
            "work-plan-items",
            {"text": "换届选举", "year": 2026, "deadline": "2025-06-30"},
            {"deadline": ["完成时限（2025-06-30）早于工作要点所属的2026年"]},
        ),
    ],
)
def test_the_api_applies_the_model_rules(hospital, endpoint, body, errors):
    response = api(hospital.carol).post(
        f"/api/{endpoint}/",
        {"code": "Z1", "organization": "HOSP", "area": "political"} | body,
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == errors


def test_work_points_crud_and_a_patch_checked_against_the_stored_row(hospital):
    carol = api(hospital.carol)
    created = carol.post(
        "/api/work-plan-items/",
        {
            "code": "YD-1",
            "organization": "HOSP",
            "year": 2026,
            "area": "discipline",
            "text": "签订党风廉政建设目标责任书。",
            "owner": "纪检监察室",
            "deadline": "2026-03-31",
        },
        format="json",
    )
    assert created.status_code == 201, created.content.decode()
    item = WorkPlanItem.objects.get()
    # Only the year changes; the stored deadline (2026-03-31) now falls before it.
    late = carol.patch(f"/api/work-plan-items/{item.pk}/", {"year": 2027}, format="json")
    assert late.status_code == 400
    assert late.json() == {"deadline": ["完成时限（2026-03-31）早于工作要点所属的2027年"]}
    theirs = plan(hospital.branch_b, code="YD-B")
    dave = api(hospital.dave)
    rows = dave.get("/api/work-plan-items/?year=2026").json()
    assert [r["code"] for r in (rows["results"] if isinstance(rows, dict) else rows)] == ["YD-B"]
    assert carol.delete(f"/api/work-plan-items/{theirs.pk}/").status_code == 204
