"""表彰, 党建品牌, 双培养, 党建+业务指标 and 舆情: pages, API and export reach the same rows per role.

A row of branch A (or its group A1) and one of branch B; Alice (书记 A) sees and changes A's,
Dave B's, Carol both; a 党员 sees their own 表彰/双培养 only and changes nothing.
"""

import pytest
from openpyxl import load_workbook
from rest_framework.test import APIClient

from dangjian.workbook.exporter import export_workbook
from tests.factories import (
    DualCultivationFactory,
    HonourFactory,
    IndicatorValueFactory,
    OpinionEventFactory,
    PartyBrandFactory,
)

# name: (page prefix, api endpoint, sheet, factory(h, org, member), identifier in the export)
LEDGERS = {
    "honour": (
        "/recognition/",
        "honours",
        "表彰",
        lambda h, org, m: HonourFactory(
            kind="outstanding_member", organization=m.organization, member=m
        ),
        lambda obj: obj.code,
    ),
    "brand": (
        "/recognition/brands/",
        "party-brands",
        "党建品牌",
        lambda h, org, m: PartyBrandFactory(organization=org),
        lambda obj: obj.code,
    ),
    "cultivation": (
        "/recognition/cultivation/",
        "dual-cultivations",
        "双培养",
        lambda h, org, m: DualCultivationFactory(member=m),
        lambda obj: obj.member.member_no,
    ),
    "indicator": (
        "/indicators/",
        "indicator-values",
        "党建业务指标",
        lambda h, org, m: IndicatorValueFactory(organization=org),
        lambda obj: obj.code,
    ),
    "opinion": (
        "/indicators/opinion/",
        "opinion-events",
        "舆情",
        lambda h, org, m: OpinionEventFactory(organization=org),
        lambda obj: obj.code,
    ),
}


def build(h, ledger):
    make = LEDGERS[ledger][3]
    return make(h, h.group_a, h.bob_member), make(h, h.branch_b, h.erin_member)


def exported(path, sheet):
    column = 0
    return {
        row[column]
        for row in load_workbook(path, read_only=True)[sheet].iter_rows(min_row=2, values_only=True)
    }


@pytest.mark.parametrize("ledger", LEDGERS)
@pytest.mark.parametrize("who", ["carol", "alice", "dave", "bob"])
def test_pages_api_and_export_are_scoped(client, hospital, ledger, who, tmp_path):
    prefix, endpoint, sheet, _make, ident = LEDGERS[ledger]
    in_a, in_b = build(hospital, ledger)
    personal = ledger in ("honour", "cultivation")
    expected = {
        "carol": {in_a, in_b},
        "alice": {in_a},
        "dave": {in_b},
        "bob": {in_a} if personal else set(),
    }[who]
    user = getattr(hospital, who)
    client.force_login(user)
    assert client.get(prefix).status_code == 200
    for obj in (in_a, in_b):
        assert client.get(f"{prefix}{obj.pk}/").status_code == (200 if obj in expected else 404)
    api = APIClient()
    api.force_authenticate(user)
    response = api.get(f"/api/{endpoint}/")
    assert response.status_code == 200
    assert {row["id"] for row in response.json()["results"]} == {obj.pk for obj in expected}
    path = tmp_path / "e.xlsx"
    export_workbook(path, user=user)
    assert exported(path, sheet) == {ident(obj) for obj in expected}
    # Changing: only within the changing scope.
    for obj in (in_a, in_b):
        may_change = (
            who == "carol" or (who == "alice" and obj is in_a) or (who == "dave" and obj is in_b)
        )
        assert client.get(f"{prefix}{obj.pk}/edit/").status_code == (200 if may_change else 404)
        assert api.delete(f"/api/{endpoint}/{obj.pk}/").status_code in (
            (204,) if may_change else (403, 404)
        )


@pytest.mark.parametrize("ledger", LEDGERS)
def test_list_page_query_count_does_not_grow(client, hospital, ledger):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import MemberFactory

    prefix, make = LEDGERS[ledger][0], LEDGERS[ledger][3]
    client.force_login(hospital.carol)

    def add(n):
        for _ in range(n):
            org = hospital.branch_a
            make(hospital, org, MemberFactory(organization=org))

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(prefix).status_code == 200
        return len(captured.captured_queries)

    add(1)
    small = count()
    add(9)
    assert count() == small
