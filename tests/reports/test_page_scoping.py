"""Who gets which report: Carol (党委管理员) any org, Alice (支部书记 A) only A, Bob (党员) 403."""

import json
import re

import pytest
from django.urls import reverse

URL = reverse("reports:annual")


@pytest.fixture
def client_for(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def test_admin_sees_the_hospital_report_with_clickable_figures(year2025, client_for):
    response = client_for(year2025.h.carol).get(URL, {"year": 2025})
    assert response.status_code == 200
    body = response.content.decode()
    assert "县人民医院党委关于2025年度党建工作情况的报告" in body
    assert (
        'class="figure" href="/reports/annual/figure/?year=2025&amp;org=HOSP&amp;key=meetings.'
        in body
    )
    assert '<option value="A"' in body and '<option value="B"' in body


def test_secretary_gets_her_branch_only(year2025, client_for):
    alice = client_for(year2025.h.alice)
    response = alice.get(URL, {"year": 2025})
    assert response.status_code == 200
    body = response.content.decode()
    assert "内科党支部关于2025年度党建工作情况的报告" in body
    assert '<option value="B"' not in body and '<option value="HOSP"' not in body
    assert alice.get(URL, {"year": 2025, "org": "B"}).status_code == 404
    assert alice.get(URL, {"year": 2025, "org": "HOSP"}).status_code == 404
    assert (
        alice.get(
            reverse("reports:figure"), {"year": 2025, "org": "B", "key": "members.total"}
        ).status_code
        == 404
    )


def test_member_is_forbidden(year2025, client_for):
    bob = client_for(year2025.h.bob)
    assert bob.get(URL, {"year": 2025}).status_code == 403
    assert (
        bob.get(reverse("reports:figure"), {"year": 2025, "key": "members.total"}).status_code
        == 403
    )


def test_anonymous_is_sent_to_login(year2025, client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_figure_page_lists_the_records(year2025, client_for):
    carol = client_for(year2025.h.carol)
    response = carol.get(
        reverse("reports:figure"), {"year": 2025, "org": "HOSP", "key": "decisions.without_quorum"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "未达法定人数的决策" in body
    # Compare the listed record numbers, not substrings of the whole page (a CSRF token may contain "J1").
    listed = set(re.findall(r'<td data-label="编号">([^<]+)</td>', body))
    assert listed == {"J2", "J3"}
    assert (
        carol.get(
            reverse("reports:figure"), {"year": 2025, "org": "HOSP", "key": "nope"}
        ).status_code
        == 404
    )


@pytest.mark.parametrize("fmt, start", [("docx", b"PK"), ("md", b"# "), ("json", b"{")])
def test_downloads(year2025, client_for, fmt, start):
    response = client_for(year2025.h.alice).get(URL, {"year": 2025, "org": "A", "format": fmt})
    assert response.status_code == 200
    assert response.content.startswith(start)
    assert "attachment" in response["Content-Disposition"]
    if fmt == "json":
        assert json.loads(response.content)["org"]["code"] == "A"


def test_page_query_count_does_not_depend_on_data(
    year2025, client_for, django_assert_max_num_queries
):
    carol = client_for(year2025.h.carol)
    from dangjian.reports.figures import DATASETS

    # Two years of datasets, plus the session, user, scope and organisation choices of the page,
    # the five queries choosing the 典型做法 (reports/highlights.py) and the three reading 查摆问题
    # and 工作要点 (reports/narrative.py).
    with django_assert_max_num_queries(2 * len(DATASETS) + 24):
        assert carol.get(URL, {"year": 2025}).status_code == 200


def test_figure_page_lists_attendance_a_page_at_a_time(hospital, client_for):
    import datetime as dt

    from dangjian.reports.views import FIGURE_PAGE_SIZE
    from tests.factories import AttendanceFactory, OrgLifeEventFactory

    h = hospital
    people = [h.alice_member, h.bob_member]
    for day in range(1, 52):  # 51 meetings × 2 members = 102 参会记录
        event = OrgLifeEventFactory(
            organization=h.branch_a,
            code=f"Z{day:03d}",
            date=dt.date(2025, 1, 1) + dt.timedelta(days=day * 6),
        )
        for person in people:
            AttendanceFactory(event=event, member=person)
    carol = client_for(h.carol)
    query = {"year": 2025, "org": "HOSP", "key": "attendance.records"}
    numbers = r'<td data-label="编号">([^<]+)</td>'
    first = carol.get(reverse("reports:figure"), query).content.decode()
    second = carol.get(reverse("reports:figure"), {**query, "page": 2}).content.decode()
    assert "共 102 条记录" in first and "第 1 / 2 页" in first
    on_first, on_second = re.findall(numbers, first), re.findall(numbers, second)
    assert len(on_first) == FIGURE_PAGE_SIZE and len(on_second) == 102 - FIGURE_PAGE_SIZE
    # In date order, each record once, linking to the 参会记录 it names.
    assert (
        on_first[0] == f"Z001/{h.alice_member.member_no}"
        or on_first[0] == f"Z001/{h.bob_member.member_no}"
    )
    assert len(set(on_first) | set(on_second)) == 102
    assert on_second[-1].startswith("Z051/")
