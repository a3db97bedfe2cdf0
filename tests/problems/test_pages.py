"""查摆问题 and 工作要点 pages: Carol (党委管理员) records for any organisation, Alice (书记 of 内科党支部)
for her branch only, Bob (党员) reads and writes nothing; bad input gets the model's message."""

import pytest

from dangjian.problems.models import Problem
from dangjian.workplans.models import WorkPlanItem
from tests.factories import RectificationItemFactory

from .conftest import plan, problem

PROBLEM = {
    "year": 2025,
    "source": "democratic_life",
    "area": "political",
    "text": "政治理论学习的系统性还不够，学用结合不紧。",
    "measures": "严格落实“第一议题”制度。",
}
PLAN = {
    "year": 2026,
    "area": "organizational",
    "text": "按期做好党支部换届选举工作。",
    "owner": "党委办公室",
    "deadline": "2026-09-30",
}


def test_the_party_office_records_a_problem_from_the_democratic_life_meeting(client, hospital):
    item = RectificationItemFactory(organization=hospital.committee, code="ZG2026-001")
    client.force_login(hospital.carol)
    response = client.post(
        "/problems/new/",
        PROBLEM | {"organization": hospital.committee.pk, "rectification": item.pk},
    )
    assert response.status_code == 302, response.content.decode()
    saved = Problem.objects.get()
    assert (saved.code, saved.organization, saved.rectification) == (
        "CB2025-001",
        hospital.committee,
        item,
    )
    assert saved.history.get().history_user == hospital.carol
    page = client.get("/problems/?year=2025").content.decode()
    assert "CB2025-001" in page and "民主生活会" in page and "政治建设" in page
    detail = client.get(saved.get_absolute_url()).content.decode()
    assert "严格落实“第一议题”制度。" in detail and "ZG2026-001" in detail


def test_a_secretary_records_for_her_branch_only(client, hospital):
    theirs = problem(hospital.branch_b, code="CB-B", source="org_life")
    outside_item = RectificationItemFactory(organization=hospital.branch_b)
    client.force_login(hospital.alice)
    refused = client.post(
        "/problems/new/",
        PROBLEM
        | {
            "source": "org_life",
            "organization": hospital.branch_b.pk,
            "rectification": outside_item.pk,
        },
    ).content.decode()
    assert "所选组织不在您的管理范围内" in refused
    assert "所选整改事项不在您的管理范围内" in refused
    response = client.post(
        "/problems/new/", PROBLEM | {"source": "org_life", "organization": hospital.group_a.pk}
    )
    assert response.status_code == 302
    mine = Problem.objects.get(organization=hospital.group_a)
    page = client.get("/problems/").content.decode()
    assert mine.code in page and "CB-B" not in page
    assert client.get(theirs.get_absolute_url()).status_code == 404
    assert client.get(f"/problems/{theirs.pk}/edit/").status_code == 404


def test_a_member_can_neither_read_nor_write(client, hospital):
    problem(hospital.branch_a)
    plan(hospital.branch_a)
    client.force_login(hospital.bob)
    for prefix, form in (("/problems/", PROBLEM), ("/workplans/", PLAN)):
        assert client.get(f"{prefix}new/").status_code == 403
        posted = form | {"organization": hospital.branch_a.pk}
        assert client.post(f"{prefix}new/", posted).status_code == 403
        assert client.get(prefix).status_code == 200
    assert Problem.objects.count() == WorkPlanItem.objects.count() == 1
    row = Problem.objects.get()
    assert client.get(row.get_absolute_url()).status_code == 404
    assert client.post(f"/problems/{row.pk}/delete/").status_code == 404


@pytest.mark.parametrize(
    ("prefix", "form", "message"),
    [
        (
            "/problems/",
            PROBLEM | {"year": 1990},
            "年度应为2000年至2027年之间的四位年份（填写的是1990）",
        ),
        (
            "/workplans/",
            PLAN | {"year": 2031},
            "年度应为2000年至2027年之间的四位年份（填写的是2031）",
        ),
        (
            "/workplans/",
            PLAN | {"deadline": "2025-12-01"},
            "完成时限（2025-12-01）早于工作要点所属的2026年",
        ),
    ],
)
def test_the_page_shows_the_model_rule(client, hospital, prefix, form, message):
    client.force_login(hospital.carol)
    response = client.post(f"{prefix}new/", form | {"organization": hospital.committee.pk})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Problem.objects.exists() and not WorkPlanItem.objects.exists()


def test_work_points_pages(client, hospital):
    client.force_login(hospital.alice)
    response = client.post("/workplans/new/", PLAN | {"organization": hospital.branch_a.pk})
    assert response.status_code == 302, response.content.decode()
    item = WorkPlanItem.objects.get()
    assert item.code == "YD2026-001"
    other = plan(hospital.branch_b, code="YD-B")
    page = client.get("/workplans/?area=organizational").content.decode()
    assert "YD2026-001" in page and "YD-B" not in page
    detail = client.get(item.get_absolute_url()).content.decode()
    assert "按期做好党支部换届选举工作。" in detail and "党委办公室" in detail
    assert client.get(other.get_absolute_url()).status_code == 404
    edited = client.post(
        f"/workplans/{item.pk}/edit/",
        PLAN | {"organization": hospital.branch_a.pk, "code": item.code, "owner": "内科党支部"},
    )
    assert edited.status_code == 302, edited.content.decode()
    item.refresh_from_db()
    assert item.owner == "内科党支部"
    assert client.post(f"/workplans/{item.pk}/delete/").status_code == 302
    assert list(WorkPlanItem.objects.all()) == [other]


def test_the_menu_offers_both_ledgers_to_secretaries(client, hospital):
    client.force_login(hospital.alice)
    page = client.get("/").content.decode()
    assert "查摆问题" in page and "工作要点" in page
    client.force_login(hospital.bob)
    page = client.get("/").content.decode()
    assert 'href="/problems/"' not in page and 'href="/workplans/"' not in page


@pytest.mark.parametrize("prefix", ["/problems/", "/workplans/", "/api/problems/"])
def test_list_query_count_does_not_grow(client, hospital, prefix):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(hospital.carol)
    made = iter(range(100))

    def add(n):
        for _ in range(n):
            i = next(made)
            item = RectificationItemFactory(organization=hospital.branch_a)
            problem(hospital.branch_a, code=f"CB{i}", rectification=item)
            plan(hospital.branch_a, code=f"YD{i}")

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(prefix).status_code == 200
        return len(captured.captured_queries)

    add(1)
    small = count()
    add(9)
    assert count() == small
