"""The 贯彻落实 ledger per role through pages, API and export; forms keep to the scope."""

import pytest
from openpyxl import load_workbook
from rest_framework.test import APIClient

from dangjian.core import clock
from dangjian.implementation.models import CheckIn, Instruction, Measure
from dangjian.workbook.exporter import export_workbook
from tests.factories import CheckInFactory, InstructionFactory, MeasureFactory


@pytest.fixture
def ledger(hospital):
    a = MeasureFactory(
        instruction=InstructionFactory(organization=hospital.group_a, code="GC-A"), code="CS-A"
    )
    b = MeasureFactory(
        instruction=InstructionFactory(organization=hospital.branch_b, code="GC-B"), code="CS-B"
    )
    CheckInFactory(measure=a)
    CheckInFactory(measure=b)
    return a, b


def test_pages_per_role(client, hospital, ledger):
    _a, b = ledger
    client.force_login(hospital.alice)
    page = client.get("/implementation/").content.decode()
    assert "GC-A" in page and "GC-B" not in page
    assert client.get(b.instruction.get_absolute_url()).status_code == 404
    assert client.get(b.get_absolute_url()).status_code == 404
    assert client.get(f"/implementation/measures/{b.pk}/edit/").status_code == 404
    client.force_login(hospital.carol)
    page = client.get("/implementation/measures/").content.decode()
    assert "CS-A" in page and "CS-B" in page
    client.force_login(hospital.bob)
    assert "GC-A" not in client.get("/implementation/").content.decode()
    assert client.get("/implementation/new/").status_code == 403


def test_api_per_role(hospital, ledger):
    _a, _b = ledger
    api = APIClient()
    for user, expected in (
        (hospital.carol, {"CS-A", "CS-B"}),
        (hospital.alice, {"CS-A"}),
        (hospital.dave, {"CS-B"}),
        (hospital.bob, set()),
    ):
        api.force_authenticate(user)
        rows = api.get("/api/measures/").json()["results"]
        assert {r["code"] for r in rows} == expected
        checkins = api.get("/api/checkins/").json()["results"]
        assert {r["measure"] for r in checkins} == expected
    api.force_authenticate(hospital.alice)
    rows = api.get("/api/instructions/").json()["results"]
    assert [(r["code"], r["progress"]) for r in rows] == [("GC-A", 50.0)]
    # Alice cannot hang a measure under branch B's instruction.
    response = api.post(
        "/api/measures/",
        {"code": "CS-X", "instruction": "GC-B", "content": "x", "deadline": "2025-09-30"},
        format="json",
    )
    assert response.status_code == 400 and "GC-B" in str(response.json())
    response = api.post(
        "/api/checkins/",
        {"measure": "CS-A", "kind": "urging", "date": "2025-06-01", "progress": 120},
        format="json",
    )
    assert response.status_code == 400
    assert not Measure.objects.filter(code="CS-X").exists()


def test_export_per_role(tmp_path, hospital, ledger):
    for user, expected in (
        (hospital.alice, ["GC-A"]),
        (hospital.dave, ["GC-B"]),
        (hospital.carol, ["GC-A", "GC-B"]),
    ):
        path = tmp_path / f"{user.username}.xlsx"
        export_workbook(path, user=user)
        book = load_workbook(path)
        assert [r[0] for r in book["贯彻落实"].iter_rows(min_row=2, values_only=True)] == expected
        assert len(list(book["督导督办"].iter_rows(min_row=2))) == len(expected)


def test_forms_offer_only_scoped_parents(client, hospital, ledger):
    a, b = ledger
    client.force_login(hospital.alice)
    response = client.post(
        "/implementation/measures/new/",
        {
            "instruction": b.instruction.pk,
            "content": "越权",
            "deadline": "2025-09-30",
            "status": "not_started",
        },
    )
    assert "所选贯彻落实事项不在您的管理范围内" in response.content.decode()
    response = client.post(
        "/implementation/checkins/new/",
        {
            "measure": a.pk,
            "kind": "urging",
            "date": "2025-06-01",
            "progress": "101",
        },
    )
    assert "进度应为 0 到 100 之间的整数" in response.content.decode()
    response = client.post(
        "/implementation/checkins/new/",
        {
            "measure": a.pk,
            "kind": "urging",
            "date": "2025-06-01",
            "progress": "80",
            "note": "已完成初稿",
        },
    )
    assert response.status_code == 302
    assert CheckIn.objects.filter(measure=a, progress=80).exists()


def test_create_instruction_and_measure_with_generated_codes(client, hospital):
    client.force_login(hospital.alice)
    response = client.post(
        "/implementation/new/",
        {
            "kind": "speech",
            "title": "学习重要讲话精神",
            "issued_on": "2025-03-01",
            "organization": hospital.branch_a.pk,
        },
    )
    assert response.status_code == 302
    instruction = Instruction.objects.get()
    assert instruction.code == f"GC{clock.today().year}-001"
    response = client.post(
        "/implementation/measures/new/",
        {
            "instruction": instruction.pk,
            "content": "制定方案",
            "deadline": "2025-02-01",
            "status": "not_started",
        },
    )
    assert "完成时限不能早于贯彻落实事项的日期" in response.content.decode()
    response = client.post(
        "/implementation/measures/new/",
        {
            "instruction": instruction.pk,
            "content": "制定方案",
            "deadline": "2025-04-01",
            "status": "done",
        },
    )
    assert "须填写完成日期" in response.content.decode()
