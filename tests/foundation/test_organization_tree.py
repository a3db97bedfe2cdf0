"""Materialised paths: a subtree is one prefix match, and moves keep descendants consistent."""

from dangjian.organizations.models import Organization, OrgType
from tests.factories import OrganizationFactory


def test_paths_and_subtree(hospital):
    assert hospital.group_a.path == f"{hospital.branch_a.path}{hospital.group_a.pk}/"
    subtree = set(Organization.objects.subtree(hospital.branch_a).values_list("code", flat=True))
    assert subtree == {"A", "A1"}
    everything = set(
        Organization.objects.subtree(hospital.committee).values_list("code", flat=True)
    )
    assert everything == {"HOSP", "A", "A1", "B"}


def test_prefix_does_not_confuse_siblings(db):
    root = OrganizationFactory(code="R", org_type=OrgType.PARTY_COMMITTEE)
    # Create enough siblings that one pk is a textual prefix of another (1/ vs 12/).
    siblings = [OrganizationFactory(parent=root) for _ in range(12)]
    first = siblings[0]
    assert list(Organization.objects.subtree(first)) == [first]


def test_moving_a_branch_moves_its_groups(hospital):
    hospital.branch_a.parent = hospital.branch_b
    hospital.branch_a.save()
    hospital.group_a.refresh_from_db()
    assert hospital.group_a.path.startswith(hospital.branch_b.path)
    assert hospital.group_a.depth == 3
    assert set(Organization.objects.subtree(hospital.branch_b).values_list("code", flat=True)) == {
        "B",
        "A",
        "A1",
    }


def test_branch_of_a_group_is_its_parent(hospital):
    assert hospital.group_a.branch() == hospital.branch_a
    assert hospital.branch_a.branch() == hospital.branch_a


def test_default_terms(hospital):
    assert hospital.committee.effective_term_years == 5
    assert hospital.branch_a.effective_term_years == 3
    hospital.branch_a.term_years = 5
    assert hospital.branch_a.effective_term_years == 5
