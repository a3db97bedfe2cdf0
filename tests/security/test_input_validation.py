"""One rule, three ways in: the page, the API and the workbook refuse the same bad record.

Each case is a valid record with one thing wrong (issue 15, items 6, 12 and 17). The rules live
once in the models (``LedgerModel.full_clean``: the plausible-date rule and ``record_problems``,
which call ``dangjian.rules.records``); the form gets them through ModelForm, the API through
``core.api.LedgerSerializer`` and the importer through ``check_records`` and the date cells.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from rest_framework.test import APIClient

from dangjian.core import clock, idcard
from dangjian.integrity.models import Responsibility
from dangjian.organizations.models import Member, Organization
from dangjian.orglife.models import OrgLifeEvent
from dangjian.rectification.models import RectificationItem
from dangjian.workbook import sheets as S
from dangjian.workbook.importer import import_workbook
from tests.workbook.conftest import write_workbook

TODAY = dt.date(2025, 7, 1)
ID_1985 = idcard.make("33010119850601901")  # born 1985-06-01, like BASE["member"]


@dataclass(frozen=True)
class Kind:
    model: type
    page: str
    api: str
    sheet: S.Sheet
    base: dict


KINDS = {
    "member": Kind(
        Member,
        "/organizations/members/new/",
        "/api/members/",
        S.MEMBERS,
        {
            "member_no": "T001",
            "name": "测试党员",
            "organization": "A",
            "category": "full",
            "employment_status": "working",
            "birth_date": "1985-06-01",
            "id_number": ID_1985,
            "joined_on": "2010-07-01",
            "full_member_on": "2011-07-01",
        },
    ),
    "organization": Kind(
        Organization,
        "/organizations/new/",
        "/api/organizations/",
        S.ORGANIZATIONS,
        {
            "code": "T-ORG",
            "name": "测试党支部",
            "org_type": "党支部",
            "parent": "HOSP",
            "founded_on": "2010-03-01",
            "last_election_on": "2023-05-04",
            "term_years": 3,
            "sort_order": 0,
        },
    ),
    "event": Kind(
        OrgLifeEvent,
        "/orglife/new/",
        "/api/events/",
        S.EVENTS,
        {
            "code": "T-EV",
            "organization": "A",
            "event_type": "支部党员大会",
            "date": "2025-03-05",
            "topic": "学习",
            "duration_hours": "2.0",
        },
    ),
    "rectification": Kind(
        RectificationItem,
        "/rectification/new/",
        "/api/rectification-items/",
        S.RECTIFICATION,
        {
            "code": "T-ZG",
            "organization": "A",
            "description": "三会一课记录不规范",
            "source": "巡察",
            "raised_on": "2025-03-01",
            "deadline": "2025-06-30",
            "status": "in_progress",
        },
    ),
    "responsibility": Kind(
        Responsibility,
        "/integrity/letters/new/",
        "/api/responsibility-letters/",
        S.RESPONSIBILITY,
        {
            "code": "T-ZRS",
            "kind": "target",
            "year": 2025,
            "organization": "A",
            "signer": "张三",
            "signed_on": "2025-02-01",
        },
    ),
}


@dataclass(frozen=True)
class Case:
    kind: str
    changes: dict
    field: str  # the field named in the refusal
    message: str  # a part of the message, the same on every way in
    workbook_message: str = ""  # where the workbook's cell reader words it differently
    extra: dict = field(default_factory=dict)


CASES = {
    "身份证号校验位错误": Case(
        "member",
        {"id_number": ID_1985[:17] + ("0" if ID_1985[17] != "0" else "1")},
        "id_number",
        "校验位错误",
    ),
    "身份证号17位": Case("member", {"id_number": ID_1985[:17]}, "id_number", "应为18位"),
    "出生日期9999-12-31": Case(
        "member", {"birth_date": "9999-12-31", "id_number": ""}, "birth_date", "晚于今天"
    ),
    "入党早于出生": Case(
        "member",
        {"birth_date": "1990-01-01", "id_number": "", "joined_on": "1985-01-01"},
        "joined_on",
        "入党日期不能早于出生日期",
    ),
    "党员直接编入党委": Case(
        "member", {"organization": "HOSP"}, "organization", "不能直接编入党委"
    ),
    "预备党员有转正日期": Case(
        "member", {"category": "probationary"}, "full_member_on", "预备党员尚未转正"
    ),
    "届期99年": Case("organization", {"term_years": 99}, "term_years", "届期年数“99”无效"),
    "活动日期0001年": Case("event", {"date": "0001-01-01"}, "date", "早于 1949-10-01"),
    "活动日期9999年": Case("event", {"date": "9999-12-31"}, "date", "晚于 2100-12-31"),
    "时长-5小时": Case(
        "event", {"duration_hours": "-5.0"}, "duration_hours", "应大于 0", "不能为负数"
    ),
    "整改时限早于提出日期": Case(
        "rectification", {"deadline": "2025-02-01"}, "deadline", "整改时限不能早于提出日期"
    ),
    "整改提出日期9999年": Case(
        "rectification",
        {"raised_on": "9999-01-01", "deadline": "9999-02-01"},
        "raised_on",
        "晚于 2100-12-31",
    ),
    "签订日期晚于今天": Case(
        "responsibility", {"signed_on": "2025-08-01"}, "signed_on", "签订日期不能晚于今天"
    ),
    "责任书年度1800": Case(
        "responsibility", {"year": 1800, "signed_on": "2025-02-01"}, "year", "年度“1800”无效"
    ),
}


def record(case: Case) -> dict:
    return {**KINDS[case.kind].base, **case.changes}


@pytest.fixture
def today():
    with clock.frozen(TODAY):
        yield


def stored(case: Case) -> bool:
    kind = KINDS[case.kind]
    key = "member_no" if case.kind == "member" else "code"
    return kind.model.objects.filter(**{key: kind.base[key]}).exists()


@pytest.mark.parametrize("name", list(CASES))
def test_the_page_refuses(name, client, hospital, today):
    case = CASES[name]
    data = record(case)
    orgs = {o.code: o.pk for o in Organization.objects.all()}
    for key in ("organization", "parent"):
        if key in data:
            data[key] = orgs[data[key]]
    client.force_login(hospital.carol)
    response = client.post(KINDS[case.kind].page, data)
    assert response.status_code == 200, response.get("Location")
    form = response.context["form"]
    assert any(case.message in message for message in form.errors.get(case.field, [])), form.errors
    assert not stored(case)


@pytest.mark.parametrize("name", list(CASES))
def test_the_api_refuses(name, hospital, today):
    case = CASES[name]
    api = APIClient()
    api.force_authenticate(hospital.carol)
    response = api.post(KINDS[case.kind].api, record(case), format="json")
    assert response.status_code == 400, response.content.decode()
    messages = response.json().get(case.field, [])
    assert any(case.message in message for message in messages), response.json()
    assert not stored(case)


@pytest.mark.parametrize("name", list(CASES))
def test_the_workbook_refuses(name, hospital, today, tmp_path):
    case = CASES[name]
    sheet = KINDS[case.kind].sheet
    data = record(case)
    columns = [column for column in sheet.columns if column.field in data]
    path = write_workbook(
        tmp_path / "bad.xlsx",
        {
            sheet.name: [
                [column.header for column in columns],
                [column.to_cell(data[column.field]) for column in columns],
            ]
        },
    )
    result = import_workbook(path)
    header = next(column.header for column in sheet.columns if column.field == case.field)
    expected = case.workbook_message or case.message
    assert any(
        problem.sheet == sheet.name
        and problem.row == 2
        and problem.column == header
        and expected in problem.message
        for problem in result.errors
    ), result.error_lines()
    assert not stored(case)


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_base_records_are_accepted_every_way(kind, client, hospital, today, tmp_path):
    """The cases above differ from these by one value: each way in accepts the base record."""
    spec = KINDS[kind]
    case = Case(kind, {}, "", "")
    key = "member_no" if kind == "member" else "code"

    api = APIClient()
    api.force_authenticate(hospital.carol)
    response = api.post(spec.api, record(case), format="json")
    assert response.status_code == 201, response.content.decode()
    spec.model.objects.filter(**{key: spec.base[key]}).delete()

    data = record(case)
    orgs = {o.code: o.pk for o in Organization.objects.all()}
    for name in ("organization", "parent"):
        if name in data:
            data[name] = orgs[data[name]]
    client.force_login(hospital.carol)
    response = client.post(spec.page, data)
    assert response.status_code == 302, response.context["form"].errors
    spec.model.objects.filter(**{key: spec.base[key]}).delete()

    data = record(case)
    columns = [column for column in spec.sheet.columns if column.field in data]
    path = write_workbook(
        tmp_path / "ok.xlsx",
        {
            spec.sheet.name: [
                [column.header for column in columns],
                [column.to_cell(data[column.field]) for column in columns],
            ]
        },
    )
    result = import_workbook(path)
    assert result.ok, result.error_lines()
    assert stored(case)
