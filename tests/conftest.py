"""The cast used across the suite.

The hospital: 县人民医院党委 (root) with 内科党支部 (A, with 内科第一党小组 under it) and 外科党支部 (B).
Carol is the 党委管理员. Alice is the 支部书记 of A, Bob an ordinary member of A.
Dave is the 支部书记 of B, Erin a member of B.
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User

from dangjian.organizations.models import Member, Organization, OrgType, Profile, Role
from tests import cast
from tests.factories import MemberFactory, OrganizationFactory


def pytest_configure(config):
    """Tests hash passwords with a fast hasher: PBKDF2 at production strength costs ~0.4 s of CPU
    per user. The tests of the production hasher itself restore it with the ``settings`` fixture."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef, request):
    """Shared casts (tests/cast.py) are kept, built or rolled back just before a test's own
    transaction begins, so that the test runs in a savepoint inside them."""
    if fixturedef.argname == "_django_db_helper":
        cast.prepare(request, request.getfixturevalue("django_db_blocker"))
    return (yield)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache. Results are kept per data version (the highest
    ledger and history ids), and a rolled-back test can leave SQLite reusing the same ids for
    different rows in the next test."""
    from django.core.cache import cache

    from dangjian.core import datacache

    cache.clear()
    datacache.clear()
    yield
    cache.clear()
    datacache.clear()


@dataclass
class Hospital:
    committee: Organization
    branch_a: Organization
    group_a: Organization
    branch_b: Organization
    alice: User
    bob: User
    carol: User
    dave: User
    erin: User
    alice_member: Member
    bob_member: Member
    dave_member: Member
    erin_member: Member


def _user(username: str, role: str, organization=None, member=None) -> User:
    user = User.objects.create_user(username, password="Dangjian#2025")
    Profile.objects.create(user=user, role=role, organization=organization, member=member)
    return user


def _build_hospital() -> dict[str, int]:
    committee = OrganizationFactory(
        code="HOSP", name="县人民医院党委", org_type=OrgType.PARTY_COMMITTEE
    )
    branch_a = OrganizationFactory(code="A", name="内科党支部", parent=committee)
    group_a = OrganizationFactory(
        code="A1", name="内科第一党小组", org_type=OrgType.GROUP, parent=branch_a
    )
    branch_b = OrganizationFactory(code="B", name="外科党支部", parent=committee)
    alice_member = MemberFactory(
        name="爱丽丝", organization=branch_a, party_post="书记", is_dual_leader=True
    )
    bob_member = MemberFactory(name="鲍勃", organization=group_a)
    dave_member = MemberFactory(name="戴夫", organization=branch_b, party_post="书记")
    erin_member = MemberFactory(name="艾琳", organization=branch_b)
    rows = {
        "committee": committee,
        "branch_a": branch_a,
        "group_a": group_a,
        "branch_b": branch_b,
        "alice": _user("alice", Role.BRANCH_SECRETARY, branch_a, alice_member),
        "bob": _user("bob", Role.MEMBER, member=bob_member),
        "carol": _user("carol", Role.PARTY_ADMIN),
        "dave": _user("dave", Role.BRANCH_SECRETARY, branch_b, dave_member),
        "erin": _user("erin", Role.MEMBER, member=erin_member),
        "alice_member": alice_member,
        "bob_member": bob_member,
        "dave_member": dave_member,
        "erin_member": erin_member,
    }
    return {name: row.pk for name, row in rows.items()}


_HOSPITAL_ROWS = {
    Organization: ("committee", "branch_a", "group_a", "branch_b"),
    Member: ("alice_member", "bob_member", "dave_member", "erin_member"),
    User: ("alice", "bob", "carol", "dave", "erin"),
}


def _load_hospital(pks: dict[str, int]) -> Hospital:
    """The cast as fresh objects (three queries), so that one test's changes to them in memory
    do not reach the next."""
    fields = {}
    for model, names in _HOSPITAL_ROWS.items():
        rows = model.objects.in_bulk([pks[name] for name in names])
        fields.update({name: rows[pks[name]] for name in names})
    return Hospital(**fields)


cast.register("hospital", _build_hospital, _load_hospital, defined_in=__file__)


@pytest.fixture
def hospital(db) -> Hospital:
    """The cast, built once and rolled back after each test (tests/cast.py)."""
    return cast.loaded("hospital")
