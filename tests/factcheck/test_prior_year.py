"""Last year's figures from a confirmed report feed next year's “较上年” text; the ledger wins."""

import datetime as dt
from decimal import Decimal
from io import StringIO

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangjian.factcheck.prior import PriorValue, save_prior_figures
from dangjian.reports.figures import compute_figures
from dangjian.reports.models import PriorYearFigure
from dangjian.reports.narrative import build_report
from dangjian.reports.render import to_markdown
from tests.factories import OrgLifeEventFactory

REPORT_2024 = "2024年，医院党委开展主题党日活动1次，发展党员2名，服务群众40人次。患者满意度95%。"


def _report_2025(org) -> str:
    return to_markdown(build_report(compute_figures(2025, org, previous=True)))


def _save_2024_by_command(tmp_path, code="HOSP"):
    path = tmp_path / "2024.txt"
    path.write_text(REPORT_2024, encoding="utf-8")
    err = StringIO()
    call_command(
        "factcheck",
        str(path),
        "--year",
        "2024",
        "--org",
        code,
        "--save-prior",
        stdout=StringIO(),
        stderr=err,
    )
    return err.getvalue()


def test_command_saves_matched_figures_with_history(ledger2025, tmp_path):
    message = _save_2024_by_command(tmp_path)
    assert "已保存 HOSP 2024 年往年指标 3 项" in message
    saved = {p.key: (p.value, p.unit) for p in PriorYearFigure.objects.filter(year=2024)}
    assert saved == {
        "meetings.主题党日": (Decimal("1.00"), "次"),
        "development.new_probationary": (Decimal("2.00"), "名"),
        "services.people_served": (Decimal("40.00"), "人次"),
    }
    row = PriorYearFigure.objects.get(key="meetings.主题党日")
    assert row.source_text.startswith("2024年，医院党委开展主题党日活动1次")
    assert row.confirmed_at is not None
    assert row.history.count() == 1  # saving is audited
    _save_2024_by_command(tmp_path)  # again: updated in place, one more history row
    assert PriorYearFigure.objects.count() == 3 and row.history.count() == 2


def test_next_years_report_compares_with_saved_figures(ledger2025, tmp_path):
    h = ledger2025
    assert "较上年" not in _report_2025(h.committee)  # no 2024 ledger, nothing saved
    _save_2024_by_command(tmp_path)
    text = _report_2025(h.committee)
    # 2025 ledger: 主题党日 3, 发展党员 1, 服务群众 63 人次. A rate only on a base of 10 or more.
    assert "| `meetings.主题党日` | 3 | 次 | 1 | 较上年增加2次 |" in text  # the appendix
    assert "发展党员1名，较上年减少1名" in text
    assert "服务群众63人次，较上年增长57.5%" in text


def test_ledger_data_overrides_saved_figures(ledger2025, tmp_path):
    h = ledger2025
    _save_2024_by_command(tmp_path)
    OrgLifeEventFactory(organization=h.branch_a, event_type="主题党日", date=dt.date(2024, 3, 1))
    OrgLifeEventFactory(organization=h.branch_b, event_type="主题党日", date=dt.date(2024, 9, 1))
    text = _report_2025(h.committee)
    assert "| `meetings.主题党日` | 3 | 次 | 2 | 较上年增加1次 |" in text
    # Dataset by dataset: the 2024 ledger has 组织生活 (its 2 wins over the saved 1) but no
    # 发展党员, so the confirmed 2 stands in for that one.
    assert "发展党员1名，较上年减少1名" in text
    previous = compute_figures(2025, h.committee, previous=True).previous
    assert previous.confirmed == {"development.new_probationary", "services.people_served"}
    assert previous.value("meetings.主题党日") == 2
    assert previous.value("development.new_probationary") == 2


def test_saved_figures_belong_to_their_organisation(ledger2025, tmp_path):
    h = ledger2025
    save_prior_figures(h.branch_a, 2024, [PriorValue("meetings.主题党日", Decimal(7), "次")])
    assert "较上年" not in _report_2025(h.committee)
    assert "| `meetings.主题党日` | 2 | 次 | 7 | 较上年减少5次 |" in _report_2025(h.branch_a)


def test_fallback_costs_one_query_whatever_is_saved(ledger2025, tmp_path):
    h = ledger2025

    def count():
        with CaptureQueriesContext(connection) as captured:
            compute_figures(2025, h.committee, previous=True)
        return len(captured.captured_queries)

    before = count()
    save_prior_figures(h.committee, 2024, [PriorValue("meetings.主题党日", Decimal(1), "次")])
    one = count()
    save_prior_figures(
        h.committee,
        2024,
        [
            PriorValue(f"meetings.{t}", Decimal(2), "次")
            for t in ("党课", "党委会", "宣讲", "警示教育")
        ],
    )
    assert one == before == count()
