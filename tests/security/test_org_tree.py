"""The organisation tree cannot be made to loop, a move re-paths the whole subtree, and a loop
written around the model (bad data) does not hang the pages or the annual report.

Issue 15 item 1 (a 支部书记 made the tree loop through the API, then the home page and
``report annual`` never finished) and item 7 (a 支部书记 created a top-level 党委 through the API).
"""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from dangjian.core import clock
from dangjian.organizations.models import Organization, OrgType
from dangjian.workbook.importer import import_workbook
from tests.factories import AttendanceFactory, OrganizationFactory, OrgLifeEventFactory
from tests.workbook.conftest import write_workbook

CYCLE = "上级组织不能是本组织或其下级组织"
TOP_LEVEL = "只有管理全部组织的党委管理员可以建立顶层党组织"


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _tree() -> dict[str, tuple[str | None, str, int]]:
    return {
        o.code: (o.parent.code if o.parent_id else None, o.path, o.depth)
        for o in Organization.objects.select_related("parent")
    }


def test_api_refuses_a_parent_inside_the_own_subtree(hospital):
    """The issue's reproduction, as the 支部书记 of 内科 (alice) and as the 党委管理员."""
    before = _tree()
    alice, carol = _api(hospital.alice), _api(hospital.carol)
    branch, committee = hospital.branch_a, hospital.committee
    for client, org, parent in (
        (alice, branch, "A1"),  # the branch under its own 党小组: the path became /1/2/3/2/
        (alice, branch, "A"),  # itself
        (carol, committee, "A1"),  # two levels down
        (carol, hospital.group_a, "A1"),
    ):
        response = client.patch(f"/api/organizations/{org.pk}/", {"parent": parent}, format="json")
        assert response.status_code == 400, (org.code, parent, response.status_code)
        assert CYCLE in response.json()["parent"][0]
    assert _tree() == before


def test_page_form_refuses_a_parent_inside_the_own_subtree(hospital):
    client = Client()
    client.force_login(hospital.carol)
    committee = hospital.committee
    response = client.post(
        reverse("organizations:organization_edit", args=[committee.pk]),
        {
            "code": committee.code,
            "name": committee.name,
            "org_type": committee.org_type,
            "parent": hospital.group_a.pk,
            "sort_order": 0,
        },
    )
    assert response.status_code == 200
    assert CYCLE in response.content.decode()
    committee.refresh_from_db()
    assert committee.parent_id is None and committee.path == f"/{committee.pk}/"


def test_workbook_import_refuses_a_parent_inside_the_own_subtree(hospital, tmp_path):
    before = _tree()
    path = write_workbook(
        tmp_path / "loop.xlsx",
        {
            "党组织": [
                ["组织编码", "组织名称", "组织类型", "上级组织编码"],
                ["HOSP", "县人民医院党委", "党委", "A1"],
            ]
        },
    )
    result = import_workbook(path, user=hospital.carol)
    assert not result.ok
    assert any("成环" in line for line in result.error_lines())
    assert _tree() == before


def test_the_model_refuses_whoever_saves(hospital):
    """Code that bypasses forms and serializers (the importer writes with save()) is refused too."""
    branch = Organization.objects.get(code="A")
    branch.parent = Organization.objects.get(code="A1")
    with pytest.raises(ValidationError) as refused:
        branch.save()
    assert CYCLE in str(refused.value)
    with pytest.raises(ValidationError):
        branch.full_clean()
    assert Organization.objects.get(code="A").parent_id == hospital.committee.pk


def test_a_move_re_paths_the_whole_subtree(hospital):
    """Moving a branch moves its 党小组; an instance loaded before the move does not write the
    old path back when it is saved afterwards."""
    general = OrganizationFactory(
        code="ZZ", name="总支", org_type=OrgType.GENERAL_BRANCH, parent=hospital.committee
    )
    stale_group = Organization.objects.get(code="A1")
    branch = Organization.objects.get(code="A")
    branch.parent = general
    branch.save()
    group = Organization.objects.get(code="A1")
    assert group.path == f"{general.path}{branch.pk}/{group.pk}/" and group.depth == 3
    assert Organization.objects.get(code="A").depth == 2
    stale_group.name = "内科第一党小组（更名）"
    stale_group.save()
    group = Organization.objects.get(code="A1")
    assert group.path == f"{general.path}{branch.pk}/{group.pk}/" and group.depth == 3
    # A move saved with update_fields re-paths too (the path is not among the fields named).
    branch = Organization.objects.get(code="A")
    branch.parent = hospital.committee
    branch.save(update_fields=["parent"])
    group = Organization.objects.get(code="A1")
    assert group.path == f"{hospital.committee.path}{branch.pk}/{group.pk}/" and group.depth == 2
    branch.parent = general
    branch.save()
    # The subtree query now finds the branch's member through the new path.
    assert hospital.bob_member in Organization.objects.get(code="ZZ").members.model.objects.filter(
        organization__path__startswith=general.path
    )


@pytest.fixture
def looping_tree(hospital):
    """Two 党小组 of branch A that are each other's parent, written around the model (an
    update() as a careless script or a hand-edited database would), with an event and an
    attendance in one of them."""
    g1 = OrganizationFactory(
        code="G1", name="第一组", org_type=OrgType.GROUP, parent=hospital.branch_a
    )
    g2 = OrganizationFactory(
        code="G2", name="第二组", org_type=OrgType.GROUP, parent=hospital.branch_a
    )
    Organization.objects.filter(pk=g1.pk).update(parent=g2)
    Organization.objects.filter(pk=g2.pk).update(parent=g1)
    event = OrgLifeEventFactory(organization=g1, date=clock.today().replace(month=1, day=15))
    AttendanceFactory(event=event, member=hospital.bob_member)
    return g1, g2


def test_a_loop_in_the_database_does_not_hang_the_home_page(hospital, looping_tree):
    for user in (hospital.carol, hospital.alice):
        client = Client()
        client.force_login(user)
        assert client.get("/").status_code == 200


def test_a_loop_in_the_database_does_not_hang_the_annual_report(hospital, looping_tree):
    out = io.StringIO()
    year = str(clock.today().year)
    call_command("report", "annual", "--year", year, "--format", "json", stdout=out)
    assert '"code": "HOSP"' in out.getvalue()


def test_only_a_whole_platform_admin_creates_a_top_level_organisation(hospital):
    """Item 7: the form refused a 支部书记's top-level 党委, the API did not. One rule for both."""
    count = Organization.objects.count()
    body = {"code": "TOP2", "name": "第二个党委", "org_type": OrgType.PARTY_COMMITTEE}
    response = _api(hospital.alice).post("/api/organizations/", body, format="json")
    assert response.status_code == 400
    assert TOP_LEVEL in response.json()["parent"][0]
    # Nor by moving an organisation of their own to the top.
    response = _api(hospital.alice).patch(
        f"/api/organizations/{hospital.group_a.pk}/", {"parent": None}, format="json"
    )
    assert response.status_code == 400 and TOP_LEVEL in response.json()["parent"][0]
    client = Client()
    client.force_login(hospital.alice)
    page = client.post(
        reverse("organizations:organization_create"),
        {
            "code": "TOP3",
            "name": "第三个党委",
            "org_type": OrgType.PARTY_COMMITTEE,
            "sort_order": 0,
        },
    )
    assert page.status_code == 200 and TOP_LEVEL in page.content.decode()
    assert Organization.objects.count() == count
    assert _api(hospital.carol).post("/api/organizations/", body, format="json").status_code == 201
