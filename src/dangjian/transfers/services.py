"""Recording and removing transfers: each one transaction that also moves the member.

``transfer_record`` is what the page, the API and the CLI call. The workbook importer writes
transfers in bulk but applies the same rules, step by step, through the pure functions below
(``move_problems``, ``recorded_from_org``, ``org_after``, ``date_order_problem``): one place
decides what a transfer may be and where it leaves the member, whether the member is a model
instance (here) or a row being imported (keys are then organisation codes instead of pks).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dangjian.core import codes
from dangjian.organizations.models import Member, Organization

from .models import Transfer, TransferKind


def _latest(member: Member, exclude: int | None = None) -> Transfer | None:
    queryset = Transfer.objects.filter(member=member)
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude)
    return queryset.order_by("-date", "-pk").first()


def next_code(day: dt.date) -> str:
    return codes.next_code(Transfer, f"ZJ{day:%Y}-")


def move_problems(
    *,
    member_org: Any,
    latest: tuple[dt.date, str] | None,
    kind: str,
    date: dt.date,
    to_org: Any,
    from_unit: str = "",
    to_unit: str = "",
) -> dict[str, str]:
    """The rules for recording a transfer, as {field: Chinese message}; empty when it may be recorded.

    ``member_org`` is the member's organisation when the transfer is recorded (a pk or a code:
    only compared), ``latest`` the (date, kind) of the member's latest transfer so far, if any.
    """
    errors: dict[str, str] = {}
    if latest is not None and date < latest[0]:
        errors["date"] = _(
            "转接日期不能早于该党员最近一次转接（%(date)s %(kind)s），转接须按时间顺序登记。"
        ) % {
            "date": latest[0],
            "kind": TransferKind(latest[1]).label,
        }
    gone = latest is not None and latest[1] == TransferKind.OUT
    if kind == TransferKind.IN:
        if to_org is None:
            errors["to_org"] = _("转入须选择转入组织（本院党支部或党小组）。")
        if not from_unit.strip():
            errors["from_unit"] = _("转入须填写原单位党组织。")
    elif gone:
        errors["kind"] = _("该党员已于%(date)s转出本院，只能再登记“转入”。") % {"date": latest[0]}
    if kind == TransferKind.INTERNAL:
        if to_org is None:
            errors["to_org"] = _("院内转接须选择转入组织。")
        elif to_org == member_org:
            errors["to_org"] = _("转入组织与党员现所在组织相同，无需转接。")
    if kind == TransferKind.OUT:
        if to_org is not None:
            errors["to_org"] = _("转出本院时不选转入组织，请在“转入单位”填写接收单位党组织。")
        if not to_unit.strip():
            errors["to_unit"] = _("转出须填写接收单位党组织。")
    return errors


def recorded_from_org(kind: str, member_org: Any) -> Any:
    """The 转出组织 a transfer records: the member's organisation then (none for a 转入 from outside)."""
    return None if kind == TransferKind.IN else member_org


def org_after(kind: str, member_org: Any, to_org: Any) -> Any:
    """The member's organisation after the transfer (a 转出 keeps the last one on the member row)."""
    return member_org if kind == TransferKind.OUT or to_org is None else to_org


def date_order_problem(date: dt.date, before: dt.date | None, after: dt.date | None) -> str:
    """A changed date must stay between the member's previous and next transfer; '' when it does."""
    if before is not None and date < before:
        return _("转接日期不能早于该党员上一次转接（%(date)s）。") % {"date": before}
    if after is not None and date > after:
        return _("转接日期不能晚于该党员下一次转接（%(date)s）。") % {"date": after}
    return ""


def transfer_check(
    *,
    member: Member,
    kind: str,
    date: dt.date,
    to_org: Organization | None,
    from_unit: str = "",
    to_unit: str = "",
) -> dict[str, str]:
    """Rule problems as {field: Chinese message}; empty when the transfer may be recorded."""
    latest = _latest(member)
    return move_problems(
        member_org=member.organization_id,
        latest=(latest.date, latest.kind) if latest else None,
        kind=kind,
        date=date,
        to_org=to_org.pk if to_org is not None else None,
        from_unit=from_unit,
        to_unit=to_unit,
    )


@transaction.atomic
def transfer_record(
    *,
    member: Member,
    kind: str,
    date: dt.date,
    to_org: Organization | None = None,
    from_unit: str = "",
    to_unit: str = "",
    letter_no: str = "",
    note: str = "",
    code: str = "",
) -> Transfer:
    """Validate, write the transfer and move the member, in one transaction.

    Raises ValidationError (Chinese messages by field) when a rule refuses the transfer.
    """
    member = Member.objects.select_for_update().get(pk=member.pk)
    errors = transfer_check(
        member=member,
        kind=kind,
        date=date,
        to_org=to_org,
        from_unit=from_unit,
        to_unit=to_unit,
    )
    if errors:
        raise ValidationError(errors)
    transfer = Transfer(
        code=code or next_code(date),
        member=member,
        kind=kind,
        date=date,
        from_org_id=recorded_from_org(kind, member.organization_id),
        to_org=None if kind == TransferKind.OUT else to_org,
        from_unit=from_unit if kind == TransferKind.IN else "",
        to_unit=to_unit if kind == TransferKind.OUT else "",
        letter_no=letter_no,
        note=note,
    )
    transfer.full_clean()
    transfer.save()
    after = org_after(kind, member.organization_id, transfer.to_org_id)
    if member.organization_id != after:
        member.organization_id = after
        member.save()  # an audited save: the member's history shows the move
    return transfer


@transaction.atomic
def transfer_delete(*, transfer: Transfer) -> None:
    """Remove a member's latest transfer and put the member back where they were before it.

    Only the latest one may go: removing an earlier one would leave the history inconsistent.
    """
    latest = _latest(transfer.member)
    if latest is None or latest.pk != transfer.pk:
        raise ValidationError(_("只能删除该党员最近一次转接记录；更早的记录请按时间倒序逐条删除。"))
    member = Member.objects.select_for_update().get(pk=transfer.member_id)
    if transfer.from_org_id is not None and member.organization_id != transfer.from_org_id:
        member.organization_id = transfer.from_org_id
        member.save()
    transfer.delete()


def transfer_date_check(transfer: Transfer, date: dt.date) -> str:
    """A changed date must keep the member's transfers in order; returns the problem or ''."""
    others = Transfer.objects.filter(member_id=transfer.member_id).exclude(pk=transfer.pk)
    before = (
        others.filter(pk__lt=transfer.pk).order_by("-date").values_list("date", flat=True).first()
    )
    after = (
        others.filter(pk__gt=transfer.pk).order_by("date").values_list("date", flat=True).first()
    )
    return date_order_problem(date, before, after)
