"""A transfer in the middle of a year moves the member's counts from that date.

The cast (tests/conftest.py): branch A = 爱丽丝 (A) and 鲍勃 (group A1); branch B = 戴夫, 艾琳.
Hand count after the transfers below:

| member | 2024-12-31 | 2025-06-30 | 2025-07-01 | 2025-12-31 | today |
|---|---|---|---|---|---|
| 鲍勃: A1 → B on 2025-07-01 | A | A | B | B | B |
| 艾琳: B → A on 2026-03-01 (after the year) | B | B | B | B | A |
| 甲 (new, 转入 into A on 2025-04-01) | — | A | A | A | A |
| 乙 (A, 转出 on 2025-10-01) | A | A | A | — | — (row still says A) |
"""

import datetime as dt

import pytest

from dangjian.reports.figures import compute_figures
from dangjian.transfers.selectors import members_in_subtree_on
from dangjian.transfers.services import transfer_record
from tests.factories import MemberFactory

D = dt.date


@pytest.fixture
def moved(hospital):
    h = hospital
    newcomer = MemberFactory(
        member_no="N1", name="甲", organization=h.branch_a, joined_on=D(2010, 1, 1)
    )
    leaver = MemberFactory(
        member_no="L1", name="乙", organization=h.branch_a, joined_on=D(2010, 1, 1)
    )
    transfer_record(member=h.bob_member, kind="internal", date=D(2025, 7, 1), to_org=h.branch_b)
    transfer_record(
        member=newcomer,
        kind="in",
        date=D(2025, 4, 1),
        to_org=h.branch_a,
        from_unit="市人民医院党委",
    )
    transfer_record(member=leaver, kind="out", date=D(2025, 10, 1), to_unit="省肿瘤医院党委")
    transfer_record(member=h.erin_member, kind="internal", date=D(2026, 3, 1), to_org=h.branch_a)
    return h


def names(org, day):
    from dangjian.organizations.models import Member

    ids = [row[0] for row in members_in_subtree_on(org.path, day)]
    return sorted(Member.objects.filter(pk__in=ids).values_list("name", flat=True))


def test_members_on_a_day(moved):
    h = moved
    assert names(h.branch_a, D(2024, 12, 31)) == sorted(["爱丽丝", "鲍勃", "乙"])
    assert names(h.branch_a, D(2025, 6, 30)) == sorted(["爱丽丝", "鲍勃", "甲", "乙"])
    assert names(h.branch_a, D(2025, 7, 1)) == sorted(["爱丽丝", "甲", "乙"])
    assert names(h.branch_a, D(2025, 12, 31)) == sorted(["爱丽丝", "甲"])
    assert names(h.branch_b, D(2025, 6, 30)) == sorted(["戴夫", "艾琳"])
    assert names(h.branch_b, D(2025, 7, 1)) == sorted(["戴夫", "艾琳", "鲍勃"])
    assert names(h.group_a, D(2025, 6, 30)) == ["鲍勃"]
    assert names(h.group_a, D(2025, 7, 1)) == []
    assert names(h.committee, D(2025, 12, 31)) == sorted(["爱丽丝", "甲", "戴夫", "艾琳", "鲍勃"])
    assert names(h.branch_a, D(2026, 3, 1)) == sorted(["爱丽丝", "甲", "艾琳"])


def test_members_on_a_day_is_one_query(moved, django_assert_num_queries):
    with django_assert_num_queries(1):
        members_in_subtree_on(moved.committee.path, D(2025, 12, 31), ("member_no", "name"))


def test_report_counts_members_where_they_were_at_year_end(moved):
    h = moved
    by_year = {year: compute_figures(year, h.committee) for year in (2024, 2025)}
    f24, f25 = by_year[2024], by_year[2025]
    # 2024 year end: A = 爱丽丝, 鲍勃, 乙; B = 戴夫, 艾琳 (甲 not yet ours).
    assert f24.value("members.by_branch.A") == 3
    assert f24.value("members.by_branch.B") == 2
    assert f24.value("members.total") == 5
    # 2025 year end: A = 爱丽丝, 甲 (鲍勃 left on 07-01, 乙 left the hospital); B = 戴夫, 艾琳, 鲍勃
    # (艾琳 moves only in 2026).
    assert f25.value("members.by_branch.A") == 2
    assert f25.value("members.by_branch.B") == 3
    assert f25.value("members.total") == 5
    a_nos = {h.alice_member.member_no, "N1"}
    assert set(f25["members.by_branch.A"].records) == a_nos
    assert set(f25["members.by_branch.B"].records) == {
        h.dave_member.member_no,
        h.erin_member.member_no,
        h.bob_member.member_no,
    }
    # A branch's own report sees the same.
    assert compute_figures(2025, h.branch_a).value("members.total") == 2
    assert compute_figures(2024, h.branch_a).value("members.total") == 3
    assert compute_figures(2025, h.group_a).value("members.total") == 0
    assert compute_figures(2024, h.group_a).value("members.total") == 1


def _queries(org) -> int:
    return compute_figures(2025, org).queries


def test_report_query_count_does_not_grow_with_transfers(hospital):
    h = hospital
    before = _queries(h.committee)
    for _n in range(30):
        member = MemberFactory(organization=h.branch_a)
        transfer_record(member=member, kind="internal", date=D(2025, 3, 1), to_org=h.branch_b)
        transfer_record(member=member, kind="internal", date=D(2025, 9, 1), to_org=h.group_a)
    assert _queries(h.committee) == before
    assert (
        compute_figures(2025, h.committee).value("members.by_branch.A") == 32
    )  # 30 + 爱丽丝 + 鲍勃
