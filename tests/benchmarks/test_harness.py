"""The benchmark harness (benchmarks/run.py): its pieces are correct, and a tiny run produces
results.json with every section. Timings are not asserted — only structure and counts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import run as bench  # noqa: E402

from dangjian.demo.generator import build_demo  # noqa: E402
from dangjian.organizations.models import Member, Organization  # noqa: E402
from dangjian.orglife.models import Attendance, OrgLifeEvent  # noqa: E402
from dangjian.reports.figures import compute_figures  # noqa: E402
from dangjian.workbook.importer import import_workbook  # noqa: E402


@pytest.mark.django_db
def test_bare_sql_aggregates_equal_the_report_figures():
    """The bare SQL side of benchmark (a) computes the same numbers as the report."""
    build_demo(seed=3, members=40, branches=4, years=2, as_of=bench.AS_OF)
    org = Organization.objects.get(parent=None)
    figures = compute_figures(bench.REPORT_YEAR, org, previous=True)
    values = {year: bench.sql_figures(year, org) for year in (bench.REPORT_YEAR, bench.REPORT_YEAR - 1)}
    checked, mismatches = bench.compare_figures(figures, values)
    assert mismatches == []
    # every branch's 参会率 and 党员数, both years, plus the headline figures
    assert checked >= 2 * (2 * 4 + 10)
    assert values[bench.REPORT_YEAR]["attendance.records"] == figures.value("attendance.records") > 0


@pytest.mark.django_db
def test_generated_workbook_imports_exactly_and_bad_one_writes_nothing(tmp_path, django_user_model):
    """Benchmark (d)'s workbooks: the good one (shared strings, as Excel saves it) imports every
    row with one “+” history row each by the importing user; one bad last row writes nothing."""
    good, bad = tmp_path / "good.xlsx", tmp_path / "bad.xlsx"
    spec = {"members": 60, "branches": 3, "events": 6, "attendance": 90}
    rows = bench.write_workbook(good, **spec)
    bench.write_workbook(bad, **spec, bad_last_row=True)
    assert rows == {"organizations": 4, "members": 60, "events": 6, "attendance": 90}

    result = import_workbook(bad)
    assert not result.ok and any("NO-SUCH-MEMBER" in line for line in result.error_lines())
    assert Organization.objects.count() == Member.objects.count() == Attendance.objects.count() == 0

    user = django_user_model.objects.create_user("importer")
    result = import_workbook(good, user=user)
    assert result.written, result.error_lines()
    assert (Organization.objects.count(), Member.objects.count(), OrgLifeEvent.objects.count(),
            Attendance.objects.count()) == (4, 60, 6, 90)
    history = Attendance.history.all()
    assert history.count() == 90
    assert set(history.values_list("history_type", "history_user_id")) == {("+", user.pk)}
    assert set(history.values_list("id", flat=True)) == set(Attendance.objects.values_list("pk", flat=True))
    member = Member.objects.get(member_no="B000000")
    assert member.name_initials and member.created_at and member.organization.code == "BENCH-000"
    assert Member.history.filter(id=member.pk, history_type="+").count() == 1


def test_tiny_run_writes_results_with_every_section(tmp_path):
    out = tmp_path / "results.json"
    completed = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--size", "tiny", "--out", str(out),
         "--work", str(tmp_path / "work")],
        cwd=ROOT, capture_output=True, text=True, timeout=1800,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    results = json.loads(out.read_text(encoding="utf-8"))
    assert {"meta", "datasets", "report", "queries", "load", "import", "bureau", "targets"} <= set(results)
    report = results["report"]
    assert {"report_seconds", "sql_seconds", "ratio", "queries", "figures", "mismatches"} <= set(report)
    assert report["mismatches"] == [] and report["figures_checked_against_sql"] > 0
    queries = results["queries"]
    assert queries["pages"] > 20 and set(queries["table"]) >= {"report: compute_figures",
                                                               "admin organizations:member_list"}
    assert queries["statuses"]["admin organizations:member_list"] == 200
    load = results["load"]
    assert {"p50_ms", "p95_ms", "n"} <= set(load["all_pages"]) and "trivial" in load
    assert load["all_pages"]["n"] > 0
    imp = results["import"]
    assert imp["all_written"] and imp["bad_workbook"]["rows_written"] == 0
    assert imp["total_rows"] == sum(imp["rows"].values())
    assert results["bureau"] is None
    assert [t["met"] for t in results["targets"]][-1] is None  # (e) not run
    assert "查询数" in completed.stdout
