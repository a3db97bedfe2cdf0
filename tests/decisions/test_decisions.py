"""三重一大: quorum (more than half; 干部任免 two thirds or more) and 前置研究, flagged and filtered.

Hand-checked: 9 due → 5 present is more than half, 4 is not; 8 due → 4 is exactly half (no quorum);
干部任免 9 due → 6 is two thirds (quorum), 5 is not; 7 due → 5 ≥ 4⅔, 4 is not.
前置研究: the 党委会 on or before the 院长办公会.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from dangjian.decisions.models import DecisionCategory, MajorDecision
from tests.factories import MajorDecisionFactory

D = dt.date
DOC = "《关于加强公立医院党的建设工作的意见》（2018）"
CADRE, MAJOR = DecisionCategory.CADRE_APPOINTMENT, DecisionCategory.MAJOR_DECISION


@pytest.mark.parametrize(
    ("category", "due", "present", "quorate"),
    [
        (MAJOR, 9, 5, True),
        (MAJOR, 9, 4, False),
        (MAJOR, 8, 5, True),
        (MAJOR, 8, 4, False),
        (CADRE, 9, 6, True),
        (CADRE, 9, 5, False),
        (CADRE, 7, 5, True),
        (CADRE, 7, 4, False),
        (CADRE, 6, 4, True),
    ],
)
def test_quorum_shown_and_flagged(client, hospital, category, due, present, quorate):
    decision = MajorDecisionFactory(
        organization=hospital.committee,
        category=category,
        members_due=due,
        members_present=present,
    )
    client.force_login(hospital.carol)
    page = client.get(decision.get_absolute_url()).content.decode()
    if quorate:
        assert "达到" in page and "未达法定人数" not in page and "rule-warnings" not in page
    else:
        assert "未达法定人数" in page and "rule-warnings" in page and DOC in page
        need = "三分之二以上" if category == CADRE else "超过半数"
        assert f"{category}事项须{need}应到人员到会" in page
    listed = client.get("/decisions/?problems=true").content.decode()
    assert (decision.topic in listed) is (not quorate)


@pytest.mark.parametrize(
    ("president", "flagged"),
    [(D(2025, 4, 9), True), (D(2025, 4, 10), False), (D(2025, 4, 11), False), (None, False)],
)
def test_pre_study_before_the_presidents_meeting(client, hospital, president, flagged):
    decision = MajorDecisionFactory(
        organization=hospital.committee,
        meeting_date=D(2025, 4, 10),
        president_meeting_on=president,
        topic="采购大型医疗设备",
    )
    client.force_login(hospital.carol)
    page = client.get(decision.get_absolute_url()).content.decode()
    assert ("不符合党委前置研究要求" in page) is flagged
    assert (f"{DOC} 党委前置研究" in page) is flagged
    if president is not None:
        assert ("未前置研究" if flagged else "已前置研究") in page
    listed = client.get("/decisions/?problems=true").content.decode()
    assert ("采购大型医疗设备" in listed) is flagged


def test_problem_filter_and_markers(client, hospital):
    good = MajorDecisionFactory(
        organization=hospital.committee, topic="良好事项", members_due=9, members_present=8
    )
    no_quorum = MajorDecisionFactory(
        organization=hospital.committee, topic="人数不足事项", members_due=9, members_present=4
    )
    late = MajorDecisionFactory(
        organization=hospital.committee,
        topic="未前置事项",
        meeting_date=D(2025, 5, 6),
        president_meeting_on=D(2025, 5, 5),
    )
    both = MajorDecisionFactory(
        organization=hospital.committee,
        topic="两项问题",
        category=CADRE,
        members_due=9,
        members_present=5,
        meeting_date=D(2025, 5, 6),
        president_meeting_on=D(2025, 5, 1),
    )
    client.force_login(hospital.carol)
    everything = client.get("/decisions/").content.decode()
    for decision in (good, no_quorum, late, both):
        assert decision.topic in everything
    rows = {
        d.topic: next(r for r in everything.split("<tr>") if d.topic in r)
        for d in (good, no_quorum, both)
    }
    assert "⚠" not in rows["良好事项"]
    assert "⚠ 1项" in rows["人数不足事项"]
    assert "⚠ 2项" in rows["两项问题"]
    only = client.get("/decisions/?problems=true").content.decode()
    assert "良好事项" not in only
    assert all(topic in only for topic in ("人数不足事项", "未前置事项", "两项问题"))
    assert "共 3 条" in only
    assert "仅看有问题的" in only


def test_form_warns_with_the_rule(client, hospital):
    client.force_login(hospital.carol)
    response = client.post(
        "/decisions/new/",
        {
            "organization": hospital.committee.pk,
            "meeting_date": "2025-06-10",
            "category": CADRE,
            "topic": "任命护理部主任",
            "members_due": "9",
            "members_present": "5",
            "result": "通过",
            "president_meeting_on": "2025-06-09",
        },
        follow=True,
    )
    page = response.content.decode()
    decision = MajorDecision.objects.get()
    assert decision.president_meeting_on == D(2025, 6, 9)
    assert "重要干部任免事项须三分之二以上应到人员到会" in page
    assert "党委会研究日期（2025-06-10）晚于院长办公会日期（2025-06-09）" in page
    assert f"{DOC} 党委前置研究" in page


def test_api_reports_problems_and_refuses_impossible_counts(hospital):
    api = APIClient()
    api.force_authenticate(hospital.carol)
    data = {
        "organization": "HOSP",
        "code": "SZ-1",
        "meeting_date": "2025-06-10",
        "category": CADRE,
        "topic": "任命",
        "members_due": 9,
        "members_present": 10,
    }
    response = api.post("/api/decisions/", data, format="json")
    assert response.status_code == 400
    assert "实到人数（10）多于应到人数（9）" in response.json()["members_present"][0]
    response = api.post(
        "/api/decisions/",
        {**data, "members_present": 5, "president_meeting_on": "2025-06-01"},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["has_quorum"] is False
    assert {v["code"] for v in body["violations"]} == {
        "decision.no_quorum",
        "decision.pre_study_missing",
    }


def test_list_query_count_does_not_grow(client, hospital):
    def add(n, start):
        for i in range(n):
            MajorDecisionFactory(
                organization=hospital.committee,
                members_due=9,
                members_present=3 + (start + i) % 7,
                meeting_date=D(2025, 1, 1) + dt.timedelta(days=start + i),
                president_meeting_on=D(2025, 1, 1) + dt.timedelta(days=start + i + (i % 3) - 1),
            )

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    client.force_login(hospital.carol)
    add(3, 0)
    small = [count("/decisions/"), count("/decisions/?problems=true")]
    add(20, 3)
    assert [count("/decisions/"), count("/decisions/?problems=true")] == small
