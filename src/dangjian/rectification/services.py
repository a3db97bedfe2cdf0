"""State changes of rectification items, each one audited save.

销号 (sign-off) rules, in one place for the item page, the edit form and the API:

* only a 党委管理员 (within their scope; signs for the 党委) or the secretary of the branch the
  item belongs to (its own branch or a 党小组 under it; signs for the 党支部) may sign off;
* closing requires evidence: a file or a written account of what proves the problem is fixed;
* the sign-off records who signed, at which level and on which day; reopening clears it.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from dangjian.core import clock
from dangjian.core.scoping import CHANGE, is_party_admin

from .models import RectificationItem, RectificationStatus, SignOffLevel

NOT_ALLOWED = "只有党委管理员或该问题所在党支部的书记可以销号。"
NO_EVIDENCE = "销号须有整改证据：请上传证据文件或填写证据说明。"


class SignOffError(Exception):
    """A sign-off the rules refuse; the message is Chinese and names the rule."""


def sign_off_level(user, organization) -> str | None:
    """The level at which ``user`` may sign off an item of ``organization``, or None when they may not."""
    if user is None or not user.is_authenticated or organization is None:
        return None
    from dangjian.organizations.models import Organization, Profile, Role

    if not Organization.objects.visible_to(user, CHANGE).filter(pk=organization.pk).exists():
        return None
    if is_party_admin(user):
        return SignOffLevel.COMMITTEE
    profile = Profile.objects.select_related("organization").filter(user=user).first()
    if (
        profile is not None
        and profile.role == Role.BRANCH_SECRETARY
        and profile.organization is not None
        and organization.path.startswith(profile.organization.path)
    ):
        return SignOffLevel.BRANCH
    return None


def signer_name(user) -> str:
    member = getattr(getattr(user, "profile", None), "member", None)
    return (member.name if member else "") or user.get_full_name() or user.get_username()


def record_sign_off(*, item: RectificationItem, user, on: dt.date | None = None) -> None:
    """Check the rules and fill in the sign-off fields (the caller saves)."""
    level = sign_off_level(user, item.organization)
    if level is None:
        raise SignOffError(_(NOT_ALLOWED))
    if not item.has_evidence:
        raise SignOffError(_(NO_EVIDENCE))
    item.signed_off_by = user
    item.signer = signer_name(user)
    item.sign_off_level = level
    item.signed_off_on = on or clock.today()


def clear_sign_off(item: RectificationItem) -> None:
    item.signed_off_by = None
    item.signer = ""
    item.sign_off_level = ""
    item.signed_off_on = None


def item_close(
    *,
    item: RectificationItem,
    user,
    completed_on: dt.date,
    measures: str = "",
    evidence: str = "",
    evidence_file=None,
) -> RectificationItem:
    """销号: mark an item done on ``completed_on``, with its evidence, signed off by ``user``.

    Raises :class:`SignOffError` (nothing written) when the user may not sign off or there is
    no evidence.
    """
    with transaction.atomic():
        item = (
            RectificationItem.objects.select_for_update()
            .select_related("organization")
            .get(pk=item.pk)
        )
        if evidence.strip():
            item.evidence = f"{item.evidence}\n{evidence.strip()}".strip()
        if evidence_file is not None:
            item.evidence_file = evidence_file
            item.evidence_file_name = getattr(evidence_file, "name", "")[:200]
        record_sign_off(item=item, user=user)
        item.status = RectificationStatus.DONE
        item.completed_on = completed_on
        if measures.strip():
            item.measures = f"{item.measures}\n{measures.strip()}".strip()
        item.save()
    return item


def item_reopen(*, item: RectificationItem, user) -> RectificationItem:
    """撤销销号: only someone who may sign the item off may reopen it."""
    if sign_off_level(user, item.organization) is None:
        raise SignOffError(_(NOT_ALLOWED))
    with transaction.atomic():
        item.status = RectificationStatus.IN_PROGRESS
        item.completed_on = None
        clear_sign_off(item)
        item.save()
    return item
