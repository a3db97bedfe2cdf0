"""Who is told about which reminder, the text table, and e-mail sent once per item and occasion."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from .reminders import Reminder


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - _width(text), 0)


HEADERS = ("状态", "类型", "组织", "到期日", "事项", "依据")


def text_table(items: Iterable[Reminder]) -> str:
    """A readable table in Chinese, one reminder a line; the last column is not padded."""
    items = list(items)
    rows = [
        (r.status_label, r.kind_label, r.org_name, r.due.isoformat(), r.subject, r.rule)
        for r in items
    ]
    if not rows:
        return "没有到期或逾期的待办事项。"
    widths = [max(_width(row[i]) for row in [HEADERS, *rows]) for i in range(len(HEADERS) - 1)]
    lines = []
    for row in [HEADERS, *rows]:
        cells = [_pad(cell, widths[i]) for i, cell in enumerate(row[:-1])] + [row[-1]]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths) + "  " + "-" * 4)
    overdue = sum(1 for r in items if r.is_overdue)
    lines += ["", f"共 {len(rows)} 项，其中已逾期 {overdue} 项。"]
    return "\n".join(lines)


@dataclass
class Recipient:
    user: object
    roles: set[str] = field(default_factory=set)
    items: list[Reminder] = field(default_factory=list)


def recipients(items: list[Reminder]) -> list[Recipient]:
    """Branch secretaries get their branch's items, 党委管理员 everything in their scope, a member
    their own probation (and dues). One query for the profiles."""
    from django.db.models import Q

    from dangjian.organizations.models import Profile, Role

    member_ids = {r.member_id for r in items if r.member_id is not None}
    profiles = (
        Profile.objects.select_related("user", "organization")
        .filter(user__is_active=True)
        .filter(Q(role__in=(Role.PARTY_ADMIN, Role.BRANCH_SECRETARY)) | Q(member_id__in=member_ids))
        .order_by("user__username")
    )
    result = []
    for profile in profiles:
        chosen: dict[int, Reminder] = {}
        if profile.role == Role.PARTY_ADMIN:
            prefix = profile.organization.path if profile.organization else "/"
            for r in items:
                if r.org_path.startswith(prefix):
                    chosen[id(r)] = r
        elif profile.role == Role.BRANCH_SECRETARY and profile.organization is not None:
            for r in items:
                if r.org_path.startswith(profile.organization.path):
                    chosen[id(r)] = r
        if profile.member_id is not None:
            for r in items:
                if r.member_id == profile.member_id:
                    chosen[id(r)] = r
        if chosen:
            ordered = [r for r in items if id(r) in chosen]
            result.append(Recipient(profile.user, {profile.role}, ordered))
    return result


@dataclass
class SendResult:
    sent: int = 0  # e-mails
    items: int = 0  # item lines across those e-mails
    skipped_no_address: list[str] = field(default_factory=list)
    already_sent: int = 0


def send(items: list[Reminder], as_of: dt.date) -> SendResult:
    """One e-mail per recipient with the items not sent to them before; each (kind, subject,
    occasion, recipient) is recorded in ``ReminderSent`` in the same transaction as the send,
    so it goes out once and never again."""
    from .models import ReminderSent

    result = SendResult()
    targets = recipients(items)
    user_ids = [t.user.pk for t in targets]
    occasions = {r.occasion for r in items}
    done = set(
        ReminderSent.objects.filter(recipient_id__in=user_ids, due__in=occasions).values_list(
            "kind", "subject_key", "due", "recipient_id"
        )
    )
    for target in targets:
        user = target.user
        new = [r for r in target.items if (r.kind, r.subject_key, r.occasion, user.pk) not in done]
        result.already_sent += len(target.items) - len(new)
        if not new:
            continue
        if not user.email:
            result.skipped_no_address.append(user.get_username())
            continue
        name = user.get_full_name() or user.get_username()
        overdue = sum(1 for r in new if r.is_overdue)
        subject = f"【党建提醒】{len(new)} 项待办（其中逾期 {overdue} 项，截至 {as_of:%Y-%m-%d}）"
        body = (
            f"{name}：\n\n以下事项即将到期或已逾期，请及时办理：\n\n{text_table(new)}\n\n"
            "本邮件由党建台账平台自动发送，每项提醒只发送一次；逾期未换届的每月提醒一次。\n"
        )
        with transaction.atomic():
            ReminderSent.objects.bulk_create(
                [
                    ReminderSent(
                        kind=r.kind,
                        subject_key=r.subject_key,
                        due=r.occasion,
                        recipient=user,
                        email=user.email,
                    )
                    for r in new
                ]
            )
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        result.sent += 1
        result.items += len(new)
    return result
