"""Writes on organisational life that are more than one row: the attendance sheet, attachments.

Each is one atomic function; every row goes through the ORM (save/delete) so that the audit
history records each change with the acting user (django-simple-history's request middleware).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from dangjian.core import clock
from dangjian.core.scoping import CHANGE
from dangjian.organizations.models import Member

from .models import Attendance, AttendanceStatus, EventAttachment, OrgLifeEvent


@dataclass
class SheetRow:
    member: Member
    status: str = ""
    makeup_on: str = ""
    error: str = ""


def attendance_candidates(event: OrgLifeEvent, *, user):
    """Whose attendance ``user`` may record for ``event`` — the one rule of the attendance sheet
    page and ``POST /api/attendances/``: the members of the event's organisation subtree within
    the user's changing scope, plus anyone already recorded (e.g. a member who has since moved).
    Nobody when the event itself is outside the user's changing scope."""
    if not OrgLifeEvent.objects.visible_to(user, CHANGE).filter(pk=event.pk).exists():
        return Member.objects.none()
    in_tree = Member.objects.visible_to(user, CHANGE).filter(
        organization__path__startswith=event.organization.path
    )
    recorded = Member.objects.filter(attendances__event=event)
    return (in_tree | recorded).distinct()


def attendance_sheet_members(event: OrgLifeEvent, *, user) -> list[Member]:
    """Who can be ticked on the sheet (see ``attendance_candidates``), in tree order."""
    return list(
        attendance_candidates(event, user=user)
        .select_related("organization")
        .order_by("organization__path", "member_no")
    )


def attendance_sheet(event: OrgLifeEvent, *, user, data=None) -> list[SheetRow]:
    """One row per member: their recorded status, or what was posted (``data``)."""
    existing = {a.member_id: a for a in event.attendances.all()}
    rows = []
    for member in attendance_sheet_members(event, user=user):
        row = SheetRow(member)
        if data is not None:
            row.status = data.get(f"status-{member.pk}", "")
            row.makeup_on = data.get(f"makeup-{member.pk}", "").strip()
        elif member.pk in existing:
            row.status = existing[member.pk].status
            row.makeup_on = (
                existing[member.pk].makeup_on.isoformat() if existing[member.pk].makeup_on else ""
            )
        rows.append(row)
    return rows


def _validate(event: OrgLifeEvent, row: SheetRow, today: dt.date) -> dt.date | None:
    if row.status not in ("", *AttendanceStatus.values):
        row.error = "出勤状态无效"
        return None
    if not row.makeup_on:
        return None
    try:
        makeup = dt.date.fromisoformat(row.makeup_on)
    except ValueError:
        row.error = "补学日期格式应为 年-月-日"
        return None
    if row.status in ("", AttendanceStatus.PRESENT):
        row.error = "只有请假或缺席的党员才需要填写补学日期"
    elif makeup < event.date:
        row.error = "补学日期不能早于活动日期"
    elif makeup > today:
        row.error = "补学日期不能晚于今天"
    return makeup


def attendance_record(
    *, event: OrgLifeEvent, rows: list[SheetRow], today: dt.date | None = None
) -> bool:
    """Save the whole sheet, or nothing: returns False (rows carry their errors) when any row is
    wrong. A blank status removes an existing record."""
    today = today or clock.today()
    makeups = {row.member.pk: _validate(event, row, today) for row in rows}
    if any(row.error for row in rows):
        return False
    with transaction.atomic():
        existing = {
            a.member_id: a for a in Attendance.objects.select_for_update().filter(event=event)
        }
        for row in rows:
            current = existing.get(row.member.pk)
            makeup = makeups[row.member.pk]
            if not row.status:
                if current is not None:
                    current.delete()
                continue
            if current is None:
                Attendance.objects.create(
                    event=event, member=row.member, status=row.status, makeup_on=makeup
                )
            elif current.status != row.status or current.makeup_on != makeup:
                current.status, current.makeup_on = row.status, makeup
                current.save()
    return True


def attachment_add(
    *, event: OrgLifeEvent, kind: str, upload, content_type: str, user
) -> EventAttachment:
    return EventAttachment.objects.create(
        event=event,
        kind=kind,
        file=upload,
        original_name=upload.name[:200],
        size=upload.size,
        content_type=content_type,
        uploaded_by=user,
    )


def attachment_delete(*, attachment: EventAttachment) -> None:
    """Delete the row (audited) and then the file, once the transaction has committed."""
    storage, name = attachment.file.storage, attachment.file.name
    with transaction.atomic():
        attachment.delete()
        transaction.on_commit(lambda: storage.delete(name))
