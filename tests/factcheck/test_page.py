"""The upload page: admin; a secretary scoped to their branch; a member refused; saving figures."""

import datetime as dt
import re

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dangjian.core.models import AccessEvent
from dangjian.reports.models import PriorYearFigure

from .conftest import DRAFT

URL = "/factcheck/"
SAVE = "/factcheck/save/"


def _upload(name="draft.txt", content=None):
    return SimpleUploadedFile(name, DRAFT.encode("gbk") if content is None else content)


def _post(client, org="HOSP", year=2025, upload=None):
    return client.post(URL, {"file": upload or _upload(), "year": year, "org": org})


def _section(html: str, anchor: str) -> str:
    start = html.index(f'id="{anchor}"')
    following = re.search(r'<h3 id="', html[start + 5 :])
    return html[start : start + 5 + following.start()] if following else html[start:]


def test_admin_sees_three_lists_with_links(ledger2025, client):
    client.force_login(ledger2025.carol)
    assert client.get(URL).status_code == 200
    response = _post(client)
    assert response.status_code == 200
    html = response.content.decode()
    assert "一致（6）" in html and "不一致（1）" in html and "未能对应（1）" in html
    differ = _section(html, "differ")
    assert "5次" in differ and "2次" in differ and "党课次数" in differ
    # The figure key links to the report's records page for that figure.
    link = "/reports/annual/figure/?year=2025&amp;org=HOSP&amp;key=meetings.%E5%85%9A%E8%AF%BE"
    assert f'href="{link}"' in differ
    assert "98.5%" in _section(html, "unmatched")
    assert 'action="/factcheck/save/"' in html


def test_docx_upload(ledger2025, client):
    document = docx.Document()
    for line in DRAFT.splitlines():
        document.add_paragraph(line)
    import io

    buffer = io.BytesIO()
    document.save(buffer)
    client.force_login(ledger2025.carol)
    html = _post(client, upload=_upload("draft.docx", buffer.getvalue())).content.decode()
    assert "一致（6）" in html and "不一致（1）" in html


def test_bad_file_is_a_clear_message(ledger2025, client):
    client.force_login(ledger2025.carol)
    html = _post(client, upload=_upload("draft.pdf", b"%PDF")).content.decode()
    assert "请上传 .txt、.docx 或 .html 文件" in html
    html = _post(client, upload=_upload("draft.docx", b"not a zip")).content.decode()
    assert "无法读取文件" in html


def test_secretary_is_scoped_to_own_branch(ledger2025, client):
    client.force_login(ledger2025.dave)  # secretary of B
    page = client.get(URL).content.decode()
    assert 'value="B"' in page and 'value="A"' not in page and 'value="HOSP"' not in page
    response = _post(client, org="A")  # another branch: refused, nothing computed
    html = response.content.decode()
    assert "只能选择您有权管理的党组织" in html and "核对结果" not in html
    html = _post(client, org="B").content.decode()
    assert "外科党支部2025年 核对结果" in html
    # Saving for another branch is not possible either.
    response = client.post(
        SAVE,
        {
            "org": "A",
            "year": 2024,
            "row": "1",
            "save_1": "on",
            "key_1": "meetings.主题党日",
            "value_1": "3",
        },
    )
    assert response.status_code == 404
    assert not PriorYearFigure.objects.exists()


@pytest.mark.parametrize("who", ["bob", "erin"])
def test_member_is_refused(ledger2025, client, who):
    client.force_login(getattr(ledger2025, who))
    assert client.get(URL).status_code == 403
    assert _post(client).status_code == 403
    assert client.post(SAVE, {"org": "HOSP", "year": 2024}).status_code == 403


def test_anonymous_goes_to_login(client):
    assert client.get(URL).status_code == 302


def test_confirm_and_save_prior_figures(ledger2025, client):
    h = ledger2025
    client.force_login(h.carol)
    html = _post(client, year=2024).content.decode()
    rows = dict(re.findall(r'name="key_(\d+)" value="([^"]+)"', html))
    assert set(rows.values()) >= {
        "org.branches",
        "members.total",
        "meetings.主题党日",
        "services.people_served",
    }
    by_key = {v: k for k, v in rows.items()}
    i, j = by_key["meetings.主题党日"], by_key["services.people_served"]
    response = client.post(
        SAVE,
        {
            "org": "HOSP",
            "year": 2024,
            "row": [i, j],
            f"save_{i}": "on",
            f"key_{i}": "meetings.主题党日",
            f"value_{i}": "1",
            f"source_{i}": "全年开展主题党日活动1次",
            f"save_{j}": "on",
            f"key_{j}": "services.people_served",
            f"value_{j}": "65",  # edited
        },
    )
    assert response.status_code == 302
    saved = {p.key: (int(p.value), p.confirmed_by) for p in PriorYearFigure.objects.all()}
    assert saved == {"meetings.主题党日": (1, h.carol), "services.people_served": (65, h.carol)}
    row = PriorYearFigure.objects.get(key="meetings.主题党日")
    assert row.history.get().history_user == h.carol  # audited, with who did it
    assert AccessEvent.objects.filter(detail__startswith="往年指标保存：HOSP 2024年 2项").exists()
    # The 2025 report now compares with them.
    report = client.get("/reports/annual/", {"year": 2025, "org": "HOSP"}).content.decode()
    assert "较上年增加2次" in report and "200.0%" not in report
    assert "较上年下降3.1%" in report  # 63 against the confirmed 65


def test_bad_values_save_nothing(ledger2025, client):
    client.force_login(ledger2025.carol)
    response = client.post(
        SAVE,
        {
            "org": "HOSP",
            "year": 2024,
            "row": ["1", "2"],
            "save_1": "on",
            "key_1": "meetings.主题党日",
            "value_1": "3",
            "save_2": "on",
            "key_2": "members.total",
            "value_2": "abc",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "党员总数：数值“abc”不是有效的非负数" in html and "未保存任何数值" in html
    assert not PriorYearFigure.objects.exists()
    client.post(
        SAVE,
        {
            "org": "HOSP",
            "year": 2024,
            "row": "1",
            "save_1": "on",
            "key_1": "no.such.key",
            "value_1": "3",
        },
    )
    assert not PriorYearFigure.objects.exists()


def test_nav_link_for_secretaries_only(ledger2025, client):
    client.force_login(ledger2025.alice)
    assert 'href="/factcheck/"' in client.get("/").content.decode()
    client.force_login(ledger2025.bob)
    assert 'href="/factcheck/"' not in client.get("/").content.decode()


def test_page_query_count_does_not_grow_with_data(ledger2025, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import OrgLifeEventFactory

    client.force_login(ledger2025.carol)

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert _post(client).status_code == 200
        return len(captured.captured_queries)

    small = count()
    for n in range(30):
        OrgLifeEventFactory(
            organization=ledger2025.branch_a, event_type="党课", date=dt.date(2025, 3, 1 + n % 28)
        )
    assert count() == small


def test_unread_numbers_and_candidates_are_shown(ledger2025, client):
    # Issue 19: the page lists the numbers it did not read, and each unmatched claim's
    # closest figure with a confidence.
    client.force_login(ledger2025.carol)
    draft = "全院共有党员4名，14名党员受到上级表彰，详见附件3。\n"
    html = _post(client, upload=_upload(content=draft.encode("utf-8"))).content.decode()
    unread = _section(html, "unread")
    assert "未读取的数字（1）" in unread and "详见附件3" in unread
    unmatched = _section(html, "unmatched")
    assert "14名" in unmatched and "党员总数" in unmatched and "表彰" in unmatched
    assert "把握" in _section(html, "agree")
