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
    assert 'class="figure" href="/reports/annual/figure/?year=2025&amp;org=HOSP&amp;key=meetings.' in body
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
    assert alice.get(reverse("reports:figure"), {"year": 2025, "org": "B", "key": "members.total"}).status_code == 404


def test_member_is_forbidden(year2025, client_for):
    bob = client_for(year2025.h.bob)
    assert bob.get(URL, {"year": 2025}).status_code == 403
    assert bob.get(reverse("reports:figure"), {"year": 2025, "key": "members.total"}).status_code == 403


def test_anonymous_is_sent_to_login(year2025, client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_figure_page_lists_the_records(year2025, client_for):
    carol = client_for(year2025.h.carol)
    response = carol.get(reverse("reports:figure"), {"year": 2025, "org": "HOSP", "key": "decisions.without_quorum"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "未达法定人数的决策" in body
    # Compare the listed record numbers, not substrings of the whole page (a CSRF token may contain "J1").
    listed = set(re.findall(r'<td data-label="编号">([^<]+)</td>', body))
    assert listed == {"J2", "J3"}
    assert carol.get(reverse("reports:figure"), {"year": 2025, "org": "HOSP", "key": "nope"}).status_code == 404


@pytest.mark.parametrize("fmt, start", [("docx", b"PK"), ("md", "# ".encode()), ("json", b"{")])
def test_downloads(year2025, client_for, fmt, start):
    response = client_for(year2025.h.alice).get(URL, {"year": 2025, "org": "A", "format": fmt})
    assert response.status_code == 200
    assert response.content.startswith(start)
    assert "attachment" in response["Content-Disposition"]
    if fmt == "json":
        assert json.loads(response.content)["org"]["code"] == "A"


def test_page_query_count_does_not_depend_on_data(year2025, client_for, django_assert_max_num_queries):
    carol = client_for(year2025.h.carol)
    from dangjian.reports.figures import DATASETS

    # Two years of datasets, plus the session, user, scope and organisation choices of the page.
    with django_assert_max_num_queries(2 * len(DATASETS) + 16):
        assert carol.get(URL, {"year": 2025}).status_code == 200
