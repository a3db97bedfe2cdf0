"""Results kept until the ledgers change: every kind of change gives a new data version, and the
pages that use the cache show a change at the next request."""

import datetime as dt

from dangjian.compliance.reminders import collect
from dangjian.core import clock
from dangjian.core.datacache import cached, data_version
from dangjian.organizations.models import Member
from dangjian.orglife.models import Attendance, EventType, OrgLifeEvent
from tests.factories import AttendanceFactory, MemberFactory, OrgLifeEventFactory


def test_every_change_to_a_ledger_row_gives_a_new_version(hospital):
    seen = [data_version()]
    assert data_version() == seen[0], "no change, same version"

    event = OrgLifeEventFactory(organization=hospital.branch_a)
    seen.append(data_version())
    event.topic = "学习新修订的《中国共产党纪律处分条例》"
    event.save()
    seen.append(data_version())
    event.delete()
    seen.append(data_version())
    # A bulk insert without history (as the demo loader does) is seen through the table's ids.
    Attendance.objects.bulk_create(
        [
            Attendance(
                event=OrgLifeEventFactory(organization=hospital.branch_b),
                member=hospital.erin_member,
            )
        ]
    )
    seen.append(data_version())
    assert len(set(seen)) == len(seen), seen


def test_cached_computes_once_per_version(hospital):
    calls = []

    def compute():
        calls.append(1)
        return Member.objects.count()

    assert cached("members", ("x",), compute) == 4
    assert cached("members", ("x",), compute) == 4
    assert len(calls) == 1
    assert cached("members", ("y",), compute) == 4, "other parts, other entry"
    assert len(calls) == 2
    MemberFactory(organization=hospital.branch_b)
    assert cached("members", ("x",), compute) == 5
    assert len(calls) == 3


def test_home_page_shows_a_new_meeting_at_the_next_visit(hospital, client):
    client.force_login(hospital.carol)
    year = clock.today().year

    def themed_days() -> str:
        page = client.get("/").content.decode()
        label = "主题党日次数"
        assert label in page
        return page.split(label, 1)[1][:400]

    before = themed_days()
    assert themed_days() == before
    event = OrgLifeEventFactory(
        organization=hospital.branch_a,
        event_type=EventType.THEMED_PARTY_DAY,
        date=dt.date(year, 1, 10),
    )
    AttendanceFactory(event=event, member=hospital.alice_member)
    after = themed_days()
    assert after != before
    OrgLifeEvent.objects.filter(pk=event.pk).first().delete()
    assert themed_days() == before


def test_reminders_follow_the_ledgers(hospital):
    today = dt.date(2025, 11, 20)
    hospital.branch_a.last_election_on = dt.date(2022, 1, 1)
    hospital.branch_a.save()
    due = [r for r in collect(today) if r.kind == "election" and r.org_id == hospital.branch_a.pk]
    assert due, "a term that ended in January 2025 is overdue"
    hospital.branch_a.last_election_on = dt.date(2025, 6, 1)
    hospital.branch_a.save()
    assert not [
        r for r in collect(today) if r.kind == "election" and r.org_id == hospital.branch_a.pk
    ]
