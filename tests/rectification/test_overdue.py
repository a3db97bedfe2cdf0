"""逾期 at its boundaries: the deadline day is still in time; the day after is overdue."""

import datetime as dt

import pytest

from dangjian.core import clock
from dangjian.rectification.models import DONE_Q, RectificationItem, RectificationStatus
from dangjian.rectification.overdue import is_overdue, overdue_q
from tests.factories import RectificationItemFactory

DEADLINE = dt.date(2025, 6, 30)


@pytest.mark.parametrize(
    ("on", "done", "expected"),
    [
        (dt.date(2025, 6, 29), False, False),
        (DEADLINE, False, False),
        (dt.date(2025, 7, 1), False, True),
        (dt.date(2025, 7, 1), True, False),
        (dt.date(2030, 1, 1), True, False),
    ],
)
def test_is_overdue_boundaries(on, done, expected):
    assert is_overdue(deadline=DEADLINE, done=done, on=on) is expected


@pytest.mark.parametrize("on", [dt.date(2025, 6, 29), DEADLINE, dt.date(2025, 7, 1)])
def test_query_agrees_with_the_function(hospital, on):
    open_item = RectificationItemFactory(organization=hospital.branch_a, deadline=DEADLINE)
    RectificationItemFactory(
        organization=hospital.branch_a,
        deadline=DEADLINE,
        status=RectificationStatus.DONE,
        completed_on=DEADLINE,
    )
    found = set(
        RectificationItem.objects.filter(overdue_q(on, done_q=DONE_Q)).values_list("pk", flat=True)
    )
    expected = {item.pk for item in RectificationItem.objects.all() if item.is_overdue(on)}
    assert found == expected
    assert found == ({open_item.pk} if on > DEADLINE else set())


def test_list_filter_and_column_use_the_rule(client, hospital):
    today = clock.today()
    late = RectificationItemFactory(
        organization=hospital.branch_a, deadline=today - dt.timedelta(days=1)
    )
    due_today = RectificationItemFactory(organization=hospital.branch_a, deadline=today)
    client.force_login(hospital.alice)
    page = client.get("/rectification/?overdue=true").content.decode()
    assert late.code in page and due_today.code not in page


def test_workspace_reminder_says_overdue_only_after_the_deadline(hospital):
    from dangjian.web.workspace import branch_todo

    today = dt.date(2025, 6, 30)
    RectificationItemFactory(organization=hospital.branch_a, deadline=today, code="ZG-TODAY")
    RectificationItemFactory(
        organization=hospital.branch_a, deadline=today - dt.timedelta(days=1), code="ZG-LATE"
    )
    todos = branch_todo(hospital.branch_a, user=hospital.alice, today=today)
    late = next(t for t in todos if "ZG-LATE" in t.text)
    on_time = next(t for t in todos if "ZG-TODAY" in t.text)
    assert "已逾期" in late.text and late.level == "overdue"
    assert "本月到期" in on_time.text and on_time.level == "todo"
