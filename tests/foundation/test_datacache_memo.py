"""The data-version cache keeps the computed objects in a bounded per-process memo: a hit returns
the very object computed (nothing is pickled), ``clear`` forgets it, old entries are dropped."""

import pickle

from dangjian.core import datacache
from dangjian.organizations.models import Member
from tests.factories import MemberFactory


class Unpicklable:
    def __reduce__(self):
        raise pickle.PicklingError("the memo must not pickle")


def test_a_hit_returns_the_computed_object_itself(hospital):
    value = [Unpicklable(), Member.objects.count()]
    first = datacache.cached("memo", ("a",), lambda: value)
    assert first is value
    assert datacache.cached("memo", ("a",), lambda: ["other"]) is value


def test_clear_forgets_every_result(hospital):
    datacache.cached("memo", ("a",), lambda: 1)
    datacache.clear()
    assert datacache.cached("memo", ("a",), lambda: 2) == 2


def test_a_change_gives_a_fresh_result(hospital):
    count = lambda: Member.objects.count()  # noqa: E731
    before = datacache.cached("memo", ("count",), count)
    MemberFactory(organization=hospital.branch_b)
    assert datacache.cached("memo", ("count",), count) == before + 1


def test_the_memo_is_bounded_and_keeps_recent_entries(hospital):
    version = datacache.data_version()
    datacache.cached("memo", ("kept",), lambda: "kept", version=version)
    for i in range(datacache.MEMO_SIZE * 2):
        datacache.cached("memo", (i,), lambda i=i: i, version=version)
        datacache.cached("memo", ("kept",), lambda: "recomputed", version=version)  # used: stays
    assert len(datacache._memo) == datacache.MEMO_SIZE
    assert datacache.cached("memo", ("kept",), lambda: "recomputed", version=version) == "kept"
    assert datacache.cached("memo", (0,), lambda: "again", version=version) == "again", "dropped"
