"""A secretary's or member's visible organisations have each organisation once.

Organization reaches members through a reverse relation (``members``); OR-ing that into the
path condition as a join repeated the branch once per member in it, so the list pages'
组织 filter (a ModelChoiceField over this queryset) failed with MultipleObjectsReturned (a 500 on
the secretary's 本支部组织生活 link) as soon as a branch had two direct members."""

from dangjian.core.scoping import CHANGE, VIEW
from dangjian.organizations.models import Organization
from tests.factories import MemberFactory


def test_each_visible_organization_once(hospital):
    MemberFactory.create_batch(3, organization=hospital.branch_a)
    for user in (hospital.alice, hospital.bob):
        for action in (VIEW, CHANGE):
            codes = list(
                Organization.objects.visible_to(user, action).values_list("code", flat=True)
            )
            assert len(codes) == len(set(codes)), (user, action, codes)
    assert sorted(
        Organization.objects.visible_to(hospital.alice).values_list("code", flat=True)
    ) == ["A", "A1"]
    assert list(Organization.objects.visible_to(hospital.bob).values_list("code", flat=True)) == [
        "A1"
    ]


def test_secretary_filters_the_list_by_own_branch(client, hospital):
    MemberFactory.create_batch(3, organization=hospital.branch_a)
    client.force_login(hospital.alice)
    response = client.get("/orglife/", {"organization": hospital.branch_a.pk})
    assert response.status_code == 200
    options = response.content.decode().count(f'<option value="{hospital.branch_a.pk}"')
    assert options == 1
