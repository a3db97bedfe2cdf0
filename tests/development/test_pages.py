"""The case page and the list: rule warnings for imported cases, markers, constant query counts."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangjian.development.models import DevelopmentCase
from tests.factories import DevelopmentCaseFactory, MemberFactory
from tests.workbook.conftest import ID_LATE, run_import, sample_sheets, write_workbook

D = dt.date


def test_imported_invalid_case_shows_its_warnings(client, hospital, tmp_path):
    sheets = sample_sheets()
    # 确定发展对象 only 5 months after 确定积极分子, and the talk two months after the application.
    sheets["发展党员"].append(
        [
            "钱进",
            ID_LATE,
            "WK",
            "2023-01-05",
            "2023-03-10",
            "2023-06-01",
            "2023-11-01",
            None,
            None,
            None,
            None,
            None,
        ]
    )
    run_import(write_workbook(tmp_path / "late.xlsx", sheets))
    case = DevelopmentCase.objects.get(id_number=ID_LATE)
    client.force_login(hospital.carol)

    page = client.get(case.get_absolute_url()).content.decode()
    assert "确定为发展对象须经12个月以上培养教育" in page
    assert "《中国共产党发展党员工作细则》（2014） 第7步 确定发展对象" in page
    assert "党组织应在收到入党申请书后1个月内派人谈话" in page
    assert "第7步 确定发展对象</strong>" in page  # current step

    listing = client.get("/development/").content.decode()
    row = next(line for line in listing.split("<tr>") if "钱进" in line)
    assert "⚠ 2项" in row
    clean = next(line for line in listing.split("<tr>") if "</a>" in line and "钱进" not in line)
    assert "⚠" not in clean


def test_imported_invalid_case_can_still_move_on(client, hospital, tmp_path):
    """A historical breach stays a warning; the next step is still checked on its own."""
    case = DevelopmentCaseFactory(
        organization=hospital.branch_a,
        applied_on=D(2023, 1, 5),
        talked_on=D(2023, 3, 10),
        activist_on=D(2023, 6, 1),
    )
    client.force_login(hospital.alice)
    response = client.post(f"/development/{case.pk}/advance/", {"on": "2024-06-01"}, follow=True)
    case.refresh_from_db()
    assert case.candidate_on == D(2024, 6, 1)
    assert "党组织应在收到入党申请书后1个月内派人谈话" in response.content.decode()


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/development/")
    assert response.status_code == 200
    return len(queries)


def test_list_query_count_does_not_grow(client, hospital):
    def add(n):
        for _ in range(n):
            case = DevelopmentCaseFactory(
                organization=hospital.branch_a,
                applied_on=D(2024, 1, 5),
                talked_on=D(2024, 1, 9),
                activist_on=D(2024, 2, 29),
            )
            case.introducer_members.set([MemberFactory(organization=hospital.branch_a)])

    client.force_login(hospital.alice)
    add(2)
    small = _list_queries(client)
    add(15)
    assert _list_queries(client) == small


def test_detail_scoping(client, hospital):
    case = DevelopmentCaseFactory(organization=hospital.branch_a)
    client.force_login(hospital.dave)
    assert client.get(case.get_absolute_url()).status_code == 404
    client.force_login(hospital.alice)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "推进到下一步" in page
