"""The 组织关系转接 sheet of the ledger workbook: the service's rules, applied to a whole sheet.

The importer (``dangjian.workbook.importer``) reads the rows; ``plan_import`` replays them per
member in date order with the rules of ``services`` (``move_problems``, ``recorded_from_org``,
``org_after``, ``date_order_problem``), exactly as if each new row had been recorded on the page
in turn, and says

* what is wrong, row by row (the importer reports it with sheet, row and column);
* the 转出组织 of each row (the member's organisation on the transfer date: filled in when the
  cell is blank, an error when the workbook names another one);
* where each member ends: the organisation of their latest transfer. A member on the 党员 sheet
  gets it through that sheet's row (a stale 所在组织编码 — an organisation the member was in before
  — is replaced, with a warning; any other one is an error); a member not on the sheet is moved
  by the importer after writing.

Organisations are compared by code, since a workbook may create them. Nothing is written here;
the database is read in batches (a few queries per 500 members), never per row.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from dangjian.organizations.models import Member

from .models import Transfer, TransferKind
from .services import date_order_problem, move_problems, org_after, recorded_from_org

BATCH = 500
_FIELDS = ("pk", "code", "member__member_no", "kind", "date", "from_org__code", "to_org__code")


@dataclass
class TransferRow:
    """One row of the 组织关系转接 sheet, as read (organisations by code)."""

    number: int
    code: str
    member: str
    kind: str
    date: dt.date
    from_org: str | None = None
    to_org: str | None = None
    from_unit: str = ""
    to_unit: str = ""
    has_to_org: bool = True  # False: the workbook has no 转入组织编码 column (keep what is stored)


@dataclass
class MemberProblem:
    number: int  # row of the 党员 sheet
    message: str
    error: bool


@dataclass
class Plan:
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (row, field, message)
    from_orgs: dict[int, str | None] = field(default_factory=dict)  # row -> 转出组织编码 to store
    member_orgs: dict[str, str] = field(
        default_factory=dict
    )  # 党员 sheet rows to set: 党员编号 -> org
    member_problems: list[MemberProblem] = field(default_factory=list)
    moves: dict[str, str] = field(
        default_factory=dict
    )  # members not on the 党员 sheet: 党员编号 -> org


@dataclass
class _Entry:
    """A transfer of the member's history: stored (pk) or new in this workbook (row)."""

    date: dt.date
    kind: str
    from_org: str | None
    to_org: str | None
    code: str
    pk: int | None = None
    row: TransferRow | None = None


def plan_import(rows: list[TransferRow], member_sheet: dict[str, tuple[int, str]]) -> Plan:
    """Check ``rows`` against the history in the database and each other; see the module docstring.

    ``rows`` are the sheet's readable rows (every member whose rows had a cell error is left out
    by the caller); ``member_sheet`` maps 党员编号 to (row, 所在组织编码) of the 党员 sheet.
    """
    plan = Plan()
    stored = _stored_by_code(sorted({row.code for row in rows}))
    histories, member_orgs = _histories(sorted({row.member for row in rows}))
    broken: set[str] = set()
    new_rows: dict[str, list[TransferRow]] = defaultdict(list)
    dates: dict[int, dt.date] = {}  # stored transfer pk -> its date after the import

    for row in rows:
        record = stored.get(row.code)
        if record is None:
            new_rows[row.member].append(row)
            continue
        problems = _immutable_problems(row, record)
        for name, message in problems:
            plan.errors.append((row.number, name, message))
        if problems:
            broken.update({row.member, record["member__member_no"]})
            continue
        plan.from_orgs[row.number] = (
            row.from_org if row.from_org is not None else record["from_org__code"]
        )
        if row.date != record["date"]:
            dates[record["pk"]] = row.date

    number_of = {row.code: row.number for row in rows}
    for member, history in histories.items():
        for entry in history:
            entry.date = dates.get(entry.pk, entry.date)
        for entry in history:
            if entry.pk not in dates:
                continue
            before = max((e.date for e in history if e.pk < entry.pk), default=None)
            after = min((e.date for e in history if e.pk > entry.pk), default=None)
            problem = date_order_problem(entry.date, before, after)
            if problem:
                plan.errors.append((number_of[entry.code], "date", problem))
                broken.add(member)
        history.sort(key=lambda e: (e.date, e.pk))

    for member in sorted({row.member for row in rows} - broken):
        history = histories.get(member, [])
        added = sorted(new_rows.get(member, []), key=lambda r: (r.date, r.number))
        sheet = member_sheet.get(member)
        if member in member_orgs:
            start = member_orgs[member]
        elif added and added[0].kind != TransferKind.IN and added[0].from_org:
            start = added[0].from_org  # a member new in this workbook: nothing is known before it
        else:
            start = sheet[1] if sheet else None
        final = _replay(plan, start, history, added)
        if final is _BROKEN:
            continue
        entries = history + [_entry(r, plan.from_orgs.get(r.number)) for r in added]
        # Where the member has been: a 党员 row naming one of these is stale, not a contradiction.
        earlier = {e.from_org for e in entries} | {e.to_org for e in entries}
        if member in member_orgs:
            earlier.add(start)
        latest = entries[-1] if entries else None
        if sheet is not None:
            number, named = sheet
            if named == final or final is None:
                continue
            where = _latest_text(latest)
            if named in earlier:
                plan.member_problems.append(
                    MemberProblem(
                        number,
                        (
                            f"“{named}”是该党员转接前所在的组织；按组织关系转接记录（{where}）该党员现在“{final}”，"
                            f"已按转接记录导入为“{final}”"
                        ),
                        error=False,
                    )
                )
                plan.member_orgs[member] = final
            else:
                plan.member_problems.append(
                    MemberProblem(
                        number,
                        (
                            f"“{named}”与组织关系转接记录不符：按转接记录（{where}）该党员现在“{final}”。"
                            "党员有转接记录时，所在组织以转接记录为准；党员调动请在“组织关系转接”表登记转接"
                        ),
                        error=True,
                    )
                )
        elif member in member_orgs and final is not None and member_orgs[member] != final:
            plan.moves[member] = final
    return plan


_BROKEN = object()


def _replay(plan: Plan, start: str | None, history: list[_Entry], added: list[TransferRow]):
    """Record ``added`` one by one after ``history``; the member's organisation at the end."""
    org = start
    latest = (history[-1].date, history[-1].kind) if history else None
    for row in added:
        problems = move_problems(
            member_org=org,
            latest=latest,
            kind=row.kind,
            date=row.date,
            to_org=row.to_org,
            from_unit=row.from_unit,
            to_unit=row.to_unit,
        )
        expected = recorded_from_org(row.kind, org)
        gone = latest is not None and latest[1] == TransferKind.OUT
        if row.kind == TransferKind.IN:
            if row.from_org is not None:
                problems.setdefault(
                    "from_org", "转入本院时转出组织编码留空（原单位党组织填在“转出单位”）。"
                )
        elif row.from_org is None:
            if expected is None and not gone:
                problems.setdefault(
                    "from_org", "无法确定该党员转接时所在的组织，请填写转出组织编码。"
                )
        elif row.from_org != expected and not gone:
            problems.setdefault(
                "from_org",
                (
                    f"转出组织“{row.from_org}”与该党员在{row.date}所在的组织“{expected}”不符"
                    "（转出组织应为党员转接时所在的组织）。"
                ),
            )
        if problems:
            for name, message in problems.items():
                plan.errors.append((row.number, name, message))
            return _BROKEN  # the rows after it would only repeat the problem
        plan.from_orgs[row.number] = expected
        org = org_after(row.kind, org, row.to_org)
        latest = (row.date, row.kind)
    return org


def _immutable_problems(row: TransferRow, record: dict) -> list[tuple[str, str]]:
    """A stored transfer keeps its member, kind and organisations (the page cannot change them
    either: they moved the member); the date, units, letter and note may change."""
    stored = (
        f"转接编号“{row.code}”已登记（{record['date']} {TransferKind(record['kind']).label}，"
        f"党员编号“{record['member__member_no']}”）"
    )
    advice = "；如登记有误，请在页面上删除该转接后重新登记"
    problems = []
    if row.member != record["member__member_no"]:
        problems.append(("member", f"{stored}，导入不能改为其他党员{advice}"))
    if row.kind != record["kind"]:
        problems.append(("kind", f"{stored}，导入不能修改转接类型{advice}"))
    if row.from_org is not None and row.from_org != record["from_org__code"]:
        problems.append(
            (
                "from_org",
                f"{stored}，转出组织为“{record['from_org__code'] or '（空）'}”，导入不能修改{advice}",
            )
        )
    if row.has_to_org and row.to_org != record["to_org__code"]:
        problems.append(
            (
                "to_org",
                f"{stored}，转入组织为“{record['to_org__code'] or '（空）'}”，导入不能修改{advice}",
            )
        )
    return problems


def _entry(row: TransferRow, from_org: str | None) -> _Entry:
    return _Entry(row.date, row.kind, from_org, row.to_org, row.code, row=row)


def _latest_text(entry: _Entry | None) -> str:
    if entry is None:
        return "无"
    where = f"第{entry.row.number}行" if entry.row is not None else "已登记"
    return f"{where}，转接编号“{entry.code}”，{entry.date} {TransferKind(entry.kind).label}"


def _stored_by_code(codes: list[str]) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for start in range(0, len(codes), BATCH):
        for record in Transfer.objects.filter(code__in=codes[start : start + BATCH]).values(
            *_FIELDS
        ):
            found[record["code"]] = record
    return found


def _histories(members: list[str]) -> tuple[dict[str, list[_Entry]], dict[str, str]]:
    """Every stored transfer of these members (by date, then recording order) and their
    organisation now (members not yet in the database are absent)."""
    histories: dict[str, list[_Entry]] = defaultdict(list)
    orgs: dict[str, str] = {}
    for start in range(0, len(members), BATCH):
        batch = members[start : start + BATCH]
        orgs.update(
            Member.objects.filter(member_no__in=batch).values_list(
                "member_no", "organization__code"
            )
        )
        records = (
            Transfer.objects.filter(member__member_no__in=batch)
            .order_by("date", "pk")
            .values(*_FIELDS)
        )
        for r in records:
            histories[r["member__member_no"]].append(
                _Entry(
                    r["date"],
                    r["kind"],
                    r["from_org__code"],
                    r["to_org__code"],
                    r["code"],
                    pk=r["pk"],
                )
            )
    return histories, orgs
