"""The shared cast (tests/cast.py): built once, yet each test finds it as built.

The tests change the cast in the database and in memory; whichever runs second (in any order)
must find neither change. A test that does not ask for the cast finds an empty database.
"""

import pytest

from dangjian.organizations.models import Member, Organization
from tests import cast


def _change(hospital):
    assert hospital.branch_a.name == "内科党支部"
    assert hospital.bob_member.name == "鲍勃"
    assert Organization.objects.count() == 4 and Member.objects.count() == 4
    hospital.branch_a.name = "改名党支部"
    hospital.branch_a.save()
    hospital.bob_member.name = "改名"  # in memory only
    Organization.objects.create(code="X", name="临时党支部", parent=hospital.committee)


def test_a_change_is_rolled_back(hospital):
    _change(hospital)


def test_b_change_is_rolled_back(hospital):
    _change(hospital)


def test_objects_are_fresh_per_test(hospital):
    assert cast.loaded("hospital").branch_a is not hospital.branch_a
    assert cast.loaded("hospital").branch_a == hospital.branch_a


@pytest.mark.django_db
def test_without_the_cast_the_database_is_empty():
    assert not Organization.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_builds_its_own(hospital):
    assert Organization.objects.count() == 4
    _change(hospital)
