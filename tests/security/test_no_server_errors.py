"""Bad input is answered, never a 500 (issue 15, item 11).

Django's test client re-raises a view's exception, so each request below failed with the
exception named in its test before the fix.
"""

from __future__ import annotations

import datetime as dt

from rest_framework.test import APIClient

from dangjian.core import clock, idcard
from dangjian.organizations.models import Member


def test_audit_log_filtered_by_a_model_without_history_is_a_404(client, hospital):
    # IndexError before: no audited model matched, and parts[0] of an empty list was read.
    client.force_login(hospital.carol)
    response = client.get("/audit/?model=auth.user")
    assert response.status_code == 404
    assert client.get("/audit/?model=organizations.member").status_code == 200


def test_dues_ledger_with_year_9999_shows_the_current_month(client, hospital):
    # OverflowError before: the link to the following month was 10000-01.
    client.force_login(hospital.carol)
    with clock.frozen(dt.date(2025, 7, 1)):
        response = client.get("/dues/?month=9999-12")
    assert response.status_code == 200
    assert response.context["month"] == dt.date(2025, 7, 1)
    assert client.get("/dues/?month=2100-12").context["month"] == dt.date(2100, 12, 1)


def test_calendar_of_year_9999_is_a_404_and_2100_works(client, hospital):
    # OverflowError before (the following month of 9999-12).
    client.force_login(hospital.carol)
    assert client.get("/orglife/calendar/?month=9999-12").status_code == 404
    assert client.get("/orglife/calendar/?month=0000-01").status_code == 404
    response = client.get("/orglife/calendar/?month=2100-12")
    assert response.status_code == 200
    assert response.context["following"] == "2101-01"


def _member_form(number: str, organization) -> dict:
    return {
        "member_no": "SUP1",
        "name": "上标",
        "organization": organization.pk,
        "category": "full",
        "employment_status": "working",
        "id_number": number,
    }


def test_a_superscript_digit_in_the_member_form_is_read_as_the_digit(client, hospital):
    # ValueError (int('²')) before: '²' passed str.isdigit and reached the checksum.
    number = idcard.make("33010219850601001")  # region 330102: index 5 is a 2
    typed = number[:5] + "²" + number[6:]
    client.force_login(hospital.carol)
    response = client.post("/organizations/members/new/", _member_form(typed, hospital.branch_a))
    assert response.status_code == 302
    assert Member.objects.get(member_no="SUP1").id_number == number


def test_a_superscript_digit_giving_a_wrong_checksum_is_a_form_error(client, hospital):
    number = idcard.make("33010219850601001")
    typed = number[:5] + "³" + number[6:]  # read as 3: the check character no longer matches
    client.force_login(hospital.carol)
    response = client.post("/organizations/members/new/", _member_form(typed, hospital.branch_a))
    assert response.status_code == 200
    assert "校验位错误" in str(response.context["form"].errors["id_number"])
    assert not Member.objects.filter(member_no="SUP1").exists()


def test_json_nested_5000_deep_is_a_400_with_a_message(hospital):
    # RecursionError before (DRF's JSON parser lets it through as a server error).
    api = APIClient()
    api.force_authenticate(hospital.carol)
    body = "[" * 5000 + "]" * 5000
    response = api.post("/api/members/", body, content_type="application/json")
    assert response.status_code == 400
    assert "嵌套层数过多" in response.json()["detail"]
    # Deep but parseable (below the recursion limit): refused the same way.
    response = api.post(
        "/api/members/", '{"a":' * 100 + "1" + "}" * 100, content_type="application/json"
    )
    assert response.status_code == 400
    assert "嵌套层数过多" in response.json()["detail"]
    # An ordinary body still parses (and fails on its fields, not on its shape).
    response = api.post("/api/members/", {"member_no": ["x"]}, format="json")
    assert response.status_code == 400
    assert "member_no" in response.json()
