"""推进到下一步, 延长预备期, 取消预备党员资格 through the page and the API: each refusal names the rule.

Dates are hand-checked against 《中国共产党发展党员工作细则》 (2014) and DOMAIN.md §1; "today" is
2026-11-23 (conftest). The applicant of DevelopmentCaseFactory was born 1998-02-03.
"""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from dangjian.development.models import DevelopmentCase
from dangjian.organizations.models import MemberCategory
from tests.factories import DevelopmentCaseFactory, MemberFactory, id_number

D = dt.date
DOC = "《中国共产党发展党员工作细则》（2014）"


def case_in(hospital, **dates) -> DevelopmentCase:
    values = {"applied_on": D(2023, 1, 5), "talked_on": D(2023, 1, 20)} | dates
    return DevelopmentCaseFactory(organization=hospital.branch_a, **values)


def ready_for_admission(hospital, **extra) -> DevelopmentCase:
    values = {
        "activist_on": D(2024, 2, 29),
        "candidate_on": D(2025, 3, 1),
        "political_review_on": D(2025, 5, 10),
        "training_completed_on": D(2025, 5, 20),
        "publicity_started_on": D(2025, 6, 2),
        "introducers": "张三、李四",
    }
    return case_in(hospital, **(values | extra))


def admitted(hospital, **extra) -> DevelopmentCase:
    return ready_for_admission(hospital, **({"admitted_on": D(2025, 6, 9)} | extra))


def advance(client, case, on, **extra):
    return client.post(f"/development/{case.pk}/advance/", {"on": on.isoformat(), **extra})


def refused(response, *fragments):
    assert response.status_code == 200, response.status_code
    page = response.content.decode()
    assert "保存失败" in page
    for fragment in fragments:
        assert fragment in page, fragment
    return page


def test_valid_forward_move_records_the_talk(client, hospital):
    case = case_in(hospital, applied_on=D(2026, 10, 30), talked_on=None)
    client.force_login(hospital.alice)
    response = advance(client, case, D(2026, 11, 20))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.talked_on == D(2026, 11, 20)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "第2步 党组织派人谈话" in page  # the current step
    assert "第3步 推荐和确定入党积极分子" in page  # the next one


def test_talk_more_than_a_month_after_application_is_refused(client, hospital):
    case = case_in(hospital, applied_on=D(2026, 10, 20), talked_on=None)
    client.force_login(hospital.alice)
    refused(
        advance(client, case, D(2026, 11, 21)), f"{DOC} 第2步 党组织派人谈话", "最迟 2026-11-20"
    )
    assert advance(client, case, D(2026, 11, 20)).status_code == 302


@pytest.mark.parametrize(
    ("on", "ok"),
    [(D(2025, 2, 27), False), (D(2025, 2, 28), True), (D(2025, 3, 1), True)],
)
def test_candidate_one_year_after_leap_day_activist(client, hospital, on, ok):
    """积极分子 2024-02-29: one year later is 2025-02-28 (no 29 February in 2025)."""
    case = case_in(hospital, activist_on=D(2024, 2, 29))
    client.force_login(hospital.alice)
    response = advance(client, case, on)
    case.refresh_from_db()
    if ok:
        assert response.status_code == 302
        assert case.candidate_on == on
    else:
        refused(
            response,
            "确定为发展对象须经12个月以上培养教育",
            "最早 2025-02-28",
            f"{DOC} 第7步 确定发展对象",
        )
        assert case.candidate_on is None


def test_candidate_too_early_refused_through_the_api(hospital):
    case = case_in(hospital, activist_on=D(2024, 2, 29))
    api = APIClient()
    api.force_authenticate(hospital.alice)
    response = api.patch(
        f"/api/development-cases/{case.pk}/", {"candidate_on": "2025-02-27"}, format="json"
    )
    assert response.status_code == 400
    [message] = response.json()["candidate_on"]
    assert "确定为发展对象须经12个月以上培养教育" in message and f"{DOC} 第7步" in message
    case.refresh_from_db()
    assert case.candidate_on is None
    response = api.patch(
        f"/api/development-cases/{case.pk}/", {"candidate_on": "2025-02-28"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["current_step"] == 7


@pytest.mark.parametrize(
    ("on", "ok"),
    [(D(2025, 6, 5), False), (D(2025, 6, 6), False), (D(2025, 6, 7), True)],
)
def test_branch_meeting_only_after_publicity_ends(client, hospital, on, ok):
    """公示 from Monday 2025-06-02, 5 working days: last day Friday 2025-06-06."""
    case = ready_for_admission(hospital)
    client.force_login(hospital.alice)
    response = advance(client, case, on)
    if ok:
        assert response.status_code == 302
    else:
        refused(response, "期满前不得提交支部大会讨论", f"{DOC} 第13步 上级党委预审")
        case.refresh_from_db()
        assert case.admitted_on is None


def test_branch_meeting_before_political_review_is_refused(client, hospital):
    case = ready_for_admission(hospital, political_review_on=D(2025, 6, 20))
    client.force_login(hospital.alice)
    refused(
        advance(client, case, D(2025, 6, 19)),
        "支部大会接收日期（2025-06-19）早于政治审查日期（2025-06-20）",
        f"{DOC} 第15步 支部大会讨论",
    )
    assert advance(client, case, D(2025, 6, 20)).status_code == 302


def test_branch_meeting_refused_through_the_api_before_publicity_ends(hospital):
    case = ready_for_admission(hospital)
    api = APIClient()
    api.force_authenticate(hospital.carol)
    response = api.patch(
        f"/api/development-cases/{case.pk}/", {"admitted_on": "2025-06-06"}, format="json"
    )
    assert response.status_code == 400
    assert f"{DOC} 第13步" in response.json()["admitted_on"][0]


def test_one_introducer_is_refused(client, hospital):
    case = ready_for_admission(hospital, introducers="张三")
    client.force_login(hospital.alice)
    refused(
        advance(client, case, D(2025, 6, 9)),
        "应有2名正式党员作入党介绍人，记录为1名",
        f"{DOC} 第9步 确定入党介绍人",
    )
    case.introducers = ""
    case.save()
    refused(advance(client, case, D(2025, 6, 9)), "记录为0名")


def test_probationary_introducer_is_refused_and_two_full_members_pass(client, hospital):
    case = ready_for_admission(hospital, introducers="")
    probationary = MemberFactory(
        organization=hospital.branch_a, category=MemberCategory.PROBATIONARY
    )
    case.introducer_members.set([hospital.alice_member, probationary])
    client.force_login(hospital.alice)
    refused(advance(client, case, D(2025, 6, 9)), "入党介绍人须为正式党员", f"{DOC} 第9步")
    case.introducer_members.set([hospital.alice_member, hospital.bob_member])
    assert advance(client, case, D(2025, 6, 9)).status_code == 302


def test_probationary_introducer_refused_through_the_api(hospital):
    case = ready_for_admission(hospital, introducers="")
    probationary = MemberFactory(
        organization=hospital.branch_a, category=MemberCategory.PROBATIONARY
    )
    api = APIClient()
    api.force_authenticate(hospital.alice)
    response = api.patch(
        f"/api/development-cases/{case.pk}/",
        {
            "admitted_on": "2025-06-09",
            "introducer_members": [hospital.alice_member.member_no, probationary.member_no],
        },
        format="json",
    )
    assert response.status_code == 400
    assert "入党介绍人须为正式党员" in response.json()["introducers"][0]


@pytest.mark.parametrize(
    ("on", "reason", "ok"),
    [
        (D(2025, 9, 9), "", True),  # 3 months after 2025-06-09, the last normal day
        (D(2025, 9, 10), "", False),  # a day late, no special case stated
        (D(2025, 9, 10), "上级党委集中审批", True),  # a special case: allowed up to 6 months
        (D(2025, 12, 9), "上级党委集中审批", True),
        (D(2025, 12, 10), "上级党委集中审批", False),  # beyond 6 months: never
    ],
)
def test_approval_within_three_months_of_branch_meeting(client, hospital, on, reason, ok):
    case = admitted(hospital)
    client.force_login(hospital.alice)
    response = client.post(
        f"/development/{case.pk}/advance/",
        {"on": on.isoformat(), "special_reason": reason},
        follow=True,
    )
    case.refresh_from_db()
    page = response.content.decode()
    if ok:
        assert case.approved_on == on
        if reason:
            assert case.approval_delay_reason == reason
            assert "上级党委应在3个月内审批" in page  # still shown as a warning
    else:
        assert case.approved_on is None
        assert f"{DOC} 第17步 上级党委审批" in page


def test_applicant_under_eighteen_refused_in_the_form(client, hospital):
    """Born 2008-02-29: 18 on 2026-02-28 (no 29 February in 2026)."""
    client.force_login(hospital.alice)
    number = id_number(7, D(2008, 2, 29))
    data = {
        "name": "赵青",
        "id_number": number,
        "organization": hospital.branch_a.pk,
        "applied_on": "2026-02-27",
    }
    refused(
        client.post("/development/new/", data),
        "递交入党申请书时未满18周岁",
        f"{DOC} 第1步 递交入党申请书",
    )
    assert not DevelopmentCase.objects.exists()
    response = client.post("/development/new/", {**data, "applied_on": "2026-02-28"})
    assert response.status_code == 302
    assert DevelopmentCase.objects.get().applied_on == D(2026, 2, 28)


def test_applicant_under_eighteen_refused_through_the_api(hospital):
    api = APIClient()
    api.force_authenticate(hospital.carol)
    data = {
        "name": "赵青",
        "id_number": id_number(8, D(2008, 2, 29)),
        "organization": "A",
        "applied_on": "2026-02-27",
    }
    response = api.post("/api/development-cases/", data, format="json")
    assert response.status_code == 400
    assert "未满18周岁" in response.json()["applied_on"][0]
    assert (
        api.post(
            "/api/development-cases/", {**data, "applied_on": "2026-02-28"}, format="json"
        ).status_code
        == 201
    )


def test_future_date_refused(client, hospital):
    case = case_in(hospital, applied_on=D(2026, 11, 1), talked_on=None)
    client.force_login(hospital.alice)
    refused(advance(client, case, D(2026, 11, 24)), "不能晚于今天")


@pytest.mark.parametrize(
    ("until", "ok"),
    [
        (D(2026, 12, 8), False),
        (D(2026, 12, 9), True),
        (D(2027, 6, 9), True),
        (D(2027, 6, 10), False),
    ],
)
def test_extension_between_six_and_twelve_months(client, hospital, until, ok):
    """Admitted 2025-06-09: 预备期 ends 2026-06-09; extension to 2026-12-09 … 2027-06-09."""
    case = admitted(hospital, approved_on=D(2025, 8, 1))
    client.force_login(hospital.alice)
    response = client.post(f"/development/{case.pk}/extend/", {"until": until.isoformat()})
    case.refresh_from_db()
    if ok:
        assert response.status_code == 302
        assert case.probation_extended_to == until
    else:
        refused(response, "延长预备期不能少于6个月、不能超过12个月", f"{DOC} 第21步")
        assert case.probation_extended_to is None


def test_extension_only_once(client, hospital):
    case = admitted(hospital, approved_on=D(2025, 8, 1), probation_extended_to=D(2026, 12, 9))
    client.force_login(hospital.alice)
    refused(
        client.post(f"/development/{case.pk}/extend/", {"until": "2027-01-09"}),
        "延长预备期只能一次",
    )
    page = client.get(case.get_absolute_url()).content.decode()
    assert "延长预备期" in page and "2026-12-09" in page


def test_cancel_then_no_further_step(client, hospital):
    case = admitted(hospital, approved_on=D(2025, 8, 1))
    client.force_login(hospital.alice)
    assert client.post(f"/development/{case.pk}/cancel/", {"on": "2026-01-10"}).status_code == 302
    case.refresh_from_db()
    assert case.cancelled_on == D(2026, 1, 10)
    refused(advance(client, case, D(2026, 6, 9)), "已取消预备党员资格")
    assert "已取消预备党员资格" in client.get(case.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("on", "ok"),
    [(D(2026, 6, 8), False), (D(2026, 6, 9), True), (D(2026, 6, 10), True)],
)
def test_conversion_not_before_probation_ends(client, hospital, on, ok):
    case = admitted(hospital, approved_on=D(2025, 8, 1))
    client.force_login(hospital.alice)
    response = advance(client, case, on)
    if ok:
        assert response.status_code == 302
    else:
        refused(response, "早于预备期满", f"{DOC} 第22步")


@pytest.mark.parametrize(
    ("admitted_on", "label"),
    [
        (D(2025, 11, 24), "预备期内"),  # ends tomorrow
        (D(2025, 11, 23), "今日应转正"),  # ends today
        (D(2025, 11, 22), "逾期未转正"),  # ended yesterday
    ],
)
def test_conversion_due_and_overdue_on_the_page(client, hospital, admitted_on, label):
    case = ready_for_admission(
        hospital, admitted_on=admitted_on, approved_on=admitted_on + dt.timedelta(days=30)
    )
    client.force_login(hospital.alice)
    page = client.get(case.get_absolute_url()).content.decode()
    assert label in page
    assert "第23步 支部大会讨论" in page
    assert (
        f'最早 <span class="earliest">{(admitted_on.replace(year=2026)).isoformat()}</span>' in page
    )


def test_leap_day_admission_is_due_on_28_february(client, hospital, monkeypatch):
    from dangjian.development import services

    case = ready_for_admission(
        hospital,
        activist_on=D(2022, 1, 4),
        candidate_on=D(2023, 1, 4),
        political_review_on=D(2023, 2, 1),
        training_completed_on=D(2023, 2, 10),
        publicity_started_on=D(2024, 2, 19),
        admitted_on=D(2024, 2, 29),
        approved_on=D(2024, 4, 1),
    )
    client.force_login(hospital.alice)
    monkeypatch.setattr(services, "today", lambda: D(2025, 2, 28))
    assert "今日应转正" in client.get(case.get_absolute_url()).content.decode()
    monkeypatch.setattr(services, "today", lambda: D(2025, 3, 1))
    assert "逾期未转正" in client.get(case.get_absolute_url()).content.decode()


def test_other_branch_and_members_cannot_advance(client, hospital):
    case = case_in(hospital, applied_on=D(2026, 10, 30), talked_on=None)
    for user in (hospital.dave, hospital.bob):
        client.force_login(user)
        assert advance(client, case, D(2026, 11, 2)).status_code == 404
    case.refresh_from_db()
    assert case.talked_on is None
