"""List pages of the integrity ledgers and the 整改 list/export: queries do not grow with rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    IntegrityEducationFactory,
    RectificationItemFactory,
    ResponsibilityFactory,
    ViolationFactory,
)


def _fill(hospital, n):
    for _ in range(n):
        ResponsibilityFactory(organization=hospital.branch_a)
        IntegrityEducationFactory(organization=hospital.group_a)
        ViolationFactory(organization=hospital.branch_a)
        RectificationItemFactory(organization=hospital.group_a, evidence="材料")


@pytest.mark.parametrize(
    ("user", "url"),
    [
        ("alice", "/integrity/letters/"),
        ("alice", "/integrity/education/"),
        ("carol", "/integrity/violations/"),
        ("alice", "/rectification/"),
        ("alice", "/rectification/export.xlsx"),
        ("carol", "/api/violations/"),
    ],
)
def test_same_queries_at_two_sizes(client, hospital, user, url):
    client.force_login(getattr(hospital, user))
    _fill(hospital, 2)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _fill(hospital, 15)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]
