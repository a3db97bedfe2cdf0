"""问题清单、整改清单、责任清单 exported from the list page: scoped, filtered, formula-safe, logged."""

import datetime as dt
import io

from openpyxl import load_workbook

from dangjian.core import clock
from dangjian.core.models import AccessEvent, AccessKind
from dangjian.rectification import services
from tests.factories import RectificationItemFactory


def _book(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def _codes(ws):
    return [row[0] for row in ws.iter_rows(min_row=2, values_only=True)]


def test_three_lists_scoped_per_role_and_logged(client, hospital):
    in_a = RectificationItemFactory(organization=hospital.group_a, code="ZG-A", owner="张主任")
    in_b = RectificationItemFactory(organization=hospital.branch_b, code="ZG-B")
    client.force_login(hospital.alice)
    book = _book(client.get("/rectification/export.xlsx"))
    assert book.sheetnames == ["问题清单", "整改清单", "责任清单"]
    for name in book.sheetnames:
        assert _codes(book[name]) == ["ZG-A"]
    responsibility = book["责任清单"]
    header = [cell.value for cell in responsibility[1]]
    assert header == ["问题编号", "组织", "问题描述", "责任人", "整改时限", "状态"]
    assert next(iter(responsibility.iter_rows(min_row=2, values_only=True)))[3] == "张主任"
    event = AccessEvent.objects.get(kind=AccessKind.EXPORT)
    assert event.user == hospital.alice and "三张清单" in event.detail and "1 项" in event.detail

    client.force_login(hospital.carol)
    assert sorted(_codes(_book(client.get("/rectification/export.xlsx"))["问题清单"])) == [
        "ZG-A",
        "ZG-B",
    ]
    client.force_login(hospital.bob)  # an ordinary member does not keep the ledger
    assert client.get("/rectification/export.xlsx").status_code == 403
    assert AccessEvent.objects.filter(kind=AccessKind.EXPORT).count() == 2
    assert in_a.pk and in_b.pk


def test_export_follows_the_list_filters(client, hospital):
    today = clock.today()
    RectificationItemFactory(
        organization=hospital.branch_a, code="LATE", deadline=today - dt.timedelta(days=3)
    )
    RectificationItemFactory(
        organization=hospital.branch_a, code="ONTIME", deadline=today + dt.timedelta(days=3)
    )
    client.force_login(hospital.carol)
    book = _book(client.get("/rectification/export.xlsx?overdue=true"))
    assert _codes(book["问题清单"]) == ["LATE"]
    assert next(iter(book["整改清单"].iter_rows(min_row=2, values_only=True)))[6] == "逾期"
    # The list page links to the export with its filters.
    page = client.get("/rectification/?overdue=true").content.decode()
    assert "/rectification/export.xlsx?overdue=true" in page


def test_formula_injection_is_neutralised(client, hospital):
    item = RectificationItemFactory(
        organization=hospital.branch_a,
        code='=HYPERLINK("http://x")',
        description="+1+1",
        owner="@SUM(A1)",
        measures="-2",
        raised_on=dt.date(2025, 1, 2),
    )
    services.item_close(
        item=item,
        user=hospital.carol,
        completed_on=dt.date(2025, 3, 1),
        evidence="=cmd|' /C calc'!A0",
    )
    client.force_login(hospital.carol)
    book = _book(client.get("/rectification/export.xlsx"))
    for ws in book.worksheets:
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert cell.value[:1] not in "=+-@", (ws.title, cell.value)
    assert book["问题清单"]["A2"].value == '\'=HYPERLINK("http://x")'
    assert book["整改清单"]["H2"].value == "'=cmd|' /C calc'!A0"
