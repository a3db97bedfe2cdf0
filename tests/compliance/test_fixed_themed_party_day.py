"""A hospital that fixes 主题党日 on one day of the month: the forms, API, importer and reminders
all apply the organisation's own setting (支部工作条例第十九条), as warnings that never refuse."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from dangjian.compliance.models import RuleOverride
from dangjian.compliance.reminders import collect
from dangjian.orglife.models import EventType, OrgLifeEvent
from tests.factories import OrgLifeEventFactory
from tests.workbook.conftest import run_import, sample_sheets, write_workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def fixed_on_15th(hospital):
    # Set on the 党委: inherited by branch A; branch B sets none of its own, so inherits too.
    RuleOverride.objects.create(
        organization=hospital.committee, key="themed_party_day_of_month", value=15
    )
    return hospital


def test_event_page_and_form_warn_but_save(client, fixed_on_15th):
    h = fixed_on_15th
    client.force_login(h.alice)
    response = client.post(
        "/orglife/new/",
        {
            "code": "ZT-01",
            "organization": h.branch_a.pk,
            "event_type": EventType.THEMED_PARTY_DAY,
            "date": "2025-06-14",
            "topic": "主题党日",
        },
        follow=True,
    )
    assert response.status_code == 200
    event = OrgLifeEvent.objects.get(code="ZT-01")  # saved despite the warning
    shown = " ".join(str(m) for m in response.context["messages"])
    assert "主题党日固定在每月15日" in shown and "第十九条" in shown
    page = client.get(event.get_absolute_url()).content.decode()
    assert "rule-warnings" in page and "本次在6月14日举行" in page

    on_the_day = OrgLifeEventFactory(organization=h.branch_a, date=dt.date(2025, 6, 15))
    assert "rule-warnings" not in client.get(on_the_day.get_absolute_url()).content.decode()
    other_type = OrgLifeEventFactory(
        organization=h.branch_a, event_type=EventType.PARTY_LECTURE, date=dt.date(2025, 6, 14)
    )
    assert other_type.rule_violations() == []


def test_api_lists_rule_warnings_with_one_settings_query(
    fixed_on_15th, django_assert_max_num_queries
):
    h = fixed_on_15th
    late = OrgLifeEventFactory(organization=h.branch_a, date=dt.date(2025, 6, 20))
    fine = OrgLifeEventFactory(organization=h.branch_b, date=dt.date(2025, 6, 15))
    api = APIClient()
    api.force_authenticate(h.carol)
    rows = {row["id"]: row for row in api.get("/api/events/").json()["results"]}
    assert [w["code"] for w in rows[late.pk]["rule_warnings"]] == [
        "orglife.themed_party_day_not_fixed"
    ]
    assert rows[fine.pk]["rule_warnings"] == []
    detail = api.get(f"/api/events/{late.pk}/").json()
    assert "每月15日" in detail["rule_warnings"][0]["message"]
    # More events do not mean more queries: the settings of all rows come in one query.
    for day in range(1, 11):
        OrgLifeEventFactory(organization=h.branch_a, date=dt.date(2025, 7, day))
    with django_assert_max_num_queries(12):
        api.get("/api/events/")


def test_import_warns_with_the_organisations_setting(db, tmp_path):
    sheets = sample_sheets()
    run_import(write_workbook(tmp_path / "first.xlsx", sheets))  # the organisations exist now
    from dangjian.organizations.models import Organization

    RuleOverride.objects.create(
        organization=Organization.objects.get(code="HOSP"), key="themed_party_day_of_month", value=5
    )
    sheets["组织生活"].append(
        ["E010", "NK", "主题党日", "2025-04-07", "四月主题党日", None, None, None, None]
    )
    out, _ = run_import(write_workbook(tmp_path / "second.xlsx", sheets))
    warned = [line for line in out.splitlines() if line.startswith("警告 组织生活!")]
    # E001 (2025-03-05) is on the fixed day; E010 (4月7日) is not: one warning, on its row and date column.
    assert (
        len(warned) == 1
        and warned[0].startswith("警告 组织生活!5 日期: ")
        and "每月5日" in warned[0]
    ), out
    assert OrgLifeEvent.objects.filter(code="E010").exists()


def test_reminder_falls_due_on_the_fixed_day(fixed_on_15th):
    h = fixed_on_15th
    before, after = dt.date(2026, 4, 14), dt.date(2026, 4, 16)

    def april_item(as_of):
        return next(
            (
                r
                for r in collect(as_of, days=3)
                if r.kind == "meeting_frequency"
                and r.org_code == "A"
                and "2026年4月主题党日" in r.subject
            ),
            None,
        )

    item = april_item(before)
    assert item is not None and item.status == "due" and item.due == dt.date(2026, 4, 15)
    assert "固定在每月15日" in item.subject and "第十九条" in item.rule
    late = april_item(after)
    assert late is not None and late.status == "overdue" and late.due == dt.date(2026, 4, 15)
    OrgLifeEventFactory(organization=h.branch_a, date=dt.date(2026, 4, 16))  # held, a day late
    assert april_item(after) is None
    # Without a fixed day the month's requirement is due only at its end.
    RuleOverride.objects.filter(key="themed_party_day_of_month").delete()
    assert april_item(before) is None
