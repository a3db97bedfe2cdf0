"""The benchmark harness (benchmarks/run.py): its pieces are correct, and a tiny run produces
results.json with every section. Timings are not asserted — only structure and counts."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import run as bench  # noqa: E402

from dangjian.demo.generator import build_demo  # noqa: E402
from dangjian.organizations.models import Member, Organization, Profile, Role  # noqa: E402
from dangjian.orglife.models import Attendance, OrgLifeEvent  # noqa: E402
from dangjian.reports.figures import compute_figures  # noqa: E402
from dangjian.workbook.importer import import_workbook  # noqa: E402


@pytest.mark.django_db
def test_bare_sql_aggregates_equal_the_report_figures():
    """The bare SQL side of benchmark (a) computes the same numbers as the report."""
    build_demo(seed=3, members=40, branches=4, years=2, as_of=bench.AS_OF)
    org = Organization.objects.get(parent=None)
    figures = compute_figures(bench.REPORT_YEAR, org, previous=True)
    values = {
        year: bench.sql_figures(year, org) for year in (bench.REPORT_YEAR, bench.REPORT_YEAR - 1)
    }
    checked, mismatches = bench.compare_figures(figures, values)
    assert mismatches == []
    # every branch's 参会率, 党员数, 三会一课 and 发展党员, both years, plus the headline figures
    assert checked >= 2 * (4 * 4 + 60)
    assert (
        values[bench.REPORT_YEAR]["attendance.records"] == figures.value("attendance.records") > 0
    )
    coverage = bench.figure_coverage(figures, values)
    assert coverage["not_covered"]["unexpected"] == []
    assert coverage["report_figures"] == checked + coverage["not_covered"]["count"]


@pytest.mark.django_db
def test_bare_sql_follows_the_year_end_definitions():
    """Rows on the edges of the report's definitions (done after year end, overdue, raised after
    the year, handled after the year, a 党总支 and a 党支部 founded in the year, a brand of an
    earlier year) — the demo data has few of them — count alike in the report and the bare SQL."""
    from dangjian.implementation.models import Instruction, Measure
    from dangjian.indicators.models import OpinionEvent
    from dangjian.recognition.models import PartyBrand
    from dangjian.rectification.models import RectificationItem

    build_demo(seed=5, members=30, branches=3, years=2, as_of=bench.AS_OF)
    top = Organization.objects.get(parent=None)
    year = bench.REPORT_YEAR
    general = Organization.objects.create(
        code="EDGE-GB",
        name="边界党总支",
        org_type="党总支",
        parent=top,
        founded_on=dt.date(year, 3, 1),
        last_election_on=dt.date(year, 3, 1),
    )
    Organization.objects.create(
        code="EDGE-B",
        name="边界党支部",
        org_type="党支部",
        parent=general,
        founded_on=dt.date(year, 4, 1),
    )
    Organization.objects.create(
        code="EDGE-LATER",
        name="次年党支部",
        org_type="党支部",
        parent=general,
        founded_on=dt.date(year + 1, 2, 1),
    )
    d = dt.date
    for n, (raised, deadline, completed, status) in enumerate(
        [
            (d(year, 1, 5), d(year, 6, 1), None, "in_progress"),  # overdue at year end
            (d(year, 1, 5), d(year, 6, 1), d(year + 1, 2, 1), "done"),  # done only after: overdue
            (
                d(year, 1, 5),
                d(year, 12, 31),
                None,
                "in_progress",
            ),  # due on the last day: not overdue
            (d(year - 1, 5, 1), d(year - 1, 9, 1), d(year, 1, 10), "done"),  # completed in the year
            (
                d(year - 1, 5, 1),
                d(year - 1, 9, 1),
                d(year - 1, 8, 1),
                "done",
            ),  # done before: not counted
            (d(year + 1, 1, 5), d(year + 1, 6, 1), None, "in_progress"),  # raised after the year
            (None, d(year + 2, 6, 1), None, "in_progress"),  # open, no date raised
        ]
    ):
        RectificationItem.objects.create(
            code=f"EDGE-R{n}",
            organization=top,
            description="边界",
            source="测试",
            raised_on=raised,
            deadline=deadline,
            completed_on=completed,
            status=status,
        )
    issued = Instruction.objects.create(
        code="EDGE-I1", kind="directive", title="边界", issued_on=d(year, 2, 1), organization=top
    )
    later = Instruction.objects.create(
        code="EDGE-I2", kind="speech", title="次年", issued_on=d(year + 1, 2, 1), organization=top
    )
    for n, (instruction, deadline, completed, status) in enumerate(
        [
            (issued, d(year, 5, 1), None, "not_started"),
            (issued, d(year, 5, 1), d(year + 1, 1, 3), "done"),
            (issued, d(year, 12, 1), d(year, 11, 1), "done"),
            (later, d(year + 1, 5, 1), None, "in_progress"),
        ]
    ):
        Measure.objects.create(
            code=f"EDGE-M{n}",
            instruction=instruction,
            content="边界",
            deadline=deadline,
            completed_on=completed,
            status=status,
        )
    for n, (day, handled) in enumerate(
        [
            (d(year, 3, 1), d(year + 1, 1, 2)),
            (d(year, 3, 1), d(year, 3, 5)),
            (d(year, 12, 30), None),
        ]
    ):
        OpinionEvent.objects.create(
            code=f"EDGE-O{n}",
            organization=top,
            date=day,
            source="网络",
            content="边界",
            handled_on=handled,
        )
    for n, (kind, made) in enumerate(
        [("brand", year - 3), ("brand", year), ("demonstration", year), ("brand", year + 1)]
    ):
        PartyBrand.objects.create(
            code=f"EDGE-P{n}", kind=kind, organization=top, name=f"边界{n}", year=made
        )

    figures = compute_figures(year, top, previous=True)
    values = {y: bench.sql_figures(y, top) for y in (year, year - 1)}
    _checked, mismatches = bench.compare_figures(figures, values)
    assert mismatches == []
    assert bench.figure_coverage(figures, values)["not_covered"]["unexpected"] == []
    this = values[year]
    assert this["org.general_branches"] >= 1 and this["org.new_branches"] >= 1
    assert this["rectification.overdue"] >= 2 and this["implementation.overdue"] >= 2
    assert this["opinion.total"] > this["opinion.handled"]
    assert this["brands.new"] >= 1 and this["brands.demonstration"] >= 1


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

    # The importing user must be allowed to change the whole workbook: a 党委管理员 for the platform.
    user = django_user_model.objects.create_user("importer")
    Profile.objects.create(user=user, role=Role.PARTY_ADMIN)
    result = import_workbook(good, user=user)
    assert result.written, result.error_lines()
    assert (
        Organization.objects.count(),
        Member.objects.count(),
        OrgLifeEvent.objects.count(),
        Attendance.objects.count(),
    ) == (4, 60, 6, 90)
    history = Attendance.history.all()
    assert history.count() == 90
    assert set(history.values_list("history_type", "history_user_id")) == {("+", user.pk)}
    assert set(history.values_list("id", flat=True)) == set(
        Attendance.objects.values_list("pk", flat=True)
    )
    member = Member.objects.get(member_no="B000000")
    assert member.name_initials and member.created_at and member.organization.code == "BENCH-000"
    assert Member.history.filter(id=member.pk, history_type="+").count() == 1


def test_tiny_run_writes_results_with_every_section(tmp_path):
    out = tmp_path / "results.json"
    completed = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--size",
            "tiny",
            "--out",
            str(out),
            "--work",
            str(tmp_path / "work"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    results = json.loads(out.read_text(encoding="utf-8"))
    assert {"meta", "datasets", "report", "queries", "load", "import", "bureau", "targets"} <= set(
        results
    )
    report = results["report"]
    assert {"report_seconds", "sql_seconds", "ratio", "queries", "figures", "mismatches"} <= set(
        report
    )
    assert report["mismatches"] == [] and report["mismatch_count"] == 0
    # Every figure of the report is recomputed by bare SQL, except the listed non-aggregates.
    not_covered = report["figures_not_covered"]
    assert not_covered["unexpected"] == []
    assert (
        report["figures_checked_against_sql"] + not_covered["count"]
        == report["report_figures_both_years"]
    )
    families = report["checked_by_family"]
    assert {
        "org",
        "members",
        "meetings",
        "attendance",
        "development",
        "elections",
        "rectification",
        "decisions",
        "services",
        "evaluations",
        "ethics",
        "honours",
        "brands",
        "cultivation",
        "opinion",
        "implementation",
        "integrity",
    } <= set(families)
    # more than the headline and per-branch families (members, 三会一课, 参会率) covered before
    branches = report["branches"]
    assert report["figures_checked_against_sql"] > 2 * (3 * branches + 40)
    assert families["development"] >= 2 * (4 + branches)
    queries = results["queries"]
    assert queries["pages"] > 20 and set(queries["table"]) >= {
        "report: compute_figures",
        "admin organizations:member_list",
    }
    assert queries["statuses"]["admin organizations:member_list"] == 200
    load = results["load"]
    assert "failed" not in load, load.get("check")
    assert set(load["check"].values()) == {"200"}  # every page answered 200 with the session
    assert {"p50_ms", "p95_ms", "n"} <= set(load["all_pages"]) and "trivial" in load
    assert load["all_pages"]["n"] > 0 and load["errors"] == {}
    if shutil.which("wrk"):
        assert load["client"].startswith("wrk ") and load["pages_source"] == "server"
        assert {"p99_ms", "max_ms"} <= set(load["all_pages"]) and load["wrk_threads"] >= 1
    else:
        assert load["client"] == "python threads" and load["pages_source"] == "client"
    assert sum(stats["n"] for stats in load["pages"].values()) > 0
    assert load["server_side"]["all_pages"]["n"] > 0
    imp = results["import"]
    assert imp["all_written"] and imp["bad_workbook"]["rows_written"] == 0
    assert imp["total_rows"] == sum(imp["rows"].values())
    assert results["bureau"] is None
    assert [t["met"] for t in results["targets"]][-1] is None  # (e) not run
    assert "查询数" in completed.stdout

    # The Python-thread fallback (no wrk), re-measuring only (c) on the hospital already built.
    completed = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--size",
            "tiny",
            "--out",
            str(out),
            "--work",
            str(tmp_path / "work"),
            "--only",
            "load",
            "--reuse",
            "--load-client",
            "python",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    assert "reusing the large hospital" in completed.stdout
    rerun = json.loads(out.read_text(encoding="utf-8"))
    load = rerun["load"]
    assert load["client"] == "python threads" and load["pages_source"] == "client"
    assert load["all_pages"]["n"] > 0 and load["errors"] == {}
    assert rerun["report"] == report  # merged: the other sections are kept
