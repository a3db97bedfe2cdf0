"""身份证号 are normalised (NFKC, upper-case X) before they are checked, compared and stored
(issue 15, item 12): a number typed with full-width digits is the same number, on the page, the
API and the workbook, and cannot slip past the one-case-per-person uniqueness check."""

from __future__ import annotations

import datetime as dt

from rest_framework.test import APIClient

from dangjian.core import clock, idcard
from dangjian.development.models import DevelopmentCase
from dangjian.organizations.models import Member
from dangjian.workbook.importer import import_workbook
from tests.factories import DevelopmentCaseFactory
from tests.workbook.conftest import write_workbook

NUMBER = idcard.make("11010519800131006")  # ends in X
FULL_WIDTH = NUMBER.translate(str.maketrans("0123456789X", "０１２３４５６７８９ｘ"))


def test_normalize_folds_full_width_digits_and_a_lower_case_x():
    assert FULL_WIDTH != NUMBER
    assert idcard.normalize(FULL_WIDTH) == NUMBER
    assert idcard.problem(FULL_WIDTH) is None
    # Digits of other scripts stay what they are after NFKC: str.isdigit accepted them and
    # int() read them, so an Arabic-Indic number passed as valid before.
    arabic = NUMBER[:17].translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")) + "X"
    assert idcard.problem(arabic) == "身份证号前17位应为数字，末位为数字或X"


def test_full_width_number_is_stored_in_ascii_by_page_api_and_workbook(client, hospital, tmp_path):
    client.force_login(hospital.carol)
    response = client.post(
        "/organizations/members/new/",
        {
            "member_no": "FW1",
            "name": "全角",
            "organization": hospital.branch_a.pk,
            "category": "full",
            "employment_status": "working",
            "id_number": FULL_WIDTH,
        },
    )
    assert response.status_code == 302
    assert Member.objects.get(member_no="FW1").id_number == NUMBER

    api = APIClient()
    api.force_authenticate(hospital.carol)
    response = api.post(
        "/api/members/",
        {
            "member_no": "FW2",
            "name": "全角",
            "organization": "A",
            "category": "full",
            "id_number": FULL_WIDTH,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert Member.objects.get(member_no="FW2").id_number == NUMBER

    path = write_workbook(
        tmp_path / "fw.xlsx",
        {
            "党员": [
                ["党员编号", "姓名", "所在组织编码", "人员类别", "身份证号"],
                ["FW3", "全角", "A", "正式党员", FULL_WIDTH],
            ]
        },
    )
    assert import_workbook(path).ok
    assert Member.objects.get(member_no="FW3").id_number == NUMBER


def test_full_width_copy_of_an_existing_case_is_refused_not_duplicated(client, hospital, tmp_path):
    DevelopmentCaseFactory(id_number=NUMBER, organization=hospital.branch_a)
    data = {
        "name": "重复",
        "id_number": FULL_WIDTH,
        "organization": hospital.branch_a.pk,
        "applied_on": "2024-03-01",
    }
    with clock.frozen(dt.date(2025, 7, 1)):
        client.force_login(hospital.carol)
        response = client.post("/development/new/", data)
        assert response.status_code == 200
        assert response.context["form"].errors["id_number"]

        api = APIClient()
        api.force_authenticate(hospital.carol)
        # Before: the API stored the full-width text next to the ASCII one (two cases, one person).
        response = api.post("/api/development-cases/", {**data, "organization": "A"}, format="json")
        assert response.status_code == 400, response.json()
        assert "id_number" in response.json()
    assert DevelopmentCase.objects.count() == 1

    # The workbook matches the row to the existing case (its key is the normalised number).
    path = write_workbook(
        tmp_path / "dev.xlsx",
        {
            "发展党员": [
                ["姓名", "身份证号", "所在组织编码", "入党申请日期"],
                ["重复", FULL_WIDTH, "A", "2024-03-01"],
            ]
        },
    )
    with clock.frozen(dt.date(2025, 7, 1)):
        result = import_workbook(path)
    assert result.ok, result.error_lines()
    assert DevelopmentCase.objects.count() == 1
    assert DevelopmentCase.objects.get().name == "重复"


def test_the_migration_normalises_stored_numbers(hospital):
    from importlib import import_module

    from django.apps import apps

    member = hospital.bob_member
    Member.objects.filter(pk=member.pk).update(id_number=FULL_WIDTH)
    import_module("dangjian.organizations.migrations.0003_normalise_id_numbers").forwards(
        apps, None
    )
    member.refresh_from_db()
    assert member.id_number == NUMBER
