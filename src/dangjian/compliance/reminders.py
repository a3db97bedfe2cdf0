"""Reminders: what is due or overdue, computed from the ledgers with the rules package.

Kinds (each decided by ``dangjian.rules`` with the organisation's effective ``RuleConfig``):

- ``election``: 换届 — ``rules.election_status``; reminded 6 and 3 months before the term ends,
  then monthly once overdue (``rules.election_reminders`` gives the occasions).
- ``probation``: 预备党员转正 — ``rules.probation_end``/``conversion_status``.
- ``development_step``: the next step's latest date — ``rules.next_step``.
- ``meeting_frequency``: a period's requirement not met — ``rules.compliance``: the current
  period while it is short (``due``), and the periods ended in the last 12 months (``overdue``).
- ``rectification``: an open 整改事项 whose 整改时限 has passed or is near.
- ``dues``: unpaid months — only when the dues app provides a payments model
  (:func:`_dues_reminders`).

``due`` items fall within ``days`` of ``as_of``; ``overdue`` items are past their date. The
number of queries is fixed whatever the amount of data.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q

from dangjian import rules
from dangjian.rules import ComplianceStatus, ConversionStatus, ElectionStatus, MeetingType

from .overrides import rule_configs_for, term_years

KINDS = ("election", "probation", "development_step", "meeting_frequency", "rectification", "dues")
KIND_LABELS = {
    "election": "换届",
    "probation": "预备党员转正",
    "development_step": "发展党员",
    "meeting_frequency": "组织生活",
    "rectification": "整改",
    "dues": "党费",
}
STATUS_LABELS = {"due": "即将到期", "overdue": "已逾期"}
ELECTION_RULE = "《中国共产党基层组织选举工作条例》：任期届满按期换届，提前6个月提醒"
PROBATION_RULE = "《中国共产党发展党员工作细则》：预备期满一年，按期讨论转正（第22—24步）"
DEVELOPMENT_RULE = "《中国共产党发展党员工作细则》"
RECTIFICATION_RULE = "整改台账：按整改时限完成并销号"
DUES_RULE = "《关于中国共产党党费收缴、使用和管理的规定》：按月交纳，连续6个月不交纳视为自行脱党"
LOOKBACK_DAYS = 365


@dataclass(frozen=True)
class Reminder:
    kind: str
    org_id: int
    org_code: str
    org_name: str
    org_path: str
    subject: str
    due: dt.date
    status: str  # "due" | "overdue"
    rule: str
    subject_key: str  # stable identity of what the reminder is about
    occasion: dt.date  # the reminder's date: sent once per (kind, subject_key, occasion, recipient)
    member_id: int | None = None  # the member the item concerns (their own probation)
    url: str = ""

    def as_json(self) -> dict:
        """Exactly ``{"kind", "org", "subject", "due", "status", "rule"}``; ``org`` is the code."""
        return {
            "kind": self.kind,
            "org": self.org_code,
            "subject": self.subject,
            "due": self.due.isoformat(),
            "status": self.status,
            "rule": self.rule,
        }

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def is_overdue(self) -> bool:
        return self.status == "overdue"


def _status(due: dt.date, as_of: dt.date) -> str:
    return "overdue" if as_of > due else "due"


def _org_filter(paths: list[str] | None, field: str) -> Q:
    if paths is None:
        return Q()
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{field}__startswith": path})
    return condition


def collect(
    as_of: dt.date, days: int = 30, *, org_paths: list[str] | None = None
) -> list[Reminder]:
    """Every reminder on ``as_of`` looking ``days`` ahead, for the organisations under
    ``org_paths`` (``None``: all), sorted overdue first, then by date.

    Kept until the ledgers change (``core.datacache``): the home page asks on every visit."""
    from dangjian.core.datacache import cached

    paths = None if org_paths is None else tuple(sorted(org_paths))
    return list(cached("reminders", (as_of, days, paths), lambda: _collect(as_of, days, org_paths)))


def _collect(as_of: dt.date, days: int, org_paths: list[str] | None) -> list[Reminder]:
    from dangjian.organizations.models import Organization

    horizon = as_of + dt.timedelta(days=days)
    orgs = list(Organization.objects.filter(_org_filter(org_paths, "path")).order_by("path"))
    by_id = {o.pk: o for o in orgs}
    configs = rule_configs_for(orgs)
    items: list[Reminder] = []
    items += _elections(orgs, configs, as_of)
    items += _development(by_id, configs, as_of, horizon, org_paths)
    items += _meetings(orgs, configs, as_of, horizon)
    items += _rectification(by_id, as_of, horizon, org_paths)
    items += _dues_reminders(by_id, configs, as_of, org_paths)
    items.sort(key=lambda r: (r.status != "overdue", r.due, r.org_path, r.kind, r.subject))
    return items


def _make(
    kind: str,
    org,
    subject: str,
    due: dt.date,
    status: str,
    rule: str,
    key: str,
    occasion: dt.date | None = None,
    member_id: int | None = None,
    url: str = "",
) -> Reminder:
    return Reminder(
        kind,
        org.pk,
        org.code,
        org.name,
        org.path,
        subject,
        due,
        status,
        rule,
        key,
        occasion or due,
        member_id,
        url,
    )


def _elections(orgs, configs, as_of: dt.date) -> list[Reminder]:
    items = []
    for org in orgs:
        if org.last_election_on is None:
            continue
        config = configs[org.pk]
        years = term_years(org, config)
        if years is None:
            continue
        state = rules.election_status(org.last_election_on, years, as_of, config)
        if state.status is ElectionStatus.OK:
            continue
        occasions = rules.election_reminders(org.last_election_on, years, as_of, config)
        status = "overdue" if state.status is ElectionStatus.OVERDUE else "due"
        items.append(
            _make(
                "election",
                org,
                f"{org.name}换届：{state.message}",
                state.term_end,
                status,
                ELECTION_RULE,
                f"org:{org.pk}:{org.last_election_on.isoformat()}",
                occasions[-1] if occasions else as_of,
                url=org.get_absolute_url(),
            )
        )
    return items


def _dates(case) -> rules.DevelopmentDates:
    return rules.DevelopmentDates(
        application=case.applied_on,
        talk=case.talked_on,
        activist=case.activist_on,
        candidate=case.candidate_on,
        political_review=case.political_review_on,
        training_end=case.training_completed_on,
        publicity_start=case.publicity_started_on,
        admission=case.admitted_on,
        approval=case.approved_on,
        conversion=case.converted_on,
        extension_until=case.probation_extended_to,
        cancelled=case.cancelled_on,
    )


def _development(by_id, configs, as_of, horizon, org_paths) -> list[Reminder]:
    from dangjian.development.models import DevelopmentCase
    from dangjian.organizations.models import Member, MemberCategory

    items = []
    cases = list(
        DevelopmentCase.objects.filter(_org_filter(org_paths, "organization__path"))
        .filter(converted_on__isnull=True, cancelled_on__isnull=True)
        .order_by("pk")
    )
    # Members matched to cases by identity number; probationary members without a case too.
    numbers = [c.id_number for c in cases if c.admitted_on and c.id_number]
    members = (
        Member.objects.filter(
            Q(id_number__in=numbers)
            | Q(category=MemberCategory.PROBATIONARY, joined_on__isnull=False)
        )
        .filter(_org_filter(org_paths, "organization__path"))
        .only("pk", "name", "id_number", "organization_id", "category", "joined_on")
    )
    by_number = {}
    probationary_without_case = []
    case_numbers = {c.id_number for c in cases}
    for m in members:
        if m.id_number and m.id_number in case_numbers:
            by_number[m.id_number] = m
        elif m.category == MemberCategory.PROBATIONARY:
            probationary_without_case.append(m)
    for case in cases:
        org = by_id.get(case.organization_id)
        if org is None:
            continue
        config = configs[org.pk]
        dates = _dates(case)
        if case.admitted_on is not None:
            end = rules.probation_end(case.admitted_on, case.probation_extended_to, config)
            status = rules.conversion_status(dates, as_of, config)
            if status in (ConversionStatus.DUE, ConversionStatus.OVERDUE) or end <= horizon:
                member = by_number.get(case.id_number)
                extended = "（延长预备期）" if case.probation_extended_to else ""
                items.append(
                    _make(
                        "probation",
                        org,
                        f"预备党员{case.name}{extended}预备期于 {end:%Y-%m-%d} 届满，应讨论转正",
                        end,
                        _status(end, as_of),
                        PROBATION_RULE,
                        f"case:{case.pk}",
                        member_id=member.pk if member else None,
                        url=case.get_absolute_url(),
                    )
                )
        upcoming = rules.next_step(dates, config)
        if upcoming is None or upcoming.latest is None or upcoming.step.number >= 22:
            continue  # 转正 is the probation reminder above
        if upcoming.latest <= horizon:
            items.append(
                _make(
                    "development_step",
                    org,
                    f"{case.name}：第{upcoming.step.number}步 {upcoming.step.name}，最迟 {upcoming.latest:%Y-%m-%d}",
                    upcoming.latest,
                    _status(upcoming.latest, as_of),
                    f"{DEVELOPMENT_RULE}第{upcoming.step.number}步",
                    f"case:{case.pk}:{upcoming.step.number}",
                    url=case.get_absolute_url(),
                )
            )
    for m in probationary_without_case:
        org = by_id.get(m.organization_id)
        if org is None:
            continue
        config = configs[org.pk]
        end = rules.probation_end(m.joined_on, None, config)
        if end <= horizon:
            items.append(
                _make(
                    "probation",
                    org,
                    f"预备党员{m.name}预备期于 {end:%Y-%m-%d} 届满，应讨论转正",
                    end,
                    _status(end, as_of),
                    PROBATION_RULE,
                    f"member:{m.pk}",
                    member_id=m.pk,
                    url=m.get_absolute_url(),
                )
            )
    return items


def _meetings(orgs, configs, as_of, horizon) -> list[Reminder]:
    from dangjian.orglife.models import OrgLifeEvent

    from .services import KINDS_BY_TYPE, list_url, owner_ids

    grid_orgs = [o for o in orgs if o.org_type in KINDS_BY_TYPE]
    if not grid_orgs:
        return []
    owners = owner_ids(grid_orgs)
    has_groups = {parent for pk, parent in owners.items() if pk != parent}
    years = (as_of.year - 1, as_of.year)
    held: dict[tuple[int, str], list[dt.date]] = defaultdict(list)
    for org_id, kind, day in OrgLifeEvent.objects.filter(
        organization_id__in=list(owners),
        date__gte=dt.date(years[0], 1, 1),
        date__lte=dt.date(years[1], 12, 31),
    ).values_list("organization_id", "event_type", "date"):
        held[(owners[org_id], kind)].append(day)
    lookback = as_of - dt.timedelta(days=LOOKBACK_DAYS)
    items = []
    for org in grid_orgs:
        config = configs[org.pk]
        for kind in KINDS_BY_TYPE[org.org_type]:
            if kind is MeetingType.GROUP_MEETING and org.pk not in has_groups:
                continue
            requirement = rules.requirement_for(kind, config)
            if requirement is None:
                continue
            dates = held.get((org.pk, kind.value), [])
            for year in years:
                for row in rules.compliance(kind, dates, year, config, as_of=as_of):
                    if org.founded_on and row.start < org.founded_on:
                        continue
                    # A fixed 主题党日 (支部工作条例第十九条) is due on its day, not at the month's end.
                    fixed = (
                        rules.themed_party_day_in(row.start.year, row.start.month, config)
                        if kind is MeetingType.THEMED_PARTY_DAY
                        and requirement.per is rules.Frequency.MONTH
                        else None
                    )
                    due = fixed or row.end
                    if (row.status is ComplianceStatus.MISSING and row.end >= lookback) or (
                        row.status is ComplianceStatus.PENDING
                        and fixed is not None
                        and as_of > fixed
                    ):
                        status = "overdue"
                    elif (
                        row.status is ComplianceStatus.PENDING
                        and row.start <= as_of
                        and due <= horizon
                    ):
                        status = "due"
                    else:
                        continue
                    month = row.start.month if requirement.per is rules.Frequency.MONTH else None
                    day_note = (
                        f"（固定在每月{config.themed_party_day_of_month}日）" if fixed else ""
                    )
                    items.append(
                        _make(
                            "meeting_frequency",
                            org,
                            f"{org.name}{row.label}{kind.value}{day_note}：应开展{row.required}次，已记录{row.held}次",
                            due,
                            status,
                            _meeting_rule(kind, requirement, fixed is not None),
                            f"org:{org.pk}:{kind.value}:{row.start.isoformat()}",
                            url=list_url(org, kind, row.start.year, month),
                        )
                    )
    return items


def _meeting_rule(
    kind: MeetingType, requirement: rules.Requirement, fixed_day: bool = False
) -> str:
    from .services import DEFAULT_SOURCE, SOURCES

    if fixed_day:
        return rules.orglife.THEMED_PARTY_DAY_RULE
    times = "一次" if requirement.count == 1 else f"{requirement.count}次"
    return f"{SOURCES.get(kind, DEFAULT_SOURCE)}：{kind.value}{requirement.per.label}{times}"


def _rectification(by_id, as_of, horizon, org_paths) -> list[Reminder]:
    from dangjian.rectification.models import RectificationItem, RectificationStatus

    items = []
    for item in (
        RectificationItem.objects.filter(_org_filter(org_paths, "organization__path"))
        .filter(status=RectificationStatus.IN_PROGRESS, deadline__lte=horizon)
        .order_by("deadline", "code")
    ):
        org = by_id.get(item.organization_id)
        if org is None:
            continue
        items.append(
            _make(
                "rectification",
                org,
                f"整改事项 {item.code}「{item.description[:30]}」整改时限 {item.deadline:%Y-%m-%d}",
                item.deadline,
                "overdue" if item.is_overdue(as_of) else "due",
                RECTIFICATION_RULE,
                f"rect:{item.pk}",
                url=item.get_absolute_url(),
            )
        )
    return items


def _dues_arrears():
    """The dues app's arrears function, when the dues app provides one; else ``None``.

    Dues reminders are only produced from the dues ledger itself (members with a 党费基数 and
    their recorded payments): without it every member would look in arrears.
    """
    from django.apps import apps

    if not apps.is_installed("dangjian.dues"):
        return None
    try:
        from dangjian.dues.services import arrears
    except ImportError:
        return None
    return arrears


def _dues_reminders(by_id, configs, as_of, org_paths) -> list[Reminder]:
    arrears = _dues_arrears()
    if arrears is None:
        return []
    from dangjian.organizations.models import Organization

    items = []
    for row in arrears(Organization.objects.filter(_org_filter(org_paths, "path")), as_of):
        member = row.member
        org = by_id.get(member.organization_id)
        if org is None or not row.months:
            continue
        config = configs[org.pk]
        state = rules.arrears_status(row.count, config)
        if state is rules.ArrearsStatus.OK:
            continue
        first_unpaid = row.months[0]
        # The count reaches the lapse threshold once that many months are over.
        lapse_on = rules.add_months(first_unpaid, config.dues_lapse_month)
        items.append(
            _make(
                "dues",
                org,
                f"{member.name}已连续{row.count}个月未交纳党费（{state.label}）",
                lapse_on,
                "overdue" if state is rules.ArrearsStatus.LAPSE else "due",
                DUES_RULE,
                f"member:{member.pk}:{first_unpaid.isoformat()}",
                occasion=as_of.replace(day=1),
                member_id=member.pk,
            )
        )
    return items


# --------------------------------------------------------------------------- scope


def for_user(user, as_of: dt.date, days: int = 30) -> list[Reminder]:
    """The reminders a user should see: a 党委管理员 everything in their scope, a 支部书记 their
    branch, a 党员 their own (probation, dues)."""
    from dangjian.core.scoping import scope_for

    scope = scope_for(user)
    if scope.is_empty:
        return []
    if scope.everything:
        return collect(as_of, days)
    if scope.can_change and scope.org_paths:
        return collect(as_of, days, org_paths=list(scope.org_paths))
    if scope.member_id is None:
        return []
    from dangjian.organizations.models import Member

    member = Member.objects.select_related("organization").filter(pk=scope.member_id).first()
    if member is None:
        return []
    branch = member.organization.branch()
    return [r for r in collect(as_of, days, org_paths=[branch.path]) if r.member_id == member.pk]
