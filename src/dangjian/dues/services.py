"""党费 ledgers: the month grid of a branch, recording a payment, and arrears.

Rules come from :mod:`dangjian.rules.dues` (《关于中国共产党党费收缴、使用和管理的规定》(2008)):
``monthly_dues`` for the amounts, ``unpaid_months`` and ``arrears_status`` for arrears. Every
function here runs a fixed number of queries whatever the number of members.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Max, Min

from dangjian import rules
from dangjian.core import clock
from dangjian.organizations.models import Member

from .models import DuesBase, DuesPayment

DOCUMENT = rules.dues.DOCUMENT


def today() -> dt.date:
    """The day arrears are counted for (tests replace it)."""
    return clock.today()


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


@dataclass
class Arrears:
    """A member's consecutive unpaid months ending with the last month that is over."""

    member: Member
    months: list[dt.date] = field(default_factory=list)  # oldest first, each the 1st of the month
    liable_from: dt.date | None = None

    @property
    def count(self) -> int:
        return len(self.months)

    @property
    def status(self) -> rules.ArrearsStatus:
        return rules.arrears_status(self.count)


def liable_from(first_base_year: int | None, joined_on: dt.date | None) -> dt.date | None:
    """A member is in the dues ledger from January of the first year with a 党费基数, and never
    before the month they joined. Members without any base are not in the ledger (``None``)."""
    if first_base_year is None:
        return None
    start = dt.date(first_base_year, 1, 1)
    if joined_on is not None and joined_on > start:
        start = first_of_month(joined_on)
    return start


def arrears(org_queryset, as_of: dt.date) -> list[Arrears]:
    """Per-member unpaid months on ``as_of`` for the members directly in ``org_queryset``'s
    organisations (pass a subtree, e.g. ``Organization.objects.filter(path__startswith=…)``, to
    include a branch's groups). Only members with arrears are returned, most months first.

    ``rules.unpaid_months`` counts back from the last month that is over to the latest paid
    month, so only that month matters: the database returns one row per member, not every
    payment. Three queries (more only past 5,000 members in arrears): members with their first base year, their latest paid month, and
    the members in arrears. ``Arrears.status`` is ``rules.arrears_status`` (warning from the
    3rd month, 6 months: 自行脱党 处置).
    """
    liable = (
        Member.objects.filter(organization__in=org_queryset)
        .annotate(first_base_year=Min("dues_bases__year"))
        .filter(first_base_year__isnull=False)
        .values_list("pk", "joined_on", "first_base_year")
    )
    starts = {pk: liable_from(year, joined) for pk, joined, year in liable}
    if not starts:
        return []
    latest_paid = dict(
        DuesPayment.objects.filter(
            member__organization__in=org_queryset,
            paid_on__isnull=False,
            month__lt=first_of_month(as_of),
        )
        .values("member_id")
        .annotate(latest=Max("month"))
        .values_list("member_id", "latest")
    )
    counts = {}
    for pk, start in starts.items():
        paid = [latest_paid[pk]] if pk in latest_paid else []
        count = rules.unpaid_months(paid, start, as_of)
        if count:
            counts[pk] = count
    if not counts:
        return []
    last = rules.add_months(first_of_month(as_of), -1)
    ids = sorted(counts)
    found = [
        Arrears(
            member=member,
            months=[rules.add_months(last, -i) for i in range(counts[member.pk] - 1, -1, -1)],
            liable_from=starts[member.pk],
        )
        # In slices: SQLite limits the parameters of one statement.
        for chunk in (ids[i : i + 5000] for i in range(0, len(ids), 5000))
        for member in Member.objects.filter(pk__in=chunk).select_related("organization")
    ]
    found.sort(key=lambda row: (-row.count, row.member.organization.path, row.member.member_no))
    return found


@dataclass
class LedgerRow:
    """One member on the month ledger page."""

    member: Member
    base: DuesBase | None
    payment: DuesPayment | None
    year_paid: list[
        bool | None
    ]  # January … December: paid, unpaid (over), None (not yet over / not liable)

    @property
    def amount_due(self) -> Decimal | None:
        if self.payment is not None:
            return self.payment.amount_due
        return self.base.monthly_dues if self.base is not None else None

    @property
    def is_paid(self) -> bool:
        return self.payment is not None and self.payment.is_paid


def month_ledger(members, month: dt.date, as_of: dt.date) -> list[LedgerRow]:
    """The month's grid for ``members`` (a queryset): three queries in all."""
    month = first_of_month(month)
    members = list(
        members.select_related("organization").order_by("organization__path", "member_no")
    )
    ids = [m.pk for m in members]
    bases = (
        {b.member_id: b for b in DuesBase.objects.filter(member_id__in=ids, year=month.year)}
        if ids
        else {}
    )
    payments: dict[tuple[int, dt.date], DuesPayment] = {}
    if ids:
        for p in DuesPayment.objects.filter(member_id__in=ids, month__year=month.year):
            payments[(p.member_id, p.month)] = p
    rows = []
    current = first_of_month(as_of)
    for member in members:
        year_paid: list[bool | None] = []
        for m in range(1, 13):
            first = dt.date(month.year, m, 1)
            payment = payments.get((member.pk, first))
            if payment is not None and payment.is_paid:
                year_paid.append(True)
            elif first < current and member.pk in bases:
                year_paid.append(False)
            else:
                year_paid.append(None)
        rows.append(
            LedgerRow(member, bases.get(member.pk), payments.get((member.pk, month)), year_paid)
        )
    return rows


class PaymentRefused(Exception):
    pass


def record_payment(
    *, member: Member, month: dt.date, paid_on: dt.date, amount_paid: Decimal | None = None
) -> DuesPayment:
    """Record ``member``'s dues for ``month``, paid on ``paid_on``. The amount due is
    ``rules.monthly_dues`` of the member's 党费基数 for that year; paying less is refused."""
    month = first_of_month(month)
    base = DuesBase.objects.filter(member=member, year=month.year).first()
    if base is None:
        raise PaymentRefused(
            f"{member.name}尚未设置{month.year}年度党费基数，无法计算应交党费（{DOCUMENT}）"
        )
    due = base.monthly_dues
    if due is None:
        raise PaymentRefused(
            f"{member.name}的{month.year}年度党费基数缺少月收入，无法计算应交党费（{DOCUMENT}）"
        )
    if paid_on > today():
        raise PaymentRefused(f"交纳日期（{paid_on}）不能晚于今天")
    paid = due if amount_paid is None else amount_paid
    if paid < due:
        raise PaymentRefused(
            f"实交金额 {paid} 元少于应交金额 {due} 元（{base.get_category_display()}，"
            f"按{DOCUMENT}计算）"
        )
    with transaction.atomic():
        payment, _ = DuesPayment.objects.select_for_update().get_or_create(
            member=member, month=month, defaults={"amount_due": due}
        )
        payment.amount_due = due
        payment.amount_paid = paid
        payment.paid_on = paid_on
        payment.save()
    return payment
