"""违纪违规 records: 党委管理员 only — not branch secretaries, not members — on every path."""

import pytest
from openpyxl import load_workbook
from rest_framework.test import APIClient

from dangjian.integrity.models import Violation
from dangjian.workbook.exporter import export_workbook
from tests.factories import ViolationFactory


@pytest.fixture
def violation(hospital):
    return ViolationFactory(organization=hospital.branch_a, code="WJ-A", person="某医生")


def test_queryset(hospital, violation):
    assert list(Violation.objects.visible_to(hospital.carol)) == [violation]
    for user in (hospital.alice, hospital.bob, hospital.dave, hospital.erin):
        assert not Violation.objects.visible_to(user).exists()
        assert not Violation.objects.visible_to(user, "change").exists()


def test_pages(client, hospital, violation):
    client.force_login(hospital.carol)
    assert "WJ-A" in client.get("/integrity/violations/").content.decode()
    assert client.get(violation.get_absolute_url()).status_code == 200
    for user in (hospital.alice, hospital.bob):
        client.force_login(user)
        for url in (
            "/integrity/violations/",
            violation.get_absolute_url(),
            "/integrity/violations/new/",
            f"/integrity/violations/{violation.pk}/edit/",
            f"/integrity/violations/{violation.pk}/delete/",
        ):
            response = client.get(url)
            assert response.status_code == 403, (user, url)
            assert "某医生" not in response.content.decode()
        assert (
            client.post(
                "/integrity/violations/new/",
                {
                    "organization": hospital.branch_a.pk,
                    "person": "x",
                    "found_on": "2025-01-01",
                    "description": "x",
                },
            ).status_code
            == 403
        )
        assert client.post(f"/integrity/violations/{violation.pk}/delete/").status_code == 403
    assert Violation.objects.count() == 1


def test_navigation_shows_the_page_to_the_admin_only(client, hospital):
    client.force_login(hospital.carol)
    assert "/integrity/violations/" in client.get("/").content.decode()
    client.force_login(hospital.alice)
    page = client.get("/").content.decode()
    assert "/integrity/violations/" not in page and "/integrity/letters/" in page


def test_api(hospital, violation):
    api = APIClient()
    api.force_authenticate(hospital.carol)
    assert [r["code"] for r in api.get("/api/violations/").json()["results"]] == ["WJ-A"]
    created = api.post(
        "/api/violations/",
        {
            "code": "WJ-2",
            "organization": "B",
            "person": "某护士",
            "found_on": "2025-08-01",
            "description": "违规接受捐赠",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    for user in (hospital.alice, hospital.bob):
        api.force_authenticate(user)
        assert api.get("/api/violations/").status_code == 403
        assert api.get(f"/api/violations/{violation.pk}/").status_code == 403
        assert (
            api.post(
                "/api/violations/",
                {
                    "code": "WJ-3",
                    "organization": "A",
                    "person": "x",
                    "found_on": "2025-08-01",
                    "description": "x",
                },
                format="json",
            ).status_code
            == 403
        )
        assert api.delete(f"/api/violations/{violation.pk}/").status_code == 403
    assert Violation.objects.count() == 2


def test_export(tmp_path, hospital, violation):
    for user, expected in ((hospital.carol, ["WJ-A"]), (hospital.alice, []), (hospital.bob, [])):
        path = tmp_path / f"{user.username}.xlsx"
        export_workbook(path, user=user)
        rows = [
            r[0] for r in load_workbook(path)["违纪违规"].iter_rows(min_row=2, values_only=True)
        ]
        assert rows == expected, user


def test_export_page_for_a_secretary_leaves_violations_out(client, hospital, violation):
    import io

    client.force_login(hospital.alice)
    response = client.get("/workbook/export/")
    if response.status_code != 200:  # the export page is for managers; alice is one
        pytest.fail(f"export page answered {response.status_code}")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    book = load_workbook(io.BytesIO(content))
    assert list(book["违纪违规"].iter_rows(min_row=2, values_only=True)) == []


def test_reports_never_count_violations(hospital, violation):
    from dangjian.reports.figures import compute_figures

    figures = compute_figures(2025, hospital.committee)
    assert not any(f.model is Violation for f in figures)
