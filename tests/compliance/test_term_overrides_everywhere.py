"""One term rule: a 党支部届期 set by the hospital changes the report's overdue figure, the
dashboard's election states, the elections page and the reminders alike."""

import datetime as dt

import pytest

from dangjian.compliance.models import RuleOverride
from dangjian.compliance.reminders import collect
from dangjian.core import clock
from dangjian.organizations.services import election_rows
from dangjian.reports.figures import compute_figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def elected(hospital):
    h = hospital
    for org, day in (
        (h.committee, dt.date(2022, 6, 1)),
        (h.branch_a, dt.date(2023, 3, 1)),
        (h.branch_b, dt.date(2023, 3, 1)),
    ):
        org.last_election_on, org.term_years = day, None
        org.save()
    h.branch_b.term_years = 3  # recorded on the organisation itself: wins over any rule
    h.branch_b.save()
    return h


def overdue_codes(h, year):
    return set(compute_figures(year, h.committee)["elections.overdue"].records)


def test_hospital_term_rule_reaches_report_dashboard_page_and_reminders(client, elected):
    h = elected
    # Defaults: a 党支部 elected 2023-03-01 serves 3 years, to 2026-03-01 — not overdue in 2025.
    assert overdue_codes(h, 2025) == set()
    states = {
        row.org.code: row.state
        for row in election_rows([h.branch_a, h.branch_b], on=dt.date(2025, 12, 31))
    }
    assert states == {"A": "due_soon", "B": "due_soon"}

    RuleOverride.objects.create(organization=h.committee, key="term_years_branch", value=2)
    # Now A's term ended 2025-03-01: overdue at the end of 2025. B keeps its recorded 3 years.
    assert overdue_codes(h, 2025) == {"A"}
    rows = {
        row.org.code: row
        for row in election_rows([h.branch_a, h.branch_b], on=dt.date(2025, 12, 31))
    }
    assert rows["A"].state == "overdue" and rows["A"].term_years == 2
    assert rows["A"].term_end == dt.date(2025, 3, 1)
    assert rows["B"].state == "due_soon" and rows["B"].term_years == 3
    reminders = {
        r.org_code: r for r in collect(dt.date(2025, 12, 31), days=0) if r.kind == "election"
    }
    assert reminders["A"].status == "overdue" and reminders["A"].due == dt.date(2025, 3, 1)


def test_dashboard_and_elections_page_judge_today_with_the_same_rule(client, elected):
    h = elected
    today = clock.today()
    h.branch_a.last_election_on = today - dt.timedelta(days=800)  # ~2.2 years ago
    h.branch_a.save()
    client.force_login(h.carol)

    def dashboard_states():
        data = client.get("/dashboard/data.json", {"org": "HOSP", "year": today.year}).json()[
            "elections"
        ]
        return dict(zip(data["labels"], data["data"], strict=False)), {
            d["name"] for d in data["due"] if d["state"] == "overdue"
        }

    counts, overdue = dashboard_states()
    assert h.branch_a.name not in overdue  # 3-year default: the term runs ~10 more months
    assert (
        h.branch_a.name
        not in client.get("/organizations/elections/", {"due": "overdue"}).content.decode()
    )

    RuleOverride.objects.create(organization=h.committee, key="term_years_branch", value=2)
    counts_after, overdue = dashboard_states()
    assert h.branch_a.name in overdue
    assert counts_after["逾期未换届"] == counts["逾期未换届"] + 1
    page = client.get("/organizations/elections/", {"due": "overdue"}).content.decode()
    assert h.branch_a.name in page


def test_reminder_months_set_by_the_hospital_change_the_due_soon_window(elected):
    h = elected
    on = dt.date(2025, 7, 15)  # 7½ months before A's term end (2026-03-01)
    assert election_rows([h.branch_a], on=on)[0].state == "ok"
    RuleOverride.objects.create(
        organization=h.branch_a, key="election_reminder_months", value=[9, 3]
    )
    assert election_rows([h.branch_a], on=on)[0].state == "due_soon"
