"""Audit entries are kept at least 180 days; older ones can be purged."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from dangjian.core.models import AccessEvent, AccessKind
from dangjian.organizations.models import Member


def test_purge_keeps_recent_and_removes_old(hospital):
    old = timezone.now() - dt.timedelta(days=200)
    recent = timezone.now() - dt.timedelta(days=170)
    for when in (old, recent):
        event = AccessEvent.objects.create(kind=AccessKind.EXPORT, username="carol")
        AccessEvent.objects.filter(pk=event.pk).update(at=when)
    Member.history.filter(id=hospital.bob_member.pk).update(history_date=old)
    history_before = Member.history.count()

    call_command("purge_audit")

    assert list(AccessEvent.objects.values_list("at", flat=True)) == [recent]
    assert Member.history.count() == history_before - 1


def test_purge_refuses_a_shorter_retention(db):
    with pytest.raises(CommandError, match="至少保留180天"):
        call_command("purge_audit", "--days", "30")
