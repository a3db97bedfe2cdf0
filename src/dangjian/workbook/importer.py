"""Import the ledger workbook: read every sheet, check everything, then write all or nothing.

``import_workbook(source, dry_run=...)`` is the one entry point (the command, the upload page,
the demo generator and the benchmarks call it). It works in three passes:

1. read: headers and cells are parsed by the declarations in ``sheets.py``; every problem is
   collected, none stops the reading;
2. resolve: codes are looked up in the workbook and the database, organisations are ordered
   parent before child, each row is classified as new, changed or unchanged;
3. write (only when there is no error and not a dry run): in one transaction, organisations one
   by one (their ``save()`` computes the tree path), everything else in bulk with history.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.db import models, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from dangjian.core import idcard
from dangjian.core.dbstats import ANALYZE_AFTER_ROWS, refresh_planner_statistics
from dangjian.organizations.models import Member, Organization, OrgType, name_initials
from dangjian.orglife.models import EventType, OrgLifeEvent
from dangjian.rules import (
    DevelopmentDates,
    check_decision,
    check_development,
    check_themed_party_day,
)
from dangjian.rules.development import FIELD_LABELS as DEVELOPMENT_LABELS

from . import sheets as S
from .errors import CellError, Problem, WorkbookFileError

BATCH = 500
# Progress callback: (sheet name, rows done, rows in total or None).
Progress = Callable[[str, int, int | None], None]

NOT_XLSX = (
    "无法读取：文件不是有效的 Excel 工作簿（.xlsx）。旧版 .xls 或 WPS 文件请先另存为 .xlsx 再导入"
)


@dataclass
class SheetSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class ImportResult:
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    summary: dict[str, SheetSummary] = field(default_factory=dict)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def written(self) -> bool:
        return self.ok and not self.dry_run

    def error_lines(self) -> list[str]:
        return [str(problem) for problem in self.errors]

    def warning_lines(self) -> list[str]:
        return [str(problem) for problem in self.warnings]


@dataclass
class Row:
    number: int
    values: dict[str, Any]  # field name -> stored value (a reference holds the code)
    key: tuple = ()
    pk: int | None = None  # the existing row it matches
    changed: list[str] = field(default_factory=list)  # fields to update on the existing row


@dataclass
class ParsedSheet:
    sheet: S.Sheet
    columns: list[S.Column]  # the columns present in the workbook
    rows: list[Row]


def import_workbook(
    source: str | Path | IO[bytes],
    *,
    dry_run: bool = False,
    user=None,
    progress: Progress | None = None,
) -> ImportResult:
    """Check the workbook and, unless ``dry_run`` or any error, write it in one transaction.

    ``user`` is recorded as the history user of every row written. Never raises for a bad
    workbook: problems are in ``result.errors`` (each ``工作表!行号 列名: 问题``).
    """
    return _Import(dry_run=dry_run, user=user, progress=progress).run(source)


def open_workbook(source: str | Path | IO[bytes]):
    from openpyxl import load_workbook

    name = (
        str(source) if isinstance(source, (str, Path)) else str(getattr(source, "name", "") or "")
    )
    if name and Path(name).suffix.lower() not in (".xlsx", ".xlsm"):
        raise WorkbookFileError(NOT_XLSX)
    try:
        _refuse_zip_bomb(source)
        return load_workbook(source, read_only=True, data_only=True)
    except WorkbookFileError:
        raise
    except FileNotFoundError:
        raise WorkbookFileError(f"找不到文件：{name}") from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError, TypeError) as exc:
        raise WorkbookFileError(NOT_XLSX) from exc
    except Exception as exc:  # openpyxl raises many kinds on damaged or foreign files
        raise WorkbookFileError(NOT_XLSX) from exc


# An .xlsx is a zip archive: refuse one that would unpack to far more than a real ledger does,
# before anything is decompressed (a 10,000-member workbook unpacks to a few tens of MB).
MAX_UNPACKED_BYTES = 300 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200


def _refuse_zip_bomb(source) -> None:
    position = source.tell() if hasattr(source, "tell") else None
    try:
        with zipfile.ZipFile(source) as archive:
            entries = archive.infolist()
    finally:
        if position is not None:
            source.seek(position)
    unpacked = sum(entry.file_size for entry in entries)
    suspicious = any(
        entry.file_size > 10 * 1024 * 1024
        and entry.file_size > MAX_COMPRESSION_RATIO * max(entry.compress_size, 1)
        for entry in entries
    )
    if unpacked > MAX_UNPACKED_BYTES or suspicious:
        raise WorkbookFileError(
            f"文件解压后过大（{unpacked // (1024 * 1024)} MB），疑似压缩炸弹，已拒绝；"
            "请检查文件或拆分后再导入"
        )


class _Import:
    def __init__(self, *, dry_run: bool, user, progress: Progress | None) -> None:
        self.dry_run = dry_run
        self.user = user if user is not None and getattr(user, "is_authenticated", False) else None
        self.progress = progress
        self.result = ImportResult(dry_run=dry_run)
        self.parsed: dict[str, ParsedSheet] = {}
        self.transfer_moves: dict[
            str, str
        ] = {}  # 党员编号 -> organisation code (see check_transfers)

    def error(self, sheet: str, row: int, column: str, message: str) -> None:
        self.result.errors.append(Problem(sheet, row, column, message))

    def warn(self, sheet: str, row: int, column: str, message: str) -> None:
        self.result.warnings.append(Problem(sheet, row, column, message))

    # --- pass 1: read ---------------------------------------------------------------------

    def run(self, source) -> ImportResult:
        try:
            book = open_workbook(source)
        except WorkbookFileError as exc:
            self.error("工作簿", 0, "", str(exc))
            return self.result
        try:
            for name in book.sheetnames:
                sheet = S.SHEETS_BY_NAME.get(name.strip())
                if sheet is None:
                    if name.strip() != S.INSTRUCTIONS_SHEET:
                        self.warn(name, 0, "", "不是台账工作表，已忽略")
                    continue
                if sheet.name in self.parsed:
                    self.error(name, 0, "", "工作表重复")
                    continue
                self.read_sheet(sheet, book[name])
        except Exception as exc:  # a damaged part inside an otherwise valid zip
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            self.error("工作簿", 0, "", f"{NOT_XLSX}（{type(exc).__name__}）")
            return self.result
        finally:
            book.close()
        # Even when headers or cells are wrong, check the codes that could be read: list every error.
        self.resolve()
        self.result.errors.sort(key=_problem_order)
        self.result.warnings.sort(key=_problem_order)
        if self.result.errors or self.dry_run:
            return self.result
        with transaction.atomic():
            self.write()
        if sum(s.created + s.updated for s in self.result.summary.values()) >= ANALYZE_AFTER_ROWS:
            refresh_planner_statistics()
        return self.result

    def read_sheet(self, sheet: S.Sheet, ws) -> None:
        rows = ws.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            return  # an empty sheet: nothing to import
        positions: list[tuple[int, S.Column]] = []
        seen: set[str] = set()
        for index, raw in enumerate(header):
            if S.is_blank(raw):
                continue
            title = str(raw).strip().rstrip("*").strip()
            column = sheet.by_header.get(title)
            if column is None:
                self.warn(sheet.name, 1, title, "不是本工作表的列，未导入")
                continue
            if title in seen:
                self.error(sheet.name, 1, title, "列名重复")
                continue
            seen.add(title)
            positions.append((index, column))
        missing = [c.header for c in sheet.columns if c.required and c.header not in seen]
        for header_name in missing:
            self.error(sheet.name, 1, header_name, "缺少必填列")
        parsed = ParsedSheet(sheet, [column for _, column in positions], [])
        self.parsed[sheet.name] = parsed
        total = ws.max_row if isinstance(ws.max_row, int) and ws.max_row > 1 else None
        model_fields = {column.field: sheet.model_field(column) for _, column in positions}
        for number, cells in enumerate(rows, start=2):
            if all(S.is_blank(value) for value in cells):
                continue
            values: dict[str, Any] = {}
            for index, column in positions:
                raw = cells[index] if index < len(cells) else None
                model_field = model_fields[column.field]
                if S.is_blank(raw):
                    if column.required:
                        self.error(sheet.name, number, column.header, "必填，不能为空")
                    values[column.field] = column.empty(model_field)
                    continue
                try:
                    values[column.field] = column.parse(raw, model_field)
                except CellError as exc:
                    self.error(sheet.name, number, column.header, str(exc))
                    values[column.field] = None
            parsed.rows.append(Row(number, values))
            if self.progress and number % 1000 == 0:
                self.progress(sheet.name, number - 1, total)
        if self.progress:
            self.progress(sheet.name, len(parsed.rows), len(parsed.rows))

    # --- pass 2: resolve -------------------------------------------------------------------

    def resolve(self) -> None:
        for parsed in self.parsed.values():
            self.check_duplicates(parsed)
        self.resolve_organizations()
        self.org_codes = set(self.db_orgs) | {
            row.values.get("code") for row in self.rows("党组织") if row.values.get("code")
        }
        self.member_codes = self.known_codes("党员", Member, "member_no")
        self.event_codes = self.known_codes("组织生活", OrgLifeEvent, "code")
        for parsed in self.parsed.values():
            if parsed.sheet is not S.ORGANIZATIONS:
                self.check_references(parsed)
        self.resolve_decision_organizations()
        self.check_rules()
        self.check_honours()
        self.check_indicator_names()
        self.check_indicator_values()
        self.check_transfers()
        self.check_model_rules()
        for parsed in self.parsed.values():
            self.classify(parsed)
        if self.transfer_moves:
            # Members moved by their transfers without a row on the 党员 sheet are updated too.
            self.result.summary.setdefault(S.MEMBERS.name, SheetSummary()).updated += len(
                self.transfer_moves
            )

    def rows(self, sheet_name: str) -> list[Row]:
        parsed = self.parsed.get(sheet_name)
        return parsed.rows if parsed else []

    def check_duplicates(self, parsed: ParsedSheet) -> None:
        key_columns = parsed.sheet.key_columns
        if any(column not in parsed.columns for column in key_columns):
            return
        first: dict[tuple, int] = {}
        for row in parsed.rows:
            row.key = tuple(row.values.get(column.field) for column in key_columns)
            if any(part in (None, "") for part in row.key):
                continue
            if row.key in first:
                label = "+".join(column.header for column in key_columns)
                shown = "+".join(str(part) for part in row.key)
                self.error(
                    parsed.sheet.name,
                    row.number,
                    key_columns[-1].header,
                    f"{label}“{shown}”与第{first[row.key]}行重复",
                )
            else:
                first[row.key] = row.number

    def resolve_organizations(self) -> None:
        """Check parents (in the workbook or the database), refuse cycles, order parent first."""
        self.db_orgs: dict[str, Organization] = {
            org.code: org for org in Organization.objects.select_related("parent")
        }
        rows = self.rows("党组织")
        book: dict[str, Row] = {}
        for row in rows:
            code = row.values.get("code")
            if code and code not in book:
                book[code] = row
        has_parent_column = (
            "parent" in {c.field for c in self.parsed["党组织"].columns} if rows else False
        )
        # The parent of every organisation once the workbook is applied.
        self.final_parent: dict[str, str | None] = {
            code: (org.parent.code if org.parent_id else None) for code, org in self.db_orgs.items()
        }
        self.final_type: dict[str, str] = {code: org.org_type for code, org in self.db_orgs.items()}
        for code, row in book.items():
            if has_parent_column:
                self.final_parent[code] = row.values.get("parent") or None
            else:
                self.final_parent.setdefault(code, None)
            if row.values.get("org_type"):
                self.final_type[code] = row.values["org_type"]
        for code, row in book.items():
            parent = row.values.get("parent") if has_parent_column else None
            if not parent:
                continue
            if parent == code:
                self.error("党组织", row.number, "上级组织编码", "上级组织不能是本组织")
            elif parent not in self.final_parent:
                self.error(
                    "党组织",
                    row.number,
                    "上级组织编码",
                    f"组织编码“{parent}”不存在（工作簿和数据库中都没有）",
                )
        depth: dict[str, int] = {}
        for code, row in book.items():
            chain, current = [], code
            while current is not None and current not in depth:
                if current in chain:
                    self.error(
                        "党组织", row.number, "上级组织编码", "上下级关系成环（组织是自己的下级）"
                    )
                    break
                chain.append(current)
                current = self.final_parent.get(current)
            else:
                base = -1 if current is None else depth[current]
                for offset, item in enumerate(reversed(chain), start=1):
                    depth[item] = base + offset
                continue
            for item in chain:
                depth.setdefault(item, 0)
        for row in rows:
            row.values["_depth"] = depth.get(row.values.get("code"), 0)

    def known_codes(self, sheet_name: str, model: type[models.Model], code_field: str) -> set[str]:
        """Codes of the workbook's rows plus those of the database that other sheets refer to."""
        codes = {row.values.get(code_field) for row in self.rows(sheet_name)} - {None, ""}
        wanted: set[str] = set()
        for parsed in self.parsed.values():
            for column in parsed.columns:
                if column.kind == S.REF and S.REF_TARGETS[column.ref][0] is model:
                    wanted.update(row.values.get(column.field) for row in parsed.rows)
        wanted -= codes | {None, ""}
        for batch in _batches(sorted(wanted), BATCH):
            codes.update(
                model.objects.filter(**{f"{code_field}__in": batch}).values_list(
                    code_field, flat=True
                )
            )
        return codes

    def check_references(self, parsed: ParsedSheet) -> None:
        known = {"org": self.org_codes, "member": self.member_codes, "event": self.event_codes}
        names = {"org": "组织编码", "member": "党员编号", "event": "活动编号"}
        for column in parsed.columns:
            if column.kind != S.REF:
                continue
            if column.ref not in known:  # a target defined by a later sheet (see sheets.REF_SHEETS)
                model, code_field = S.REF_TARGETS[column.ref]
                known[column.ref] = self.known_codes(S.REF_SHEETS[column.ref], model, code_field)
            codes = known[column.ref]
            for row in parsed.rows:
                code = row.values.get(column.field)
                if code and code not in codes:
                    self.error(
                        parsed.sheet.name,
                        row.number,
                        column.header,
                        f"{names.get(column.ref, column.header)}“{code}”不存在（工作簿和数据库中都没有）",
                    )

    def resolve_decision_organizations(self) -> None:
        """三重一大 has no 组织编码 in the spec: a blank one means the single top-level 党委."""
        parsed = self.parsed.get("三重一大")
        if parsed is None:
            return
        pending = [row for row in parsed.rows if not row.values.get("organization")]
        if not pending:
            return
        existing = dict(
            parsed.sheet.model.objects.filter(
                code__in=[r.values.get("code") for r in pending]
            ).values_list("code", "organization__code")
        )
        tops = sorted(
            code
            for code, parent in self.final_parent.items()
            if parent is None and self.final_type.get(code) == OrgType.PARTY_COMMITTEE
        )
        for row in pending:
            code = existing.get(row.values.get("code"))
            if code is None and len(tops) == 1:
                code = tops[0]
            if code is None:
                found = "、".join(tops) if tops else "没有"
                self.error(
                    "三重一大",
                    row.number,
                    "组织编码",
                    f"无法确定决策的党委（顶层党委：{found}），请填写“组织编码”列",
                )
            row.values["organization"] = code
        if "organization" not in {c.field for c in parsed.columns}:
            parsed.columns.append(parsed.sheet.by_header["组织编码"])

    def check_rules(self) -> None:
        """Rows that break a rule are imported, with a warning naming the rule."""
        dev = self.parsed.get("发展党员")
        if dev is not None:
            headers = {c.field: c.header for c in dev.sheet.columns}
            to_header = {
                "application": "applied_on",
                "talk": "talked_on",
                "activist": "activist_on",
                "candidate": "candidate_on",
                "political_review": "political_review_on",
                "training_end": "training_completed_on",
                "publicity_start": "publicity_started_on",
                "admission": "admitted_on",
                "approval": "approved_on",
                "conversion": "converted_on",
                "extension_until": "probation_extended_to",
                "cancelled": "cancelled_on",
                "introducer_count": "introducers",
            }
            for row in dev.rows:
                values = row.values
                introducers = values.get("introducers") or ""
                birth = idcard.birth_date(values["id_number"]) if values.get("id_number") else None
                dates = DevelopmentDates(
                    birth_date=birth,
                    introducer_count=len(_names(introducers)) if introducers else None,
                    **{
                        name: values.get(model_field)
                        for name, model_field in to_header.items()
                        if name != "introducer_count"
                    },
                )
                for violation in check_development(dates):
                    model_field = to_header.get(violation.field or "", "")
                    column = headers.get(model_field) or DEVELOPMENT_LABELS.get(
                        violation.field or "", ""
                    )
                    self.warn(
                        "发展党员", row.number, column, f"{violation.message}（{violation.rule}）"
                    )
        self.check_event_rules()
        decisions = self.parsed.get("三重一大")
        if decisions is not None:
            for row in decisions.rows:
                values = row.values
                if not values.get("category"):
                    continue
                for violation in check_decision(
                    values["category"], values.get("members_due"), values.get("members_present")
                ):
                    column = (
                        violation.field if violation.field in S.DECISIONS.by_header else "实到人数"
                    )
                    self.warn(
                        "三重一大", row.number, column, f"{violation.message}（{violation.rule}）"
                    )

    def check_event_rules(self) -> None:
        """主题党日 on another day than the organisation's fixed day (支部工作条例第十九条): a warning.

        The rule settings are those of the organisation, or — for one created by this workbook —
        of its nearest ancestor already in the database.
        """
        events = self.parsed.get("组织生活")
        if events is None:
            return
        rows = [
            row
            for row in events.rows
            if row.values.get("event_type") == EventType.THEMED_PARTY_DAY and row.values.get("date")
        ]
        if not rows:
            return
        from dangjian.compliance.overrides import rule_configs_for

        parent_in_sheet: dict[str, str] = {}
        orgs_sheet = self.parsed.get("党组织")
        if orgs_sheet is not None:
            for row in orgs_sheet.rows:
                if row.values.get("code") and row.values.get("parent"):
                    parent_in_sheet[row.values["code"]] = row.values["parent"]
        wanted = {row.values.get("organization") for row in rows} | set(parent_in_sheet.values())
        existing = {
            o.code: o for o in Organization.objects.filter(code__in=[c for c in wanted if c])
        }
        configs = rule_configs_for(existing.values())

        def config_of(code: str | None):
            seen = set()
            while code and code not in existing and code not in seen:
                seen.add(code)
                code = parent_in_sheet.get(code)
            return configs[existing[code].pk] if code in existing else None

        for row in rows:
            config = config_of(row.values.get("organization"))
            if config is None:
                continue
            for violation in check_themed_party_day(row.values["date"], config):
                self.warn(
                    "组织生活", row.number, "日期", f"{violation.message}（{violation.rule}）"
                )

    def rows_with_errors(self, sheet_name: str) -> set[int]:
        return {problem.row for problem in self.result.errors if problem.sheet == sheet_name}

    def check_transfers(self) -> None:
        """组织关系转接 rows are recorded as the page records them, member by member in date order
        (``transfers.importing``): the same rules, the 转出组织 is where the member was on the date,
        and the member ends in the organisation of their latest transfer (moved in ``write``)."""
        from dangjian.transfers.importing import TransferRow, plan_import

        self.transfer_moves: dict[str, str] = {}
        parsed = self.parsed.get(S.TRANSFERS.name)
        if parsed is None or not parsed.rows:
            return
        present = {column.field for column in parsed.columns}
        needed = ("code", "member", "kind", "date")
        if any(name not in present for name in needed):
            return  # a missing required column is already an error
        bad_rows = self.rows_with_errors(S.TRANSFERS.name)
        # A member with an unreadable row is left out entirely: replaying the rest would only
        # report consequences of that one error.
        bad_members = {
            row.values.get("member")
            for row in parsed.rows
            if row.number in bad_rows or any(not row.values.get(name) for name in needed)
        }
        rows = [
            TransferRow(
                number=row.number,
                code=row.values["code"],
                member=row.values["member"],
                kind=row.values["kind"],
                date=row.values["date"],
                from_org=row.values.get("from_org") or None,
                to_org=row.values.get("to_org") or None,
                from_unit=row.values.get("from_unit") or "",
                to_unit=row.values.get("to_unit") or "",
                has_to_org="to_org" in present,
            )
            for row in parsed.rows
            if row.values.get("member") not in bad_members
        ]
        member_sheet: dict[str, tuple[int, str]] = {}
        members = self.parsed.get(S.MEMBERS.name)
        member_rows: dict[str, Row] = {}
        if members is not None:
            # Rows whose 党员编号 or 所在组织编码 could not be read say nothing about where a member is.
            bad_member_rows = {
                problem.row
                for problem in self.result.errors
                if problem.sheet == S.MEMBERS.name
                and problem.column in ("党员编号", "所在组织编码", "")
            }
            for row in members.rows:
                code, org = row.values.get("member_no"), row.values.get("organization")
                if code and org and row.number not in bad_member_rows:
                    member_sheet.setdefault(code, (row.number, org))
                    member_rows.setdefault(code, row)
        plan = plan_import(rows, member_sheet)
        headers = {column.field: column.header for column in S.TRANSFERS.columns}
        for number, name, message in plan.errors:
            self.error(S.TRANSFERS.name, number, headers.get(name, headers["code"]), message)
        org_header = S.MEMBERS.by_header["所在组织编码"].header
        for problem in plan.member_problems:
            (self.error if problem.error else self.warn)(
                S.MEMBERS.name, problem.number, org_header, problem.message
            )
        if "from_org" not in present:
            parsed.columns.append(S.TRANSFERS.by_header["转出组织编码"])
        for row in parsed.rows:
            if row.number in plan.from_orgs:
                row.values["from_org"] = plan.from_orgs[row.number]
        for code, org in plan.member_orgs.items():
            member_rows[code].values["organization"] = org
        self.transfer_moves = plan.moves

    def apply_transfer_moves(self) -> None:
        """Members not on the 党员 sheet go to the organisation of their latest transfer (in bulk,
        with history, like every other write of the import)."""
        codes = sorted(self.transfer_moves)
        now = timezone.now()
        for batch in _batches(codes, BATCH):
            members = list(Member.objects.filter(member_no__in=batch))
            for member in members:
                member.organization_id = self.ids["org"][self.transfer_moves[member.member_no]]
                member.updated_at = now
            bulk_update_with_history(
                members,
                Member,
                ["organization", "updated_at"],
                batch_size=BATCH,
                default_user=self.user,
            )

    def check_honours(self) -> None:
        """表彰: a personal kind names the member honoured (党员编号), 先进党组织 names none — the rule
        of the page and the API (``recognition.models.honour_member_rule``)."""
        from dangjian.recognition.models import HonourKind, honour_member_rule

        parsed = self.parsed.get(S.HONOURS.name)
        if parsed is None:
            return
        has_member = "member" in {column.field for column in parsed.columns}
        for row in parsed.rows:
            kind = row.values.get("kind")
            if not kind:
                continue
            rule = honour_member_rule(kind, bool(has_member and row.values.get("member")))
            if rule == "required":
                self.error(
                    S.HONOURS.name,
                    row.number,
                    "党员编号",
                    f"“{HonourKind(kind).label}”是个人表彰，须填写受表彰党员的党员编号",
                )
            elif rule == "forbidden":
                self.error(
                    S.HONOURS.name,
                    row.number,
                    "党员编号",
                    "“先进党组织”表彰的是组织（填在组织编码），不填党员编号",
                )

    def check_model_rules(self) -> None:
        """Sheets declared with ``clean_rows``: each row is checked by its model's ``clean()``, the
        rule and the message of the page and the API. A cell that could not be read is not checked
        again; a column absent from the sheet is not checked (the stored value stays)."""
        from django.core.exceptions import ValidationError

        for parsed in self.parsed.values():
            sheet = parsed.sheet
            if not sheet.clean_rows:
                continue
            headers = {column.field: column.header for column in parsed.columns}
            unread = {(p.row, p.column) for p in self.result.errors if p.sheet == sheet.name}
            plain = [column for column in parsed.columns if column.kind != S.REF]
            for row in parsed.rows:
                values = {
                    column.field: row.values[column.field]
                    for column in plain
                    if row.values.get(column.field) is not None
                }
                try:
                    sheet.model(**values).clean()
                except ValidationError as exc:
                    for name, messages in exc.message_dict.items():
                        header = headers.get(name, "")
                        if (row.number, header) in unread:
                            continue
                        for message in messages:
                            self.error(sheet.name, row.number, header, str(message))

    def check_indicator_names(self) -> None:
        """党建业务指标: 指标 must be a name of the 指标名称 list (as on the page and the API). A row
        already stored keeps its name even if the name has since left the list."""
        from dangjian.indicators.models import Indicator, indicator_name_problem

        parsed = self.parsed.get(S.INDICATOR_VALUES.name)
        if parsed is None or "indicator" not in {column.field for column in parsed.columns}:
            return
        names = dict(Indicator.objects.values_list("name", "unit"))
        unknown = [
            row
            for row in parsed.rows
            if row.values.get("indicator") and row.values["indicator"] not in names
        ]
        if not unknown:
            return
        stored: dict[str, str] = {}
        codes = sorted({row.values.get("code") for row in unknown} - {None, ""})
        for batch in _batches(codes, BATCH):
            stored.update(
                parsed.sheet.model.objects.filter(code__in=batch).values_list("code", "indicator")
            )
        for row in unknown:
            name = row.values["indicator"]
            if stored.get(row.values.get("code")) == name:
                continue
            self.error(
                S.INDICATOR_VALUES.name, row.number, "指标", indicator_name_problem(name, names)
            )

    def check_indicator_values(self) -> None:
        """党建业务指标: a percentage is at most 100, and one value per organisation, 指标, year and
        期间 — within the sheet and against the rows already stored (the page's rules)."""
        from dangjian.indicators.models import (
            Indicator,
            duplicate_value_problem,
            percent_value_problem,
        )

        parsed = self.parsed.get(S.INDICATOR_VALUES.name)
        if parsed is None:
            return
        units = dict(Indicator.objects.values_list("name", "unit"))
        rows = [row for row in parsed.rows if row.values.get("indicator")]
        for row in rows:
            name = row.values["indicator"]
            unit = row.values.get("unit") or units.get(name, "")
            if problem := percent_value_problem(name, unit, row.values.get("value")):
                self.error(S.INDICATOR_VALUES.name, row.number, "数值", problem)

        def key(org, name, year, period):
            return (org, name, year, period or "Y")

        keyed = [
            (
                row,
                key(
                    row.values.get("organization"),
                    row.values["indicator"],
                    row.values.get("year"),
                    row.values.get("period"),
                ),
            )
            for row in rows
            if row.values.get("organization") and row.values.get("year")
        ]
        stored: dict[tuple, str] = {}
        years = sorted({k[2] for _row, k in keyed})
        names = sorted({k[1] for _row, k in keyed})
        if years:
            for code, org, name, year, period in parsed.sheet.model.objects.filter(
                year__in=years,
                indicator__in=names,
            ).values_list("code", "organization__code", "indicator", "year", "period"):
                stored[key(org, name, year, period)] = code
        seen: dict[tuple, tuple[int, str]] = {}
        for row, k in keyed:
            code = row.values.get("code") or ""
            if k in seen:
                self.error(
                    S.INDICATOR_VALUES.name,
                    row.number,
                    "期间",
                    f"与第{seen[k][0]}行重复：" + duplicate_value_problem(k[2], k[1], seen[k][1]),
                )
                continue
            seen[k] = (row.number, code)
            clash = stored.get(k)
            if clash and clash != code:
                self.error(
                    S.INDICATOR_VALUES.name,
                    row.number,
                    "期间",
                    duplicate_value_problem(k[2], k[1], clash),
                )

    def classify(self, parsed: ParsedSheet) -> None:
        """Match rows to existing ones by their key; note what changed. Unchanged rows are left alone."""
        sheet = parsed.sheet
        summary = self.result.summary.setdefault(sheet.name, SheetSummary())
        key_columns = sheet.key_columns
        if any(column not in parsed.columns for column in key_columns):
            return
        compare = [c for c in parsed.columns if c not in key_columns]
        lookups = ["pk", *(c.lookup for c in key_columns), *(c.lookup for c in compare)]
        # Only rows whose key is complete can be matched (the others already carry an error).
        rows = [
            row
            for row in parsed.rows
            if row.key and all(part not in (None, "") for part in row.key)
        ]
        existing: dict[tuple, dict] = {}
        first = key_columns[0]
        for batch in _batches(sorted({row.key[0] for row in rows}), BATCH):
            query = sheet.model.objects.filter(**{f"{first.lookup}__in": batch}).values(*lookups)
            for record in query:
                existing[tuple(record[c.lookup] for c in key_columns)] = record
        for row in rows:
            record = existing.get(row.key)
            if record is None:
                summary.created += 1
                continue
            row.pk = record["pk"]
            row.changed = [c.field for c in compare if record[c.lookup] != row.values.get(c.field)]
            if row.changed:
                summary.updated += 1
            else:
                summary.unchanged += 1

    # --- pass 3: write ----------------------------------------------------------------------

    def write(self) -> None:
        self.write_organizations()
        self.ids: dict[str, dict[str, int]] = {
            "org": dict(Organization.objects.values_list("code", "pk")),
        }
        for sheet in S.SHEETS[1:]:
            parsed = self.parsed.get(sheet.name)
            if parsed is None:
                continue
            self.write_sheet(parsed)
            if sheet is S.MEMBERS:
                self.ids["member"] = self.code_ids(Member, "member_no", parsed)
            if sheet is S.EVENTS:
                self.ids["event"] = self.code_ids(OrgLifeEvent, "code", parsed)
        for name in ("member", "event"):
            self.ids.setdefault(name, {})
        if self.transfer_moves:
            self.apply_transfer_moves()

    def code_ids(self, model, code_field: str, parsed: ParsedSheet) -> dict[str, int]:
        ids: dict[str, int] = {}
        codes = sorted({row.values[code_field] for row in parsed.rows})
        for batch in _batches(codes, BATCH):
            ids.update(
                model.objects.filter(**{f"{code_field}__in": batch}).values_list(code_field, "pk")
            )
        return ids

    def ref_id(self, ref: str, code: str | None) -> int | None:
        if not code:
            return None
        ids = self.ids.setdefault(ref, {})
        if code not in ids:
            model, code_field = S.REF_TARGETS[ref]
            # Referenced codes not in the workbook: look them up once per sheet (see prefetch_refs).
            ids.update(model.objects.filter(**{code_field: code}).values_list(code_field, "pk"))
        return ids[code]

    def prefetch_refs(self, parsed: ParsedSheet) -> None:
        for column in parsed.columns:
            if column.kind != S.REF or column.ref == "org":
                continue
            ids = self.ids.setdefault(column.ref, {})
            model, code_field = S.REF_TARGETS[column.ref]
            missing = sorted(
                {row.values.get(column.field) for row in parsed.rows} - set(ids) - {None, ""}
            )
            for batch in _batches(missing, BATCH):
                ids.update(
                    model.objects.filter(**{f"{code_field}__in": batch}).values_list(
                        code_field, "pk"
                    )
                )

    def write_organizations(self) -> None:
        parsed = self.parsed.get("党组织")
        if parsed is None:
            return
        by_code = {org.code: org for org in Organization.objects.all()}
        rows = sorted(parsed.rows, key=lambda row: row.values["_depth"])
        fields = [c for c in parsed.columns]
        for done, row in enumerate(rows, start=1):
            if row.pk is not None and not row.changed:
                continue
            org = by_code.get(row.values["code"]) if row.pk else Organization()
            for column in fields:
                if row.pk is not None and column.field not in row.changed:
                    continue
                value = row.values.get(column.field)
                if column.kind == S.REF:
                    org.parent = by_code[value] if value else None
                else:
                    setattr(org, column.field, value)
            org.save()
            by_code[org.code] = org
            if self.progress and done % 100 == 0:
                self.progress("党组织", done, len(rows))

    def write_sheet(self, parsed: ParsedSheet) -> None:
        sheet, model = parsed.sheet, parsed.sheet.model
        self.prefetch_refs(parsed)
        new = [row for row in parsed.rows if row.pk is None]
        changed = [row for row in parsed.rows if row.pk is not None and row.changed]
        done = 0
        total = len(new) + len(changed)
        inserter = _RowInserter.for_model(model)
        for batch in _batches(new, BATCH):
            values = [self.field_values(parsed, row, parsed.columns) for row in batch]
            if inserter is not None:
                inserter.insert(values, self.user)
            else:
                objects = [model(**row_values) for row_values in values]
                bulk_create_with_history(objects, model, batch_size=BATCH, default_user=self.user)
            done += len(batch)
            if self.progress:
                self.progress(sheet.name, done, total)
        now = timezone.now()
        for batch in _batches(changed, BATCH):
            objects = model.objects.in_bulk([row.pk for row in batch])
            touched: set[str] = {"updated_at"}
            for row in batch:
                obj = objects[row.pk]
                columns = [c for c in parsed.columns if c.field in row.changed]
                for name, value in self.field_values(parsed, row, columns).items():
                    setattr(obj, name, value)
                    touched.add(name)
                obj.updated_at = now
            bulk_update_with_history(
                list(objects.values()),
                model,
                sorted(touched),
                batch_size=BATCH,
                default_user=self.user,
            )
            done += len(batch)
            if self.progress:
                self.progress(sheet.name, done, total)

    def field_values(
        self, parsed: ParsedSheet, row: Row, columns: Iterable[S.Column]
    ) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for column in columns:
            value = row.values.get(column.field)
            if column.kind == S.REF:
                values[f"{column.field}_id"] = self.ref_id(column.ref, value)
            else:
                values[column.field] = value
        if parsed.sheet is S.MEMBERS and "name" in values:
            # Member.save() is bypassed by bulk writes: keep its derived search field in step.
            values["name_initials"] = name_initials(values["name"])
        return values


class _RowInserter:
    """New rows and their “+” history rows without building model instances.

    ``bulk_create_with_history`` spends most of its time constructing two model instances per
    row and preparing their values field by field; at 50,000 参会记录 that dominated the import.
    This writes the same rows with the same values: one multi-row ``INSERT … RETURNING id`` per
    batch, then one ``INSERT … SELECT`` copying exactly those rows into the history table (as
    ``bulk_history_create`` does: history type “+”, the importing user, no change reason, no IP
    address). Defaults and ``auto_now``/``auto_now_add`` timestamps are applied as ``Model()``
    and ``save()`` would apply them. It runs inside the importer's transaction, so an error
    still leaves nothing written. Models with fields it does not know how to fill fall back to
    ``bulk_create_with_history`` (``for_model`` returns ``None``).
    """

    HISTORY_COLUMNS = {
        "history_id",
        "history_date",
        "history_change_reason",
        "history_type",
        "history_user_id",
        "ip_address",
    }

    def __init__(self, model, fields, history_model) -> None:
        from django.db import connection

        self.connection = connection
        self.model = model
        self.fields = fields
        self.history_model = history_model
        qn = connection.ops.quote_name
        self.columns = ", ".join(qn(f.column) for f in fields)
        self.row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
        self.table = qn(model._meta.db_table)
        self.pk_column = qn(model._meta.pk.column)
        tracked = ", ".join(qn(f.column) for f in history_model.tracked_fields)
        self.history_sql = (
            f"INSERT INTO {qn(history_model._meta.db_table)} ({tracked}, history_date, "
            f"history_change_reason, history_type, history_user_id, ip_address) "
            f"SELECT {tracked}, %s, NULL, '+', %s, NULL FROM {self.table} WHERE {self.pk_column} IN "
        )

    @classmethod
    def for_model(cls, model) -> _RowInserter | None:
        from django.db import connection

        history = getattr(model, "history", None)
        if history is None or not connection.features.can_return_rows_from_bulk_insert:
            return None
        history_model = history.model
        if hasattr(history_model, "history_relation"):
            return None
        tracked = {f.column for f in history_model.tracked_fields}
        extra = (
            {f.column for f in history_model._meta.concrete_fields} - tracked - cls.HISTORY_COLUMNS
        )
        if extra:
            return None
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        return cls(model, fields, history_model)

    def _converters(self, now):
        ops = self.connection.ops
        stamp = ops.adapt_datetimefield_value(now)
        plan = []
        for model_field in self.fields:
            internal = model_field.get_internal_type()
            if getattr(model_field, "auto_now", False) or getattr(
                model_field, "auto_now_add", False
            ):
                plan.append((model_field, "const", stamp))
            elif internal == "DateField":
                plan.append((model_field, "date", ops.adapt_datefield_value))
            elif internal in (
                "CharField",
                "TextField",
                "IntegerField",
                "SmallIntegerField",
                "BigIntegerField",
                "PositiveIntegerField",
                "PositiveSmallIntegerField",
                "BooleanField",
                "ForeignKey",
            ):
                plan.append((model_field, "plain", None))
            else:
                plan.append((model_field, "prep", None))
        return plan

    def insert(self, rows: list[dict[str, Any]], user) -> list[int]:
        from django.utils import timezone

        if not rows:
            return []
        now = timezone.now()
        plan = self._converters(now)
        defaults: dict[str, Any] = {}
        params: list[Any] = []
        for values in rows:
            for model_field, kind, extra in plan:
                if kind == "const":
                    params.append(extra)
                    continue
                name = model_field.attname
                if name in values:
                    value = values[name]
                elif model_field.name in values:
                    value = values[model_field.name]
                elif model_field.has_default() and callable(model_field.default):
                    value = model_field.get_default()
                else:
                    if name not in defaults:
                        defaults[name] = model_field.get_default()
                    value = defaults[name]
                if kind == "date":
                    value = extra(value)
                elif kind == "prep":
                    value = model_field.get_db_prep_save(value, self.connection)
                params.append(value)
        sql = (
            f"INSERT INTO {self.table} ({self.columns}) VALUES "
            + ", ".join([self.row_sql] * len(rows))
            + f" RETURNING {self.pk_column}"
        )
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            ids = [row[0] for row in cursor.fetchall()]
            cursor.execute(
                self.history_sql + "(" + ", ".join(["%s"] * len(ids)) + ")",
                [
                    self.connection.ops.adapt_datetimefield_value(now),
                    getattr(user, "pk", None),
                    *ids,
                ],
            )
        return ids


def _names(text: str) -> list[str]:
    return [name for name in re.split(r"[、,，;；\s]+", text) if name]


def _batches(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _problem_order(problem: Problem) -> tuple:
    order = {sheet.name: index for index, sheet in enumerate(S.SHEETS)}
    return (order.get(problem.sheet, -1), problem.row)
