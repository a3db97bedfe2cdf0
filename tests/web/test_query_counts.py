"""Pages added for the web product do not issue a query per row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    AttendanceFactory,
    MemberFactory,
    OrgLifeEventFactory,
    RectificationItemFactory,
)


def grow(hospital, n):
    for _ in range(n):
        event = OrgLifeEventFactory(organization=hospital.branch_a, duration_hours=2)
        AttendanceFactory(event=event, member=hospital.bob_member)
        AttendanceFactory(event=event, member=MemberFactory(organization=hospital.branch_a))
        RectificationItemFactory(organization=hospital.branch_a)


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize(
    "who,url",
    [
        ("carol", "/"),
        ("alice", "/"),
        ("bob", "/"),
        ("carol", "/dashboard/data.json?year=2025"),
        ("alice", "/dashboard/data.json?year=2025"),
        ("alice", "/orglife/calendar/?month=2025-03"),
        ("bob", "/orglife/calendar/?month=2025-03"),
        ("carol", "/organizations/elections/"),
        ("alice", "/rectification/?sort=-deadline"),
        ("alice", "/orglife/?sort=date&year=2025"),
    ],
)
def test_constant_queries(client, hospital, who, url):
    client.force_login(getattr(hospital, who))
    grow(hospital, 2)
    small = count(client, url)
    grow(hospital, 15)
    assert count(client, url) == small
