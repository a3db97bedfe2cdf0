"""Scale and speed benchmarks: one command, one table, one ``benchmarks/results.json``.

Run from the repository root::

    make bench                         # (a)–(d) on SQLite, a few minutes
    make bench BENCH_ARGS=--bureau     # also (e): bureau scale on PostgreSQL (long)
    .venv/bin/python benchmarks/run.py --size tiny --out /tmp/r.json   # smoke run (seconds)

Every figure is a ratio or a count measured in this one run, with the absolute seconds beside it:

(a) ``report``  — the annual report (every figure for the year and the previous year, the
    narrative and the Word file) on the large hospital, against bare SQL aggregate queries
    (GROUP BY, SUM(CASE …)) that compute the same numbers, checked equal figure by figure. The
    figures that are not plain aggregates (``NOT_AGGREGATES``: indicators, secretaries' lectures,
    low-attendance branches, elections overdue) are not recomputed; the results list them;
(b) ``queries`` — SQL queries of the report and of every list/detail page at 1× and 10× data
    (they must be equal: no query per row);
(c) ``load``    — page latency p50/p95/p99 under bounded load (N concurrent clients, one
    connection each, pausing 0.5–1.5 s between requests as locust's ``between`` does) against
    gunicorn on the large data set, beside a trivial page of the same server; then the same
    clients without pauses, to show what the server sustains when saturated. The clients are
    ``wrk`` (``apt-get install wrk``) when it is installed — a Lua script cycles through the pages,
    ``delay()`` pauses, ``done()`` prints the latencies and errors, and every status other than
    200 counts as an error — else Python threads in this process (whose GIL contention on a
    small machine shows in the numbers); ``load.client`` says which. wrk does not time per path,
    so the per-page figures then come from gunicorn's access log (server-side request time);
    every page must answer 200 with the session cookie before the run starts. gunicorn listens
    on a socket made here with ``TCP_DEFER_ACCEPT`` (as nginx's ``deferred``), so that a sync
    worker never waits on a paced client's idle connection (see ``WRK_SCRIPT``);
(d) ``import``  — import throughput (rows/s) of a generated workbook, and the all-or-nothing
    check (a workbook with one bad row at the end writes nothing);
(e) ``bureau``  — (opt-in, ``--bureau``) the report at bureau scale on PostgreSQL
    (``DANGJIAN_BENCH_PG``, default ``postgres://postgres@127.0.0.1:5432/postgres``; databases
    ``dangjian_bench_*`` are created and dropped).

``--work DIR --reuse`` keeps the hospitals built in DIR by an earlier run (same size) instead of
rebuilding them; ``--load-client python`` forces the Python clients.

Each data set lives in its own database, so each stage runs in a child process
(``run.py --stage NAME --data-dir DIR``) with its own Django settings; the parent collects the
JSON each child writes, prints the table and writes the results file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
RESULTS = ROOT / "benchmarks" / "results.json"

#: Fixed cut-off date of the demo data: 2025 complete and the first half of 2026. The report is
#: for 2025 (with 2024 as the previous year), so every run measures the same rows.
AS_OF = dt.date(2026, 6, 30)
REPORT_YEAR = 2025

SIZES = {
    # 1× / 10× hospitals, the workbook, the load test, and the bureau.
    "default": {
        "small": {"members": 300, "branches": 8, "units": 1},
        "large": {"members": 3000, "branches": 80, "units": 1},
        "workbook": {"members": 10_000, "branches": 40, "events": 1_000, "attendance": 50_000},
        "load": {
            "clients": 20,
            "seconds": 30.0,
            "trivial_seconds": 10.0,
            "think": [0.5, 1.5],
            "saturation_seconds": 15.0,
        },
        "bureau": {"members": 500, "branches": 10, "units": 200},
        "repeat": 3,
    },
    "tiny": {
        "small": {"members": 30, "branches": 3, "units": 1},
        "large": {"members": 300, "branches": 30, "units": 1},
        "workbook": {"members": 200, "branches": 4, "events": 20, "attendance": 1_000},
        "load": {
            "clients": 2,
            "seconds": 1.0,
            "trivial_seconds": 0.5,
            "think": [0.05, 0.1],
            "saturation_seconds": 0.5,
        },
        "bureau": {"members": 30, "branches": 3, "units": 3},
        "repeat": 1,
    },
}

TARGETS = {
    "report_seconds_sqlite": 2.0,
    "report_vs_sql_ratio": 3.0,
    "bureau_report_seconds_pg": 5.0,
    "page_p95_ms": 100.0,
    "import_rows_per_second": 5000.0,
}


# ============================================================================================
# Child side: one stage in one database
# ============================================================================================


def _django(data_dir: Path, database_url: str | None = None) -> None:
    os.environ["DANGJIAN_DATA_DIR"] = str(data_dir)
    if database_url:
        os.environ["DANGJIAN_DATABASE_URL"] = database_url
    else:
        os.environ.pop("DANGJIAN_DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangjian.settings")
    import django

    django.setup()


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def stage_build(args) -> dict:
    """Migrate an empty database and load the demo hospital(s) at the requested size."""
    _django(args.data_dir, args.database_url)
    _migrate()
    from dangjian.demo.generator import build_demo

    started = time.perf_counter()
    summary = build_demo(
        seed=1,
        members=args.members,
        branches=args.branches,
        units=args.units,
        years=2,
        as_of=AS_OF,
        progress=False,
    )
    return {"seconds": round(time.perf_counter() - started, 2), "counts": summary.counts}


def _top_org():
    from dangjian.organizations.models import Organization

    return Organization.objects.filter(parent=None).order_by("path").first()


def stage_report(args) -> dict:
    """(a)/(e): the full annual report against the bare SQL aggregates of the same numbers."""
    _django(args.data_dir, args.database_url)
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from dangjian.reports.figures import compute_figures
    from dangjian.reports.narrative import build_report
    from dangjian.reports.render import to_docx

    org = _top_org()

    def full_report() -> tuple[float, int, int, int]:
        started = time.perf_counter()
        cpu_started = time.process_time()
        with CaptureQueriesContext(connection) as captured:
            figures = compute_figures(REPORT_YEAR, org, previous=True)
            report = build_report(figures)
            docx = to_docx(report)
        cpu.append(time.process_time() - cpu_started)
        return (
            time.perf_counter() - started,
            len(captured.captured_queries),
            len(figures),
            len(docx),
        )

    def bare_sql() -> tuple[float, dict]:
        started = time.perf_counter()
        values = {year: sql_figures(year, org) for year in (REPORT_YEAR, REPORT_YEAR - 1)}
        return time.perf_counter() - started, values

    # Cold: the first report and the first SQL run in this process (caches of the database
    # and of Python are as a freshly started server finds them). Then the median of the repeats,
    # alternating the two so that background load hits both alike.
    report_runs, sql_runs, cpu = [], [], []
    first = full_report()
    report_runs.append(first[0])
    sql_seconds, sql_values = bare_sql()
    sql_runs.append(sql_seconds)
    for _ in range(args.repeat - 1):
        report_runs.append(full_report()[0])
        sql_runs.append(bare_sql()[0])
    reset_queries()
    figures = compute_figures(REPORT_YEAR, org, previous=True)
    checked, mismatches = compare_figures(figures, sql_values)
    coverage = figure_coverage(figures, sql_values)
    from dangjian.organizations.models import Member, Organization
    from dangjian.orglife.models import Attendance

    report_s, sql_s = statistics.median(report_runs), statistics.median(sql_runs)
    return {
        "org": org.code,
        "year": REPORT_YEAR,
        "members": Member.objects.count(),
        "branches": Organization.objects.filter(org_type="党支部").count(),
        "attendance_rows": Attendance.objects.count(),
        "figures": first[2],
        "queries": first[1],
        "docx_bytes": first[3],
        "report_seconds": round(report_s, 3),
        "report_seconds_cold": round(report_runs[0], 3),
        "report_runs": [round(s, 3) for s in report_runs],
        "report_cpu_seconds": round(statistics.median(cpu), 3),
        "sql_seconds": round(sql_s, 3),
        "sql_runs": [round(s, 3) for s in sql_runs],
        "ratio": round(report_s / sql_s, 2) if sql_s else None,
        "figures_checked_against_sql": checked,
        "mismatch_count": len(mismatches),
        "mismatches": mismatches[:20],
        "report_figures_both_years": coverage["report_figures"],
        "checked_by_family": coverage["checked_by_family"],
        "figures_not_covered": coverage["not_covered"],
        "database": connection.vendor,
    }


def sql_figures(year: int, org) -> dict[str, object]:
    """The report's headline and per-branch numbers from bare SQL aggregates (GROUP BY).

    Rows are grouped by organisation in SQL; rolling organisations up to their 党支部 is a
    dictionary lookup over the (small) organisation table. Rates use the rules package's
    rounding, so the values can be compared with the report's exactly.
    """
    from django.db import connection

    from dangjian import rules
    from dangjian.orglife.models import EventType
    from dangjian.outreach.models import COMMON_SERVICE_TYPES

    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    like = org.path + "%"
    out: dict[str, object] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, code, org_type, parent_id, founded_on FROM organizations_organization "
            "WHERE path LIKE %s",
            [like],
        )
        orgs = {row[0]: row for row in cursor.fetchall()}

        def branch_of(org_id):
            row = orgs.get(org_id)
            while row is not None:
                if row[2] == "党支部":
                    return row[0]
                row = orgs.get(row[3])
            return None

        def _date(value):
            return dt.date.fromisoformat(value) if isinstance(value, str) else value

        branches = {
            pk: row[1]
            for pk, row in orgs.items()
            if row[2] == "党支部" and (row[4] is None or _date(row[4]) <= end)
        }
        out["org.branches"] = len(branches)

        # The per-part figures: per 党支部, or per 下属单位 (the 党委 right below, e.g. a
        # 卫健局's hospitals) when there are any.
        def committee_above(org_id):
            row = orgs.get(orgs[org_id][3])
            while row is not None and row[2] != "党委":
                row = orgs.get(row[3])
            return None if row is None else row[0]

        units = {
            pk: row[1]
            for pk, row in orgs.items()
            if row[2] == "党委" and pk != org.pk and committee_above(pk) == org.pk
        }

        def unit_of(org_id):
            row = orgs.get(org_id)
            while row is not None and row[0] not in units:
                row = orgs.get(row[3])
            return None if row is None else row[0]

        part, parts, part_of = (
            ("unit", units, unit_of) if units else ("branch", branches, branch_of)
        )

        # Organisations existing at year end by type, 党支部 founded in the year, and the
        # organisations that hold elections (党委, 党总支, 党支部) with their latest one in the year.
        cursor.execute(
            "SELECT org_type, "
            "SUM(CASE WHEN founded_on IS NULL OR founded_on <= %s THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN founded_on BETWEEN %s AND %s THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN last_election_on BETWEEN %s AND %s "
            "AND (founded_on IS NULL OR founded_on <= %s) THEN 1 ELSE 0 END) "
            "FROM organizations_organization WHERE path LIKE %s GROUP BY org_type",
            [end, start, end, start, end, end, like],
        )
        existing, founded, elected = {}, {}, {}
        for org_type, n_existing, n_founded, n_elected in cursor.fetchall():
            existing[org_type], founded[org_type], elected[org_type] = (
                n_existing or 0,
                n_founded or 0,
                n_elected or 0,
            )
        out["org.general_branches"] = existing.get("党总支", 0)
        out["org.groups"] = existing.get("党小组", 0)
        out["org.new_branches"] = founded.get("党支部", 0)
        out["elections.completed"] = sum(
            elected.get(kind, 0) for kind in ("党委", "党总支", "党支部")
        )

        cursor.execute(
            "SELECT m.organization_id, SUM(CASE WHEN m.category = 'probationary' "
            "OR m.full_member_on > %s THEN 1 ELSE 0 END), COUNT(*), "
            "SUM(CASE WHEN o.org_type = '党支部' AND TRIM(COALESCE(m.party_post, '')) = '书记' "
            "AND m.is_dual_leader THEN 1 ELSE 0 END) "
            "FROM organizations_member m JOIN organizations_organization o ON o.id = m.organization_id "
            "WHERE o.path LIKE %s AND (m.joined_on IS NULL OR m.joined_on <= %s) "
            "GROUP BY m.organization_id",
            [end, like, end],
        )
        total = probationary = dual_leaders = 0
        per_branch: dict[int, int] = {}
        for org_id, prob, count, dual in cursor.fetchall():
            total += count
            probationary += prob or 0
            dual_leaders += dual or 0
            branch = part_of(org_id)
            per_branch[branch] = per_branch.get(branch, 0) + count
        out["members.total"] = total
        out["members.probationary"] = probationary
        out["members.dual_leaders"] = dual_leaders
        for pk, code in parts.items():
            out[f"members.by_{part}.{code}"] = per_branch.get(pk, 0)

        cursor.execute(
            "SELECT e.organization_id, e.event_type, COUNT(*) FROM orglife_orglifeevent e "
            "JOIN organizations_organization o ON o.id = e.organization_id "
            "WHERE o.path LIKE %s AND e.date BETWEEN %s AND %s GROUP BY e.organization_id, e.event_type",
            [like, start, end],
        )
        by_type: dict[str, int] = {}
        three_by_branch: dict[int, int] = {}
        for org_id, kind, count in cursor.fetchall():
            by_type[kind] = by_type.get(kind, 0) + count
            if kind in ("支部党员大会", "支部委员会会议", "党小组会", "党课"):
                branch = part_of(org_id)
                three_by_branch[branch] = three_by_branch.get(branch, 0) + count
        # Every type the report lists (zero included), and any other type found.
        for kind in [value for value, _label in EventType.choices] + sorted(
            set(by_type) - set(EventType.values)
        ):
            out[f"meetings.{kind}"] = by_type.get(kind, 0)
        out["meetings.三会一课"] = sum(three_by_branch.values())
        for pk, code in parts.items():
            out[f"meetings.三会一课.by_{part}.{code}"] = three_by_branch.get(pk, 0)

        cursor.execute(
            "SELECT e.organization_id, a.status, COUNT(*) FROM orglife_attendance a "
            "JOIN orglife_orglifeevent e ON e.id = a.event_id "
            "JOIN organizations_organization o ON o.id = e.organization_id "
            "WHERE o.path LIKE %s AND e.date BETWEEN %s AND %s GROUP BY e.organization_id, a.status",
            [like, start, end],
        )
        present: dict[int, int] = {}
        counted: dict[int, int] = {}
        for org_id, status, count in cursor.fetchall():
            branch = part_of(org_id)
            counted[branch] = counted.get(branch, 0) + count
            if status == "present":
                present[branch] = present.get(branch, 0) + count
        out["attendance.records"] = sum(counted.values())
        out["attendance.rate"] = rules.percentage(sum(present.values()), sum(counted.values()))
        for pk, code in parts.items():
            out[f"attendance.rate.by_{part}.{code}"] = rules.percentage(
                present.get(pk, 0), counted.get(pk, 0)
            )

        cursor.execute(
            "SELECT "
            "SUM(CASE WHEN d.applied_on BETWEEN %s AND %s THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN d.activist_on BETWEEN %s AND %s THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN d.admitted_on BETWEEN %s AND %s THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN d.converted_on BETWEEN %s AND %s THEN 1 ELSE 0 END) "
            "FROM development_developmentcase d "
            "JOIN organizations_organization o ON o.id = d.organization_id WHERE o.path LIKE %s",
            [start, end] * 4 + [like],
        )
        applied, activist, admitted, converted = (v or 0 for v in cursor.fetchone())
        out["development.applicants"] = applied
        out["development.activists"] = activist
        out["development.new_probationary"] = admitted
        out["development.converted"] = converted

        cursor.execute(
            "SELECT d.organization_id, COUNT(*) FROM development_developmentcase d "
            "JOIN organizations_organization o ON o.id = d.organization_id "
            "WHERE o.path LIKE %s AND d.admitted_on BETWEEN %s AND %s GROUP BY d.organization_id",
            [like, start, end],
        )
        admitted_by_branch: dict[int, int] = {}
        for org_id, count in cursor.fetchall():
            branch = part_of(org_id)
            admitted_by_branch[branch] = admitted_by_branch.get(branch, 0) + count
        for pk, code in parts.items():
            out[f"development.new_probationary.by_{part}.{code}"] = admitted_by_branch.get(pk, 0)

        cursor.execute(
            "SELECT d.category, d.members_due, d.members_present, COUNT(*) "
            "FROM decisions_majordecision d JOIN organizations_organization o ON o.id = d.organization_id "
            "WHERE o.path LIKE %s AND d.meeting_date BETWEEN %s AND %s "
            "GROUP BY d.category, d.members_due, d.members_present",
            [like, start, end],
        )
        decisions = without_quorum = 0
        for category, due, present_count, count in cursor.fetchall():
            decisions += count
            if (
                due is not None
                and present_count is not None
                and not rules.has_quorum(category, due, present_count)
            ):
                without_quorum += count
        out["decisions.三重一大"] = decisions
        out["decisions.without_quorum"] = without_quorum

        cursor.execute(
            "SELECT s.activity_type, COUNT(*), SUM(COALESCE(s.people_served, 0)), "
            "SUM(COALESCE(s.participants, 0)) FROM outreach_serviceactivity s "
            "JOIN organizations_organization o ON o.id = s.organization_id "
            "WHERE o.path LIKE %s AND s.date BETWEEN %s AND %s GROUP BY s.activity_type",
            [like, start, end],
        )
        services = served = participants = 0
        for kind in COMMON_SERVICE_TYPES:  # listed by the report even when none took place
            out[f"services.{kind}"] = 0
        for kind, count, people, joined in cursor.fetchall():
            out[f"services.{kind}"] = count
            services += count
            served += people or 0
            participants += joined or 0
        out["services.total"] = services
        out["services.people_served"] = served
        out["services.participants"] = participants

        _sql_ledgers(cursor, out, year, start, end, like)
    return out


def _sql_ledgers(cursor, out: dict, year: int, start: dt.date, end: dt.date, like: str) -> None:
    """整改, 评议考核, 表彰/品牌/双培养/舆情, 贯彻落实 and 党风廉政 from bare SQL aggregates.

    The conditions are the report's, written out: a task (整改问题, 落实措施) counts for the year
    when its 时限 or 完成日期 falls in it or it is still open at year end; it is done at year end
    when marked done and not completed only after; overdue when not done and its 时限 is before
    the last day of the year. Grade and kind labels are the models' choices (the figure keys
    name them)."""
    from dangjian import rules
    from dangjian.evaluations.models import EthicsGrade, MemberGrade, ReviewGrade
    from dangjian.recognition.models import CultivationKind

    def task_figures(prefix: str, total_key: str, table_sql: str, params: list) -> None:
        # ``table_sql`` selects the rows' deadline, completed_on and status as t.deadline, ….
        done = "(t.status = 'done' AND (t.completed_on IS NULL OR t.completed_on <= %s))"
        cursor.execute(
            f"SELECT COUNT(*), SUM(CASE WHEN {done} THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN NOT {done} AND t.deadline < %s THEN 1 ELSE 0 END) FROM ({table_sql}) t "
            "WHERE t.deadline BETWEEN %s AND %s OR t.completed_on BETWEEN %s AND %s "
            "OR t.status <> 'done' OR t.completed_on > %s",
            [end, end, end, *params, start, end, start, end, end],
        )
        total, n_done, overdue = (v or 0 for v in cursor.fetchone())
        out[total_key] = total
        out[f"{prefix}.done"] = n_done
        out[f"{prefix}.rate"] = rules.percentage(n_done, total)
        out[f"{prefix}.overdue"] = overdue
        if prefix == "rectification":
            out["rectification.in_progress"] = total - n_done

    # ---- 整改台账: raised by year end ----
    task_figures(
        "rectification",
        "rectification.total",
        "SELECT r.deadline, r.completed_on, r.status FROM rectification_rectificationitem r "
        "JOIN organizations_organization o ON o.id = r.organization_id "
        "WHERE o.path LIKE %s AND (r.raised_on IS NULL OR r.raised_on <= %s)",
        [like, end],
    )
    # ---- 贯彻落实: measures of instructions issued by year end; instructions issued in the year ----
    task_figures(
        "implementation",
        "implementation.measures",
        "SELECT m.deadline, m.completed_on, m.status FROM implementation_measure m "
        "JOIN implementation_instruction i ON i.id = m.instruction_id "
        "JOIN organizations_organization o ON o.id = i.organization_id "
        "WHERE o.path LIKE %s AND i.issued_on <= %s",
        [like, end],
    )
    cursor.execute(
        "SELECT COUNT(*) FROM implementation_instruction i "
        "JOIN organizations_organization o ON o.id = i.organization_id "
        "WHERE o.path LIKE %s AND i.issued_on BETWEEN %s AND %s",
        [like, start, end],
    )
    out["implementation.instructions"] = cursor.fetchone()[0]

    # ---- 评议考核: the year's results by grade ----
    def grades(table_sql: str, prefix: str, choices, total_key: str) -> dict[str, int]:
        cursor.execute(
            f"SELECT t.grade, COUNT(*) FROM ({table_sql}) t GROUP BY t.grade", [year, like]
        )
        counts = dict(cursor.fetchall())
        out[total_key] = sum(counts.values())
        for value, label in choices:
            out[f"{prefix}.{label}"] = counts.get(value, 0)
        return counts

    grades(
        "SELECT e.grade FROM evaluations_memberevaluation e "
        "JOIN organizations_member m ON m.id = e.member_id "
        "JOIN organizations_organization o ON o.id = m.organization_id WHERE e.year = %s AND o.path LIKE %s",
        "evaluations.民主评议",
        MemberGrade.choices,
        "evaluations.民主评议.total",
    )
    grades(
        "SELECT e.grade FROM evaluations_secretaryreview e "
        "JOIN organizations_organization o ON o.id = e.organization_id WHERE e.year = %s AND o.path LIKE %s",
        "evaluations.述职评议",
        ReviewGrade.choices,
        "evaluations.述职评议.total",
    )
    grades(
        "SELECT e.grade FROM evaluations_branchassessment e "
        "JOIN organizations_organization o ON o.id = e.organization_id WHERE e.year = %s AND o.path LIKE %s",
        "evaluations.支部考核",
        ReviewGrade.choices,
        "evaluations.支部考核.total",
    )
    ethics = grades(
        "SELECT e.grade FROM evaluations_ethicsrecord e "
        "JOIN organizations_organization o ON o.id = e.organization_id "
        "WHERE e.year = %s AND o.path LIKE %s",
        "ethics",
        EthicsGrade.choices,
        "ethics.total",
    )
    out["ethics.excellent_rate"] = rules.percentage(
        ethics.get(EthicsGrade.EXCELLENT.value, 0), out["ethics.total"]
    )

    # ---- 表彰 (年度为本年), 党建品牌/示范点 (年末已创建), 双培养 and 舆情 (日期在本年) ----
    cursor.execute(
        "SELECT h.kind, COUNT(*) FROM recognition_honour h JOIN organizations_organization o "
        "ON o.id = h.organization_id WHERE o.path LIKE %s AND h.year = %s GROUP BY h.kind",
        [like, year],
    )
    honours = dict(cursor.fetchall())
    out["honours.total"] = sum(honours.values())
    for kind, label in (
        ("advanced_org", "先进党组织"),
        ("outstanding_member", "优秀共产党员"),
        ("outstanding_worker", "优秀党务工作者"),
    ):
        out[f"honours.{label}"] = honours.get(kind, 0)
    cursor.execute(
        "SELECT b.kind, COUNT(*), SUM(CASE WHEN b.year = %s THEN 1 ELSE 0 END) FROM recognition_partybrand b "
        "JOIN organizations_organization o ON o.id = b.organization_id WHERE o.path LIKE %s AND b.year <= %s "
        "GROUP BY b.kind",
        [year, like, year],
    )
    brands = {kind: (count, new or 0) for kind, count, new in cursor.fetchall()}
    out["brands.total"], out["brands.new"] = brands.get("brand", (0, 0))
    out["brands.demonstration"] = brands.get("demonstration", (0, 0))[0]
    cursor.execute(
        "SELECT c.kind, COUNT(*) FROM recognition_dualcultivation c JOIN organizations_member m ON m.id = c.member_id "
        "JOIN organizations_organization o ON o.id = m.organization_id "
        "WHERE o.path LIKE %s AND c.date BETWEEN %s AND %s GROUP BY c.kind",
        [like, start, end],
    )
    cultivation = dict(cursor.fetchall())
    for value, label in CultivationKind.choices:
        out[f"cultivation.{label}"] = cultivation.get(value, 0)
    cursor.execute(
        "SELECT COUNT(*), SUM(CASE WHEN e.handled_on <= %s THEN 1 ELSE 0 END) FROM indicators_opinionevent e "
        "JOIN organizations_organization o ON o.id = e.organization_id "
        "WHERE o.path LIKE %s AND e.date BETWEEN %s AND %s",
        [end, like, start, end],
    )
    opinions, handled = (v or 0 for v in cursor.fetchone())
    out["opinion.total"], out["opinion.handled"] = opinions, handled
    out["opinion.rate"] = rules.percentage(handled, opinions)

    # ---- 党风廉政: 责任书 of the year, 警示教育 and 集体谈话 dated in it ----
    cursor.execute(
        "SELECT r.kind, COUNT(*) FROM integrity_responsibility r JOIN organizations_organization o "
        "ON o.id = r.organization_id WHERE o.path LIKE %s AND r.year = %s GROUP BY r.kind",
        [like, year],
    )
    letters = dict(cursor.fetchall())
    out["integrity.target_letters"] = letters.get("target", 0)
    out["integrity.supervision_letters"] = letters.get("supervision", 0)
    cursor.execute(
        "SELECT e.kind, COUNT(*) FROM integrity_integrityeducation e JOIN organizations_organization o "
        "ON o.id = e.organization_id WHERE o.path LIKE %s AND e.date BETWEEN %s AND %s GROUP BY e.kind",
        [like, start, end],
    )
    education = dict(cursor.fetchall())
    out["integrity.warning_education"] = education.get("warning", 0)
    out["integrity.collective_talks"] = education.get("collective_talk", 0)


def compare_figures(figures, sql_values: dict) -> tuple[int, list[str]]:
    """How many SQL numbers equal the report's, and which do not (both years)."""
    checked, mismatches = 0, []
    for year, values in sql_values.items():
        fs = figures if year == figures.year else figures.previous
        for key, value in values.items():
            figure = fs.get(key)
            if figure is None:
                if value:  # a type with rows that the report does not show
                    mismatches.append(f"{year} {key}: SQL {value}, report has no such figure")
                continue
            checked += 1
            if figure.value != value:
                mismatches.append(f"{year} {key}: report {figure.value}, SQL {value}")
    return checked, mismatches


#: Figures the bare SQL does not recompute: they are not plain aggregates (indicators: per
#: department, 全年 replacing 季度/月度 values, averages of percentages; secretaries' lectures:
#: lecturer names matched to each branch's 书记; branches below a 参会率 threshold; elections
#: overdue: each organisation's term from its rule overrides).
NOT_AGGREGATES = (
    "indicators.",
    "meetings.党课.by_secretary",
    "meetings.党课.branches_without_secretary",
    "attendance.low_branches",
    "elections.overdue",
)


def figure_coverage(figures, sql_values: dict) -> dict:
    """Which of the report's figures (both years) the bare SQL computed, by family, and which not."""
    total, by_family, missing = 0, {}, []
    for year, values in sql_values.items():
        fs = figures if year == figures.year else figures.previous
        for key in fs.keys():  # noqa: SIM118 -- a FigureSet iterates over its Figures
            total += 1
            if key in values:
                family = key.split(".", 1)[0]
                by_family[family] = by_family.get(family, 0) + 1
            else:
                missing.append(f"{year} {key}")
    unexpected = [
        entry for entry in missing if not entry.split(" ", 1)[1].startswith(NOT_AGGREGATES)
    ]
    return {
        "report_figures": total,
        "checked_by_family": dict(sorted(by_family.items())),
        "not_covered": {"count": len(missing), "keys": missing, "unexpected": unexpected},
    }


# ---- (b) query counts --------------------------------------------------------------------


def _page_urls(user) -> list[tuple[str, str]]:
    """(name, url) of every list page, every detail page (first record) and the other
    argument-free pages, found in the URL configuration (new apps are picked up)."""
    from django.urls import URLPattern, URLResolver, get_resolver

    skip_prefixes = ("admin/", "api/", "accounts/")
    skip_names = {
        "dashboard_data",
        "export",
        "template",
        "import",
        "lists_export",
        "calendar_feed",
        "figure",
        "logout_everywhere",
        "password_change",
    }
    found: list[tuple[str, str]] = []

    def walk(patterns, prefix: str, namespace: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if route.startswith(skip_prefixes):
                    continue
                ns = pattern.namespace or namespace
                walk(pattern.url_patterns, route, ns)
                continue
            if (
                not isinstance(pattern, URLPattern)
                or not pattern.name
                or pattern.name in skip_names
            ):
                continue
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            converters = pattern.pattern.converters
            view_class = getattr(pattern.callback, "view_class", None)
            if not converters:
                if pattern.name.endswith(("_create", "_new")) or "/new/" in route:
                    continue
                found.append((name, "/" + route))
            elif list(converters) == ["pk"] and pattern.name.endswith("_detail"):
                model = getattr(view_class, "model", None)
                if model is None:
                    continue
                manager = model._default_manager
                rows = (
                    manager.visible_to(user)
                    if hasattr(manager.all(), "visible_to")
                    else manager.all()
                )
                pk = rows.order_by("pk").values_list("pk", flat=True).first()
                if pk is not None:
                    found.append((name, "/" + route.replace("<int:pk>", str(pk))))

    walk(get_resolver().url_patterns, "", "")
    return found


def stage_queries(args) -> dict:
    """(b): the report's and every page's SQL query count on this data set."""
    _django(args.data_dir, args.database_url)
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from dangjian.reports.figures import compute_figures

    setup_test_environment()  # the test client then records each response's template context
    org = _top_org()
    counts: dict[str, int] = {}
    statuses: dict[str, int] = {}
    listed: dict[str, int] = {}  # rows shown by a list page (an empty page skips its prefetches)
    with CaptureQueriesContext(connection) as captured:
        compute_figures(REPORT_YEAR, org, previous=True)
    counts["report: compute_figures"] = len(captured.captured_queries)
    for username in ("admin", "neike"):
        user = User.objects.get(username=username)
        client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
        client.force_login(user)
        pages = [
            *_page_urls(user),
            ("reports:annual", f"/reports/annual/?year={REPORT_YEAR}"),
            ("reports:annual.docx", f"/reports/annual/?year={REPORT_YEAR}&format=docx"),
            (
                "reports:figure?key=members.total",
                f"/reports/annual/figure/?year={REPORT_YEAR}&key=members.total",
            ),
        ]
        for name, url in pages:
            client.get(url)  # warm caches (sessions, content types) before counting
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            counts[f"{username} {name}"] = len(captured.captured_queries)
            statuses[f"{username} {name}"] = response.status_code
            page = response.context.get("page_obj") if response.context is not None else None
            if page is not None:
                listed[f"{username} {name}"] = len(page.object_list)
    return {"counts": counts, "statuses": statuses, "listed": listed}


# ---- (c) load ----------------------------------------------------------------------------


def stage_session(args) -> dict:
    """A logged-in session for the load clients (written to the database the server reads)."""
    _django(args.data_dir, args.database_url)
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore

    from dangjian.organizations.models import Member
    from dangjian.orglife.models import OrgLifeEvent

    user = User.objects.get(username="admin")
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    import math

    from django.urls import resolve

    member = Member.objects.order_by("pk").values_list("pk", flat=True)[Member.objects.count() // 2]
    # Page 20 of the member list (the last page when there are fewer: a smoke-test hospital).
    per_page = (
        getattr(resolve("/organizations/members/").func.view_class, "paginate_by", None) or 50
    )
    page = max(1, min(20, math.ceil(Member.objects.count() / per_page)))
    event = OrgLifeEvent.objects.order_by("pk").values_list("pk", flat=True)[
        OrgLifeEvent.objects.count() // 2
    ]
    return {
        "cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}",
        "pages": {
            "首页 /": "/",
            "党员列表": "/organizations/members/",
            f"党员列表 第{page}页": f"/organizations/members/?page={page}",
            "党员详情": f"/organizations/members/{member}/",
            "组织生活列表": "/orglife/",
            "组织生活详情": f"/orglife/{event}/",
            "组织树": "/organizations/",
        },
    }


def _hammer(
    port: int,
    paths: list[str],
    cookie: str,
    clients: int,
    seconds: float,
    think: tuple[float, float] | None = None,
) -> dict:
    """``clients`` threads, each with one keep-alive connection, request for ``seconds``;
    latencies per path in milliseconds. With ``think`` each client waits a random time in that
    range (seconds) between its requests, as a person (or locust's ``between``) does; without,
    requests go back to back (the server's saturation)."""
    import http.client
    import random

    deadline = time.perf_counter() + seconds
    latencies: dict[str, list[float]] = {path: [] for path in paths}
    errors: dict[str, int] = {}
    lock = threading.Lock()

    def client(index: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine: dict[str, list[float]] = {path: [] for path in paths}
        bad: dict[str, int] = {}
        n = index
        pause = random.Random(index)
        while time.perf_counter() < deadline:
            if think is not None and n != index:
                time.sleep(pause.uniform(*think))
                if time.perf_counter() >= deadline:
                    break
            path = paths[n % len(paths)]
            n += 1
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
                response = conn.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                status = 0
            elapsed = (time.perf_counter() - started) * 1000
            if status == 200:
                mine[path].append(elapsed)
            else:
                bad[f"{path} → {status}"] = bad.get(f"{path} → {status}", 0) + 1
        conn.close()
        with lock:
            for path, values in mine.items():
                latencies[path].extend(values)
            for key, count in bad.items():
                errors[key] = errors.get(key, 0) + count

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    total = sum(len(v) for v in latencies.values())
    return {
        "latencies": latencies,
        "errors": errors,
        "requests": total,
        "requests_per_second": round(total / wall, 1) if wall else 0.0,
    }


def _percentiles(values: list[float]) -> dict:
    if not values:
        return {"n": 0, "p50_ms": None, "p95_ms": None}
    ordered = sorted(values)

    def pick(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)

    return {
        "n": len(values),
        "p50_ms": pick(0.50),
        "p95_ms": pick(0.95),
        "p99_ms": pick(0.99),
        "max_ms": round(ordered[-1], 1),
    }


# ---- (c) with wrk: load from a C client, per-page times from the server's access log -------

#: The gunicorn access-log line the per-page figures are read from: status, request time in
#: microseconds (%(D)s) and milliseconds (%(M)s), request line. Tab-separated.
ACCESS_LOG_FORMAT = "%(s)s\t%(D)s\t%(M)s\t%(r)s"

#: wrk's Lua script. Each wrk thread cycles through the pages (starting at a different one);
#: ``delay()`` (defined only for paced runs) pauses a random time before each request of a
#: connection, as a person or locust's ``between`` does; ``response()`` counts every status other
#: than 200 (wrk counts only ≥ 400 in ``summary.errors.status``, so a redirect to the login page
#: would pass); ``done()`` prints one JSON line (latencies in µs → ms).
#:
#: wrk reconnects as soon as a response ends (gunicorn's sync workers close every connection)
#: and pauses on the new, idle connection. A sync worker that accepted it would wait there for the
#: whole pause while requests queue behind it (the login page measured p95 ≈ 540 ms client-side
#: against 36 ms server-side); so the server's listening socket defers accept until a request
#: arrives (``TCP_DEFER_ACCEPT``, what nginx's ``listen … deferred`` does; in production nginx
#: in front of gunicorn hands it whole requests). Pausing in ``response()`` instead, before the
#: reconnect, does not work either: gunicorn ≥ 22 lingers on each closed connection until the
#: client closes its end (``util.close_graceful``), so a worker waits out the client's pause.
WRK_SCRIPT = """\
-- Written by benchmarks/run.py for one load run.
local paths = {%(paths)s}
local think_min, think_max = %(think_min)d, %(think_max)d  -- ms; 0, 0: back to back
local threads = {}
local started = 0

function setup(thread)
  thread:set("id", started)
  started = started + 1
  table.insert(threads, thread)
end

function init(args)
  n = id
  non200 = 0
  math.randomseed(1000 + id)
end

function request()
  local path = paths[(n %% #paths) + 1]
  n = n + 1
  return wrk.format("GET", path)
end

if think_max > 0 then
  function delay()
    return math.random(think_min, think_max)
  end
end

function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non200")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %%d, "duration_us": %%d, "p50_ms": %%.1f, "p95_ms": %%.1f, "p99_ms": %%.1f, ' ..
    '"max_ms": %%.1f, "errors": {"connect": %%d, "read": %%d, "write": %%d, "status": %%d, "timeout": %%d, ' ..
    '"non_200": %%d}}\\n',
    summary.requests, summary.duration, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, e.connect, e.read, e.write, e.status, e.timeout, bad))
end
"""


def wrk_client() -> tuple[str, str] | None:
    """(path, "wrk 4.1.0") when wrk is installed, else None."""
    import re

    exe = shutil.which("wrk")
    if exe is None:
        return None
    completed = subprocess.run([exe, "--version"], capture_output=True, text=True, check=False)
    found = re.search(r"wrk\s+(?:\S*/)?(\d+(?:\.\d+)+)", completed.stdout + completed.stderr)
    return exe, f"wrk {found.group(1) if found else '?'}"


def _lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _wrk(
    exe: str,
    port: int,
    paths: list[str],
    cookie: str,
    clients: int,
    seconds: float,
    think: tuple[float, float] | None,
    work: Path,
    name: str,
) -> dict:
    """One wrk run: ``clients`` connections (one per client) on ≤ cores threads for ``seconds``
    (whole seconds, at least 1: wrk takes no fractions), pausing ``think`` (seconds) between a
    connection's requests. Returns wrk's own latencies and errors."""
    import math

    script = work / f"wrk-{name}.lua"
    think_ms = (round(think[0] * 1000), round(think[1] * 1000)) if think else (0, 0)
    script.write_text(
        WRK_SCRIPT
        % {
            "paths": ", ".join(_lua_string(p) for p in paths),
            "think_min": think_ms[0],
            "think_max": think_ms[1],
        },
        encoding="utf-8",
    )
    threads = max(1, min(2, os.cpu_count() or 1, clients))
    duration = max(1, math.ceil(seconds))
    command = [
        exe,
        "-t",
        str(threads),
        "-c",
        str(clients),
        "-d",
        f"{duration}s",
        "--timeout",
        "60s",
        "--latency",
        "-s",
        str(script),
        "-H",
        f"Cookie: {cookie}",
        f"http://127.0.0.1:{port}/",
    ]
    completed = subprocess.run(
        command, capture_output=True, text=True, check=False, timeout=duration + 120
    )
    (work / f"wrk-{name}.txt").write_text(
        " ".join(command[:-3]) + " …\n" + completed.stdout + completed.stderr, encoding="utf-8"
    )
    line = next((ln for ln in completed.stdout.splitlines() if ln.startswith("BENCH_JSON ")), None)
    if completed.returncode != 0 or line is None:
        raise RuntimeError(
            f"wrk failed ({completed.returncode}):\n{completed.stdout[-2000:]}\n{completed.stderr[-2000:]}"
        )
    stats = json.loads(line.split(" ", 1)[1])
    wall = stats["duration_us"] / 1e6
    return {
        "n": stats["requests"],
        "p50_ms": stats["p50_ms"],
        "p95_ms": stats["p95_ms"],
        "p99_ms": stats["p99_ms"],
        "max_ms": stats["max_ms"],
        "requests_per_second": round(stats["requests"] / wall, 1) if wall else 0.0,
        "seconds": round(wall, 1),
        "threads": threads,
        "errors": {kind: count for kind, count in stats["errors"].items() if count},
    }


class AccessLog:
    """gunicorn's access log (``ACCESS_LOG_FORMAT``), read a run at a time by file offset."""

    def __init__(self, path: Path):
        self.path = path
        self.offset = 0

    def _size(self) -> int:
        return self.path.stat().st_size if self.path.exists() else 0

    def settle(self) -> None:
        """Wait until requests still in flight at the end of a run have been logged."""
        size, deadline = -1, time.time() + 10
        while time.time() < deadline:
            time.sleep(0.3)
            now = self._size()
            if now == size:
                return
            size = now

    def take(self) -> list[tuple[int, float, str]]:
        """(status, server milliseconds, path with query) of the lines since the last take."""
        self.settle()
        with self.path.open("rb") as handle:
            handle.seek(self.offset)
            data = handle.read()
        self.offset += len(data)
        lines = []
        for raw in data.decode("utf-8", errors="replace").splitlines():
            parts = raw.split("\t")
            if len(parts) != 4:
                continue
            request = parts[3].split(" ")
            lines.append(
                (int(parts[0]), int(parts[1]) / 1000, request[1] if len(request) > 1 else "")
            )
        return lines


def _server_side(lines: list[tuple[int, float, str]], pages: dict[str, str]) -> dict:
    """Per-page p50/p95 of the server's own request times (200 responses), and the statuses."""
    by_path: dict[str, list[float]] = {}
    statuses: dict[str, int] = {}
    for status, ms, path in lines:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
        if status == 200:
            by_path.setdefault(path, []).append(ms)
    return {
        "pages": {name: _percentiles(by_path.get(path, [])) for name, path in pages.items()},
        "all": _percentiles([ms for path in pages.values() for ms in by_path.get(path, [])]),
        "statuses": statuses,
    }


def _check_pages(port: int, paths: list[str], cookie: str) -> dict[str, str]:
    """Each path once with the session cookie: the status (and where a redirect goes)."""
    import http.client

    found = {}
    for path in paths:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        try:
            conn.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
            response = conn.getresponse()
            response.read()
            found[path] = str(response.status) + (
                f" → {response.getheader('Location')}" if 300 <= response.status < 400 else ""
            )
        except (OSError, http.client.HTTPException) as error:
            found[path] = f"error: {error}"
        finally:
            conn.close()
    return found


def run_load(
    data_dir: Path, size: dict, workers: int, database_url: str | None = None, client: str = "auto"
) -> dict:
    """(c): gunicorn on the large data set, N clients for S seconds over the pages, then the
    same clients on a trivial page (the login form: no database, same middleware), then the
    pages without pauses. The clients are wrk (C, outside this process) when installed, else
    Python threads in this process; per-page times come from gunicorn's access log with wrk
    (it does not time per path) and from the clients with the Python fallback."""
    found = wrk_client() if client in ("auto", "wrk") else None
    if client == "wrk" and found is None:
        raise RuntimeError("--load-client wrk: wrk is not installed (apt-get install wrk)")
    session = child("session", data_dir, database_url=database_url)
    env = _child_env(data_dir, database_url)
    env["DANGJIAN_CONN_MAX_AGE"] = env.get("DANGJIAN_CONN_MAX_AGE", "60")
    gunicorn = Path(sys.executable).with_name("gunicorn")
    log = AccessLog(data_dir / "access.log")
    if log.path.exists():
        log.path.unlink()
    # The listening socket is made here and handed to gunicorn (fd://): accept deferred until a
    # request arrives, so that no sync worker waits on a client's idle connection (see WRK_SCRIPT).
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    deferred = hasattr(socket, "TCP_DEFER_ACCEPT")
    if deferred:
        listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_DEFER_ACCEPT, 30)
    listener.listen(2048)
    listener.set_inheritable(True)
    try:
        server = subprocess.Popen(
            [
                str(gunicorn),
                "dangjian.wsgi:application",
                "--bind",
                f"fd://{listener.fileno()}",
                "--workers",
                str(workers),
                "--worker-class",
                "sync",
                "--log-level",
                "warning",
                "--chdir",
                str(ROOT),
                "--access-logfile",
                str(log.path),
                "--access-logformat",
                ACCESS_LOG_FORMAT,
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            pass_fds=(listener.fileno(),),
        )
    finally:
        listener.close()
    pages = session["pages"]
    paths = list(pages.values())
    trivial_path = "/accounts/login/"
    think = tuple(size["think"])
    base = {
        "server": f"gunicorn, {workers} sync workers"
        + ("（TCP_DEFER_ACCEPT）" if deferred else ""),
        "client": found[1] if found else "python threads",
        "clients": size["clients"],
        "seconds": size["seconds"],
        "think_seconds": list(think),
    }
    try:
        _wait_for(port, server)
        # Every page must answer 200 with the session: a redirect to the login page would be
        # timed as a (fast) page otherwise.
        check = _check_pages(port, [*paths, trivial_path], session["cookie"])
        if any(status != "200" for status in check.values()):
            return {
                **base,
                "failed": "not every page answers 200 with the session cookie",
                "check": check,
                "pages": {},
                "all_pages": {"n": 0, "p50_ms": None, "p95_ms": None},
                "errors": {path: status for path, status in check.items() if status != "200"},
            }
        _hammer(
            port, [*paths, trivial_path], session["cookie"], min(size["clients"], 4), 1.0
        )  # warm-up
        log.take()
        if found:
            exe = found[0]
            loaded = _wrk(
                exe,
                port,
                paths,
                session["cookie"],
                size["clients"],
                size["seconds"],
                think,
                data_dir,
                "paced",
            )
            loaded_log = _server_side(log.take(), pages)
            trivial = _wrk(
                exe,
                port,
                [trivial_path],
                session["cookie"],
                size["clients"],
                size["trivial_seconds"],
                think,
                data_dir,
                "trivial",
            )
            trivial_log = _server_side(log.take(), {"login": trivial_path})
            saturated = _wrk(
                exe,
                port,
                paths,
                session["cookie"],
                size["clients"],
                size["saturation_seconds"],
                None,
                data_dir,
                "saturated",
            )
            saturated_log = _server_side(log.take(), pages)
        else:
            loaded = _hammer(
                port, paths, session["cookie"], size["clients"], size["seconds"], think
            )
            loaded_log = _server_side(log.take(), pages)
            trivial = _hammer(
                port,
                [trivial_path],
                session["cookie"],
                size["clients"],
                size["trivial_seconds"],
                think,
            )
            trivial_log = _server_side(log.take(), {"login": trivial_path})
            saturated = _hammer(
                port, paths, session["cookie"], size["clients"], size["saturation_seconds"]
            )
            saturated_log = _server_side(log.take(), pages)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    server_side = {
        "all_pages": loaded_log["all"],
        "trivial": trivial_log["all"],
        "saturation": saturated_log["all"],
        "statuses": {
            "paced": loaded_log["statuses"],
            "trivial": trivial_log["statuses"],
            "saturated": saturated_log["statuses"],
        },
    }
    if found:
        overall, triv, saturated_all = loaded, trivial, saturated
        errors = {
            f"{run}: {kind}": count
            for run, stats in (("paced", loaded), ("trivial", trivial), ("saturated", saturated))
            for kind, count in stats["errors"].items()
        }
        per_page, pages_source = loaded_log["pages"], "server"
        rates = (
            loaded["requests_per_second"],
            trivial["requests_per_second"],
            saturated["requests_per_second"],
        )
        extra = {"wrk_threads": loaded["threads"]}
        strip = ("errors", "threads", "requests_per_second")
        overall, triv, saturated_all = (
            {k: v for k, v in s.items() if k not in strip} for s in (overall, triv, saturated_all)
        )
    else:
        overall = _percentiles([ms for values in loaded["latencies"].values() for ms in values])
        triv = _percentiles(trivial["latencies"][trivial_path])
        saturated_all = _percentiles(
            [ms for values in saturated["latencies"].values() for ms in values]
        )
        errors = {**loaded["errors"], **trivial["errors"], **saturated["errors"]}
        per_page = {name: _percentiles(loaded["latencies"][path]) for name, path in pages.items()}
        pages_source = "client"
        rates = (
            loaded["requests_per_second"],
            trivial["requests_per_second"],
            saturated["requests_per_second"],
        )
        extra = {}
    return {
        **base,
        **extra,
        "check": check,
        "saturation": {
            **saturated_all,
            "requests_per_second": rates[2],
            "seconds": size["saturation_seconds"],
        },
        "pages": per_page,
        "pages_source": pages_source,
        "all_pages": overall,
        "requests_per_second": rates[0],
        "trivial": {**triv, "requests_per_second": rates[1]},
        "p95_vs_trivial": round(overall["p95_ms"] / triv["p95_ms"], 2)
        if overall["p95_ms"] and triv["p95_ms"]
        else None,
        "server_side": server_side,
        "errors": errors,
    }


def _wait_for(port: int, server: subprocess.Popen) -> None:
    """Until gunicorn answers an HTTP request (a deferred-accept socket accepts connections
    before any worker is up, so a TCP connect proves nothing)."""
    import http.client

    deadline = time.time() + 60
    while time.time() < deadline:
        if server.poll() is not None:
            raise RuntimeError(
                "gunicorn exited: " + server.stderr.read().decode(errors="replace")[-2000:]
            )
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            conn.request("GET", "/accounts/login/", headers={"Host": "127.0.0.1"})
            conn.getresponse().read()
            return
        except (OSError, http.client.HTTPException):
            time.sleep(0.3)
        finally:
            conn.close()
    raise RuntimeError("gunicorn did not start within 60 s")


# ---- (d) import --------------------------------------------------------------------------


def write_workbook(
    path: Path,
    *,
    members: int,
    branches: int,
    events: int,
    attendance: int,
    bad_last_row: bool = False,
    shared_strings: bool = True,
) -> dict:
    """A ledger workbook with the given numbers of rows (valid data; one unknown 党员编号 in the
    last attendance row when ``bad_last_row``)."""
    import random

    from openpyxl import Workbook

    from dangjian.core import idcard

    rng = random.Random(8)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("党组织")
    sheet.append(
        ["组织编码", "组织名称", "组织类型", "上级组织编码", "成立日期", "本届选举日期", "届期年数"]
    )
    sheet.append(
        ["BENCH", "基准医院党委", "党委", None, dt.date(1990, 7, 1), dt.date(2024, 3, 1), 5]
    )
    for b in range(branches):
        sheet.append(
            [
                f"BENCH-{b:03d}",
                f"第{b + 1}党支部",
                "党支部",
                "BENCH",
                dt.date(2000, 1, 1),
                dt.date(2024, 3, 1),
                3,
            ]
        )
    sheet = book.create_sheet("党员")
    sheet.append(
        [
            "党员编号",
            "姓名",
            "所在组织编码",
            "人员类别",
            "性别",
            "出生日期",
            "身份证号",
            "入党日期",
            "转正日期",
            "科室",
            "职称",
            "党内职务",
            "双带头人",
        ]
    )
    surnames, given = (
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗",
        "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂",
    )
    member_branch = []
    for m in range(members):
        branch = m % branches
        member_branch.append(branch)
        born = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(0, 14000))
        male = rng.random() < 0.5
        seq = f"{rng.randrange(0, 100):02d}{rng.choice('13579' if male else '02468')}"
        number = idcard.make(f"330102{born:%Y%m%d}{seq}")
        # Joined at 22-33, but not after mid-2024: 入党/转正日期 may not lie in the future (the
        # plausible-date rule refuses them on every way in, the importer included).
        joined = min(born + dt.timedelta(days=rng.randrange(8000, 12000)), dt.date(2024, 6, 30))
        sheet.append(
            [
                f"B{m:06d}",
                rng.choice(surnames) + rng.choice(given) + rng.choice(given),
                f"BENCH-{branch:03d}",
                "正式党员",
                "男" if male else "女",
                born,
                number,
                joined,
                joined + dt.timedelta(days=366),
                "内科",
                "主治医师",
                "书记" if m < branches else None,
                "否",
            ]
        )
    sheet = book.create_sheet("组织生活")
    sheet.append(["活动编号", "组织编码", "类型", "日期", "主题", "主持人", "地点", "时长(小时)"])
    kinds = ["支部党员大会", "支部委员会会议", "党课", "主题党日"]
    for e in range(events):
        sheet.append(
            [
                f"E{e:06d}",
                f"BENCH-{e % branches:03d}",
                kinds[e % len(kinds)],
                dt.date(2025, 1, 1) + dt.timedelta(days=e % 360),
                "学习贯彻党的二十大精神",
                "书记",
                "会议室",
                1.5,
            ]
        )
    sheet = book.create_sheet("参会记录")
    sheet.append(["活动编号", "党员编号", "出勤"])
    by_branch: dict[int, list[int]] = {}
    for m, branch in enumerate(member_branch):
        by_branch.setdefault(branch, []).append(m)
    per_event = max(1, attendance // max(events, 1))
    written = 0
    for e in range(events):
        pool = by_branch.get(e % branches, [])
        for member in pool[:per_event]:
            if written >= attendance:
                break
            status = "出席" if rng.random() < 0.9 else ("请假" if rng.random() < 0.7 else "缺席")
            last = written == attendance - 1
            code = "NO-SUCH-MEMBER" if bad_last_row and last else f"B{member:06d}"
            sheet.append([f"E{e:06d}", code, status])
            written += 1
    book.save(path)
    if shared_strings:
        to_shared_strings(path)
    return {
        "organizations": branches + 1,
        "members": members,
        "events": events,
        "attendance": written,
    }


def to_shared_strings(path: Path) -> None:
    """Rewrite an openpyxl-written workbook the way Excel and WPS save it: text cells point into
    one shared-string table (openpyxl writes every text inline, which openpyxl then reads back
    several times more slowly; a workbook a user edited and saved has a shared-string table)."""
    import re
    import zipfile

    cell = re.compile(
        r'<c r="([A-Z]+[0-9]+)"( s="[0-9]+")? t="inlineStr"><is><t( xml:space="preserve")?>(.*?)</t></is></c>',
        re.S,
    )
    table: dict[str, int] = {}

    def replace(match: re.Match) -> str:
        index = table.setdefault(match.group(4), len(table))
        return f'<c r="{match.group(1)}"{match.group(2) or ""} t="s"><v>{index}</v></c>'

    source = path.with_suffix(".inline.xlsx")
    path.rename(source)
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = cell.sub(replace, data.decode("utf-8")).encode("utf-8")
            elif item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType='
                    b'"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                    b"</Types>",
                )
            elif item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml" '
                    b'Id="rIdSST"/></Relationships>',
                )
            zout.writestr(item, data)
        strings = "".join(f'<si><t xml:space="preserve">{text}</t></si>' for text in table)
        zout.writestr(
            "xl/sharedStrings.xml",
            (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                f'count="{len(table)}" uniqueCount="{len(table)}">{strings}</sst>'
            ).encode(),
        )
    source.unlink()


def stage_import(args) -> dict:
    """(d): import the generated workbook into an empty database; then the bad one into another
    empty database must write nothing."""
    _django(args.data_dir, args.database_url)
    _migrate()
    from dangjian.organizations.models import Member, Organization
    from dangjian.orglife.models import Attendance, OrgLifeEvent
    from dangjian.workbook.importer import import_workbook

    good, bad = Path(args.workbook), Path(args.bad_workbook)
    rows = json.loads(Path(args.workbook + ".json").read_text())
    total_rows = sum(rows.values())

    def counts() -> dict:
        return {
            "organizations": Organization.objects.count(),
            "members": Member.objects.count(),
            "events": OrgLifeEvent.objects.count(),
            "attendance": Attendance.objects.count(),
        }

    before = counts()
    started = time.perf_counter()
    result = import_workbook(bad)
    bad_seconds = time.perf_counter() - started
    after_bad = counts()
    started, cpu_started = time.perf_counter(), time.process_time()
    result_good = import_workbook(good)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    after = counts()
    return {
        "rows": rows,
        "total_rows": total_rows,
        "seconds": round(seconds, 2),
        "rows_per_second": round(total_rows / seconds) if seconds else None,
        "cpu_seconds": round(cpu, 2),
        "rows_per_cpu_second": round(total_rows / cpu) if cpu else None,
        "ok": result_good.written,
        "errors": result_good.error_lines()[:5],
        "written": after,
        "all_written": all(after[k] == rows[k] for k in rows),
        "bad_workbook": {
            "errors": len(result.errors),
            "first_error": result.error_lines()[:1],
            "seconds": round(bad_seconds, 2),
            "rows_written": sum(after_bad.values()) - sum(before.values()),
        },
        "database": __import__("django.db", fromlist=["connection"]).connection.vendor,
    }


def stage_migrate(args) -> dict:
    _django(args.data_dir, args.database_url)
    _migrate()
    return {}


STAGES = {
    "migrate": stage_migrate,
    "build": stage_build,
    "report": stage_report,
    "queries": stage_queries,
    "session": stage_session,
    "import": stage_import,
}


# ============================================================================================
# Parent side
# ============================================================================================


BENCH_SECRET_KEY = secrets.token_urlsafe(50)


def _child_env(data_dir: Path, database_url: str | None) -> dict:
    env = dict(os.environ)
    env["DANGJIAN_DATA_DIR"] = str(data_dir)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    env["DJANGO_SETTINGS_MODULE"] = "dangjian.settings"
    env.setdefault("DANGJIAN_DEBUG", "0")
    # With DEBUG off the WSGI application refuses the published development key: one random key
    # for the run, the same in every child (the session stage signs the cookie gunicorn checks).
    env.setdefault("DANGJIAN_SECRET_KEY", BENCH_SECRET_KEY)
    if database_url:
        env["DANGJIAN_DATABASE_URL"] = database_url
    else:
        env.pop("DANGJIAN_DATABASE_URL", None)
    return env


def child(stage: str, data_dir: Path, *, database_url: str | None = None, **options) -> dict:
    data_dir.mkdir(parents=True, exist_ok=True)
    out = data_dir / f"{stage}.json"
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--stage",
        stage,
        "--data-dir",
        str(data_dir),
        "--stage-out",
        str(out),
    ]
    if database_url:
        command += ["--database-url", database_url]
    for key, value in options.items():
        command += [f"--{key.replace('_', '-')}", str(value)]
    completed = subprocess.run(
        command,
        env=_child_env(data_dir, database_url),
        cwd=str(ROOT),
        capture_output=True,
        text=True,
    )
    if completed.returncode != 0:
        raise RuntimeError(
            f"stage {stage} failed:\n{completed.stdout[-3000:]}\n{completed.stderr[-5000:]}"
        )
    return json.loads(out.read_text(encoding="utf-8"))


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def _pg_admin(url: str, statements: list[str]) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def run_bureau(size: dict, work: Path, pg_url: str, repeat: int) -> dict:
    """(e): the bureau on PostgreSQL — build, report vs bare SQL, query count, and import."""
    base = pg_url.rsplit("/", 1)[0]
    name = "dangjian_bench_bureau"
    _pg_admin(pg_url, [f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"])
    url = f"{base}/{name}"
    try:
        _log(f"(e) bureau: {size['units']} hospitals × {size['members']} members on PostgreSQL …")
        build = child("build", work / "bureau", database_url=url, **size)
        _log(f"    built in {build['seconds']} s: {build['counts']}")
        report = child("report", work / "bureau", database_url=url, repeat=repeat)
        _log(f"    report {report['report_seconds']} s, SQL {report['sql_seconds']} s")
        queries = child("queries", work / "bureau", database_url=url)
    finally:
        if not os.environ.get("DANGJIAN_BENCH_KEEP"):
            _pg_admin(pg_url, [f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"])
    return {
        "build": build,
        "report": report,
        "report_queries": queries["counts"]["report: compute_figures"],
    }


def run_import_pg(work: Path, pg_url: str, workbook: Path, bad: Path) -> dict:
    base = pg_url.rsplit("/", 1)[0]
    name = "dangjian_bench_import"
    _pg_admin(pg_url, [f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"])
    try:
        return child(
            "import",
            work / "import-pg",
            database_url=f"{base}/{name}",
            workbook=workbook,
            bad_workbook=bad,
        )
    finally:
        _pg_admin(pg_url, [f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"])


def targets(results: dict) -> list[dict]:
    rows = []

    def add(label: str, measured, target, ok) -> None:
        rows.append(
            {
                "target": label,
                "measured": measured,
                "limit": target,
                "met": None if ok is None else bool(ok),
            }
        )

    rep = results.get("report") or {}
    add(
        "大型医院年度报告 ≤ 2 s (SQLite)",
        rep.get("report_seconds"),
        TARGETS["report_seconds_sqlite"],
        rep.get("report_seconds") is not None
        and rep["report_seconds"] <= TARGETS["report_seconds_sqlite"],
    )
    add(
        "年度报告 ≤ 3 × 裸 SQL",
        rep.get("ratio"),
        TARGETS["report_vs_sql_ratio"],
        rep.get("ratio") is not None and rep["ratio"] <= TARGETS["report_vs_sql_ratio"],
    )
    q = results.get("queries") or {}
    add(
        "查询数 1× = 10×（报告与全部页面）",
        f"{q.get('equal_pages', 0)}/{q.get('pages', 0)}",
        "all",
        bool(q) and q.get("equal_pages") == q.get("pages"),
    )
    load = results.get("load") or {}
    p95 = (load.get("all_pages") or {}).get("p95_ms")
    add(
        f"页面 p95 ≤ 100 ms（{load.get('clients', '?')} 并发）",
        p95,
        TARGETS["page_p95_ms"],
        p95 is not None and p95 <= TARGETS["page_p95_ms"] and not load.get("errors"),
    )
    imp = results.get("import") or {}
    add(
        "导入 ≥ 5000 行/秒，全有或全无",
        imp.get("rows_per_second"),
        TARGETS["import_rows_per_second"],
        imp.get("rows_per_second") is not None
        and imp["rows_per_second"] >= TARGETS["import_rows_per_second"]
        and imp.get("all_written")
        and imp.get("bad_workbook", {}).get("rows_written") == 0,
    )
    bureau = results.get("bureau")
    if bureau:
        seconds = bureau["report"]["report_seconds"]
        add(
            "局级规模年度报告 ≤ 5 s (PostgreSQL)",
            seconds,
            TARGETS["bureau_report_seconds_pg"],
            seconds <= TARGETS["bureau_report_seconds_pg"],
        )
    else:
        add("局级规模年度报告 ≤ 5 s (PostgreSQL)", None, TARGETS["bureau_report_seconds_pg"], None)
    return rows


def print_table(results: dict) -> None:
    line = "-" * 92
    print("\n" + line)
    meta = results["meta"]
    print(
        f"{meta['date']}  {meta['machine']['cpus']} CPU  负载 {meta['load_average_start']} → "
        f"{meta.get('load_average_end')}  git {meta['git']}"
    )
    rep = results.get("report")
    if rep:
        print(
            f"(a) 年度报告  {rep['members']} 名党员，{rep['branches']} 个党支部，"
            f"{rep['attendance_rows']:,} 条参会记录（{rep['database']}）"
        )
        print(
            f"    报告（{rep['figures']} 项数字 + 上年 + Word）：{rep['report_seconds']:.3f} s（首次 "
            f"{rep['report_seconds_cold']:.3f} s，CPU {rep['report_cpu_seconds']:.3f} s，{rep['queries']} 条查询）"
        )
        print(
            f"    裸 SQL 聚合（同样的数字，两年）：{rep['sql_seconds']:.3f} s   比值 {rep['ratio']}×"
            f"   核对一致 {rep['figures_checked_against_sql'] - rep.get('mismatch_count', len(rep['mismatches']))}"
            f"/{rep['figures_checked_against_sql']}"
        )
        if rep.get("figures_not_covered"):
            missing = rep["figures_not_covered"]
            names = sorted({entry.split(" ", 1)[1] for entry in missing["keys"]})
            print(
                f"    报告共 {rep['report_figures_both_years']} 项（两年），裸 SQL 未重算 {missing['count']} 项"
                f"（非简单聚合）：{'、'.join(names)}"
            )
        for line in rep["mismatches"][:5]:
            print(f"    不一致：{line}")
    q = results.get("queries")
    if q:
        print(
            f"(b) 查询数（1× = {q['small_members']} 名党员，10× = {q['large_members']} 名党员）："
            f"{q['equal_pages']}/{q['pages']} 相等"
        )
        empty = set(q.get("empty_at_one_size", ()))
        for name, (small, large) in q["table"].items():
            flag = (
                "   （一个规模下没有记录，不比较）"
                if name in empty
                else ""
                if small == large
                else "   ← 不相等"
            )
            print(f"    {name:<48}{small!s:>6}{large!s:>6}{flag}")
    load = results.get("load")
    if load:
        think = load.get("think_seconds")
        pause = f"，每次请求间隔 {think[0]}–{think[1]} s" if think else ""
        client = load.get("client", "python threads")
        if load.get("wrk_threads"):
            client += f" -t {load['wrk_threads']}"
        print(
            f"(c) 页面延迟（{load['server']}；客户端 {client}，{load['clients']} 个连接{pause}，"
            f"{load['seconds']:.0f} s）"
        )
        if load.get("failed"):
            print(f"    未测：{load['failed']}：{load.get('check')}")
        else:
            side = (
                "服务器端（gunicorn 访问日志）"
                if load.get("pages_source") == "server"
                else "客户端"
            )
            print(f"    各页面，{side}：")
            for name, stats in load["pages"].items():
                print(
                    f"    {name:<28} p50 {stats['p50_ms']!s:>7} ms   p95 {stats['p95_ms']!s:>7} ms   n={stats['n']}"
                )

            def p99(stats: dict) -> str:
                return (
                    f"   p99 {stats['p99_ms']!s:>7} ms" if stats.get("p99_ms") is not None else ""
                )

            print("    客户端测得：")
            print(
                f"    {'全部页面':<28} p50 {load['all_pages']['p50_ms']!s:>7} ms   p95 "
                f"{load['all_pages']['p95_ms']!s:>7} ms{p99(load['all_pages'])}   "
                f"{load['requests_per_second']} 请求/秒"
            )
            print(
                f"    {'对照：登录页（无查询）':<24} p50 {load['trivial']['p50_ms']!s:>7} ms   p95 "
                f"{load['trivial']['p95_ms']!s:>7} ms{p99(load['trivial'])}   "
                f"{load['trivial']['requests_per_second']} 请求/秒   p95 比值 {load['p95_vs_trivial']}×"
            )
            if load.get("saturation"):
                sat = load["saturation"]
                print(
                    f"    {'不间断请求（饱和）':<25} p50 {sat['p50_ms']!s:>7} ms   p95 {sat['p95_ms']!s:>7} ms"
                    f"{p99(sat)}   {sat['requests_per_second']} 请求/秒"
                )
            server = load.get("server_side")
            if server:
                print(
                    f"    服务器端：全部页面 p50 {server['all_pages']['p50_ms']} / p95 {server['all_pages']['p95_ms']} ms，"
                    f"登录页 p50 {server['trivial']['p50_ms']} / p95 {server['trivial']['p95_ms']} ms，"
                    f"饱和 p50 {server['saturation']['p50_ms']} / p95 {server['saturation']['p95_ms']} ms"
                )
        if load["errors"]:
            print(f"    错误：{load['errors']}")
    imp = results.get("import")
    if imp:
        print(
            f"(d) 导入 {imp['total_rows']:,} 行（{imp['rows']}）：{imp['seconds']} s，{imp['rows_per_second']:,} 行/秒"
            f"（CPU {imp['cpu_seconds']} s，{imp['rows_per_cpu_second']:,} 行/CPU秒）；"
            f"含一行错误的工作簿写入 {imp['bad_workbook']['rows_written']} 行"
        )
    if results.get("import_pg"):
        ipg = results["import_pg"]
        print(
            f"    PostgreSQL：{ipg['seconds']} s，{ipg['rows_per_second']:,} 行/秒"
            f"（CPU {ipg['cpu_seconds']} s）"
        )
    if results.get("bureau"):
        b = results["bureau"]
        r = b["report"]
        print(
            f"(e) 局级规模（PostgreSQL）：{r['members']:,} 名党员，{r['attendance_rows']:,} 条参会记录，"
            f"生成数据 {b['build']['seconds']} s"
        )
        print(
            f"    报告 {r['report_seconds']:.3f} s（首次 {r['report_seconds_cold']:.3f} s，CPU "
            f"{r['report_cpu_seconds']:.3f} s，{r['queries']} 条查询），"
            f"裸 SQL {r['sql_seconds']:.3f} s，比值 {r['ratio']}×"
        )
    else:
        print("(e) 局级规模：未运行（加 --bureau）")
    print(line)
    for row in results["targets"]:
        mark = {True: "达标", False: "未达标", None: "未测"}[row["met"]]
        print(f"    {row['target']:<40} 实测 {row['measured']!s:>10}   {mark}")
    print(line)


def run_sections(
    args, size: dict, work: Path, pg_url: str, workers: int, wanted, results: dict
) -> None:
    hospital = wanted("report") or wanted("queries") or wanted("load")

    def built(name: str) -> dict | None:
        """With ``--reuse``: the data set already built in the work directory (same size), if any."""
        db, summary = work / name / "dangjian.sqlite3", work / name / "build.json"
        if not (args.reuse and db.exists() and summary.exists()):
            return None
        previous = json.loads(summary.read_text(encoding="utf-8"))
        return previous if previous.get("size") == size[name] else None

    if hospital:
        names = ["small", "large"] if wanted("queries") else ["large"]
        reused = {name: built(name) for name in names}
        if not all(reused.values()):
            _log("migrating an empty SQLite database (copied for each data set) …")
            child("migrate", work / "empty")
        small = None
        for name in names:
            if reused[name]:
                _log(f"reusing the {name} hospital in {work / name} (--reuse)")
                built_set = reused[name]
            else:
                (work / name).mkdir(parents=True, exist_ok=True)
                shutil.copy(work / "empty" / "dangjian.sqlite3", work / name / "dangjian.sqlite3")
                _log(f"building the {'1×' if name == 'small' else '10×'} hospital {size[name]} …")
                built_set = {**child("build", work / name, **size[name]), "size": size[name]}
                (work / name / "build.json").write_text(
                    json.dumps(built_set, ensure_ascii=False), encoding="utf-8"
                )
            if name == "small":
                small = built_set
            else:
                large = built_set
        results["datasets"] = {"small": small, "large": large}
        _log(f"    {large['seconds']} s: {large['counts']}")

    if wanted("report"):
        _log("(a) annual report vs bare SQL …")
        results["report"] = child("report", work / "large", repeat=size["repeat"])

    if wanted("queries"):
        _log("(b) query counts at 1× and 10× …")
        q_small = child("queries", work / "small")
        q_large = child("queries", work / "large")
        table = {
            name: (q_small["counts"][name], q_large["counts"].get(name))
            for name in q_small["counts"]
        }
        # A page with no record to show at one size (an empty list skips its prefetch queries; a
        # detail page has no record to open) says nothing about growth: listed, not compared.
        empty = sorted(
            name
            for name, (a, b) in table.items()
            if b is None
            or q_small.get("listed", {}).get(name) == 0
            or q_large.get("listed", {}).get(name) == 0
        )
        compared = {name: pair for name, pair in table.items() if name not in empty}
        results["queries"] = {
            "small_members": small["counts"].get("党员"),
            "large_members": large["counts"].get("党员"),
            "table": table,
            "statuses": q_large["statuses"],
            "pages": len(compared),
            "equal_pages": sum(1 for a, b in compared.values() if a == b),
            "unequal": sorted(name for name, (a, b) in compared.items() if a != b),
            "empty_at_one_size": empty,
        }

    if wanted("load"):
        _log(
            f"(c) load: {size['load']['clients']} clients × {size['load']['seconds']} s, {workers} workers …"
        )
        results["load"] = run_load(work / "large", size["load"], workers, client=args.load_client)

    if wanted("import") or args.pg_import:
        _log(f"(d) import {size['workbook']} …")
        wb_dir = work / "workbooks"
        wb_dir.mkdir(parents=True, exist_ok=True)
        good, bad = wb_dir / "bench.xlsx", wb_dir / "bench-bad.xlsx"
        spec = size["workbook"]
        rows = write_workbook(good, **spec)
        write_workbook(bad, **spec, bad_last_row=True)
        (wb_dir / "bench.xlsx.json").write_text(json.dumps(rows))
        if wanted("import"):
            if (work / "import").exists():
                shutil.rmtree(work / "import")
            results["import"] = child("import", work / "import", workbook=good, bad_workbook=bad)
        if args.pg_import:
            _log("(d) import on PostgreSQL …")
            results["import_pg"] = run_import_pg(work, pg_url, good, bad)
    if args.bureau:
        results["bureau"] = run_bureau(size["bureau"], work, pg_url, size["repeat"])
    else:
        results.setdefault("bureau", None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", choices=sorted(SIZES), default="default")
    parser.add_argument("--bureau", action="store_true", help="also run (e) on PostgreSQL (long)")
    parser.add_argument(
        "--pg-import", action="store_true", help="also time the import on PostgreSQL"
    )
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument(
        "--only",
        default="",
        help="comma-separated sections to (re)run — report,queries,load,import,bureau — "
        "merged into the existing results file",
    )
    parser.add_argument(
        "--work", type=Path, default=None, help="keep the databases in this directory"
    )
    parser.add_argument(
        "--workers", type=int, default=None, help="gunicorn workers (default 2 × cores + 1)"
    )
    parser.add_argument(
        "--load-client",
        choices=("auto", "wrk", "python"),
        default="auto",
        help="(c)'s clients: wrk when installed (auto), or Python threads in this process",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="with --work: use the hospitals already built there (same size) instead of rebuilding",
    )
    # child options
    parser.add_argument("--stage", choices=sorted(STAGES))
    parser.add_argument("--stage-out", type=Path)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--database-url")
    for name in ("members", "branches", "units", "repeat"):
        parser.add_argument(f"--{name}", type=int, default=1)
    parser.add_argument("--workbook")
    parser.add_argument("--bad-workbook")
    args = parser.parse_args(argv)

    if args.stage:
        result = STAGES[args.stage](args)
        args.stage_out.write_text(
            json.dumps(result, ensure_ascii=False, indent=2, default=str), encoding="utf-8"
        )
        return 0

    size = SIZES[args.size]
    pg_url = os.environ.get("DANGJIAN_BENCH_PG", "postgres://postgres@127.0.0.1:5432/postgres")
    work = args.work or Path(tempfile.mkdtemp(prefix="dangjian-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    workers = args.workers or 2 * (os.cpu_count() or 1) + 1
    started = time.perf_counter()
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    previous = (
        json.loads(args.out.read_text(encoding="utf-8")) if only and args.out.exists() else {}
    )
    if "bureau" in only:
        args.bureau = True

    def wanted(section: str) -> bool:
        return not only or section in only

    results: dict = {
        "meta": {
            "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "size": args.size,
            "machine": {
                "cpus": os.cpu_count(),
                "platform": platform.platform(),
                "python": platform.python_version(),
            },
            "git": _git_head(),
            "as_of": AS_OF.isoformat(),
            "report_year": REPORT_YEAR,
            "load_average_start": [round(x, 2) for x in os.getloadavg()],
        },
    }
    for key in ("datasets", "report", "queries", "load", "import", "import_pg", "bureau"):
        if key in previous:
            results[key] = previous[key]
    if previous.get("meta"):
        rerun = results["meta"]
        results["meta"] = {
            **previous["meta"],
            "reruns": [*previous["meta"].get("reruns", []), {**rerun, "sections": sorted(only)}],
        }
    try:
        run_sections(args, size, work, pg_url, workers, wanted, results)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    results["targets"] = targets(results)
    results["meta"]["seconds"] = round(time.perf_counter() - started, 1)
    results["meta"].setdefault("load_average_end", [round(x, 2) for x in os.getloadavg()])
    print_table(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(results, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8"
    )
    print(f"写入 {args.out}（用时 {results['meta']['seconds']} s）")
    return 0


def _git_head() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        return ""


if __name__ == "__main__":
    sys.exit(main())
