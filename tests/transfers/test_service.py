"""Recording a transfer moves the member in the same transaction; the rules refuse what would
leave the history inconsistent, with Chinese messages naming the rule."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dangjian.organizations.models import Member
from dangjian.transfers.models import Transfer
from dangjian.transfers.selectors import member_periods
from dangjian.transfers.services import transfer_delete, transfer_record

JUL1 = dt.date(2025, 7, 1)


def test_internal_transfer_moves_the_member_and_is_audited(hospital):
    bob = hospital.bob_member
    transfer = transfer_record(
        member=bob, kind="internal", date=JUL1, to_org=hospital.branch_b, letter_no="JS-7"
    )
    bob.refresh_from_db()
    assert bob.organization == hospital.branch_b
    assert (transfer.from_org, transfer.to_org, transfer.code) == (
        hospital.group_a,
        hospital.branch_b,
        "ZJ2025-001",
    )
    assert (
        bob.history.first().organization_id == hospital.branch_b.pk
    )  # the move is in the member's history
    assert transfer.history.count() == 1
    periods = member_periods(bob)
    assert [(p.org, p.start, p.until) for p in periods] == [
        (hospital.group_a.pk, None, dt.date(2025, 6, 30)),
        (hospital.branch_b.pk, JUL1, None),
    ]


def test_rules(hospital):
    bob = hospital.bob_member
    with pytest.raises(ValidationError) as same:
        transfer_record(member=bob, kind="internal", date=JUL1, to_org=hospital.group_a)
    assert "相同" in same.value.message_dict["to_org"][0]
    transfer_record(member=bob, kind="internal", date=JUL1, to_org=hospital.branch_b)
    with pytest.raises(ValidationError) as earlier:
        transfer_record(
            member=bob, kind="internal", date=dt.date(2025, 6, 1), to_org=hospital.branch_a
        )
    assert "不能早于该党员最近一次转接" in earlier.value.message_dict["date"][0]
    with pytest.raises(ValidationError) as no_unit:
        transfer_record(member=bob, kind="out", date=dt.date(2025, 9, 1))
    assert "接收单位" in no_unit.value.message_dict["to_unit"][0]
    transfer_record(member=bob, kind="out", date=dt.date(2025, 9, 1), to_unit="市中医院党委")
    with pytest.raises(ValidationError) as gone:
        transfer_record(
            member=bob, kind="internal", date=dt.date(2025, 10, 1), to_org=hospital.branch_a
        )
    assert "只能再登记“转入”" in gone.value.message_dict["kind"][0]
    back = transfer_record(
        member=bob,
        kind="in",
        date=dt.date(2026, 1, 5),
        to_org=hospital.branch_a,
        from_unit="市中医院党委",
    )
    assert back.from_org is None
    assert Member.objects.get(pk=bob.pk).organization == hospital.branch_a
    assert Transfer.objects.filter(member=bob).count() == 3


def test_a_refused_transfer_writes_nothing(hospital):
    bob = hospital.bob_member
    with pytest.raises(ValidationError):
        transfer_record(member=bob, kind="internal", date=JUL1, to_org=None)
    assert not Transfer.objects.exists()
    bob.refresh_from_db()
    assert bob.organization == hospital.group_a


def test_only_the_latest_transfer_can_be_deleted_and_the_member_goes_back(hospital):
    bob = hospital.bob_member
    first = transfer_record(member=bob, kind="internal", date=JUL1, to_org=hospital.branch_b)
    second = transfer_record(
        member=bob, kind="internal", date=dt.date(2025, 8, 1), to_org=hospital.branch_a
    )
    with pytest.raises(ValidationError) as refused:
        transfer_delete(transfer=first)
    assert "最近一次" in refused.value.messages[0]
    transfer_delete(transfer=second)
    assert Member.objects.get(pk=bob.pk).organization == hospital.branch_b
    transfer_delete(transfer=Transfer.objects.get(pk=first.pk))
    assert Member.objects.get(pk=bob.pk).organization == hospital.group_a
    assert not Transfer.objects.exists()
