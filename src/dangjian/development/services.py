"""发展党员 on the Django side: a case's dates as the rules see them, and the checked transitions.

Every rule lives in :mod:`dangjian.rules.development`; this module only turns a case (or a
case with some values changed) into :class:`~dangjian.rules.DevelopmentDates`, calls
``check_development`` once, and decides what to refuse:

* an error-severity violation that the change introduces is refused (one the case already had —
  e.g. an imported case with a bad date — is shown as a warning but does not block other work);
* 上级党委审批 later than 3 months after the 支部大会 (``development.approval_late``, a warning in
  the rules because 6 months are allowed in special cases) is refused unless the special case is
  stated (``approval_delay_reason``);
* dates in the future are refused (a ledger records what happened).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction

from dangjian import rules
from dangjian.core import clock, idcard
from dangjian.rules.development import FIELD_LABELS
from dangjian.rules.violations import Violation

#: rules field → model field.
MODEL_FIELDS: dict[str, str] = {
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
}
RULE_FIELDS = {model: rule for rule, model in MODEL_FIELDS.items()}
APPROVAL_LATE = "development.approval_late"


def today() -> dt.date:
    """The day the checks run for (tests replace it)."""
    return clock.today()


def introducer_facts(introducers: str, members: Iterable | None) -> tuple[int, bool | None]:
    """(number of 入党介绍人, whether all are 正式党员 — ``None`` when only names are known).

    Linked member records win over the names typed in the text field.
    """
    from dangjian.organizations.models import MemberCategory

    linked = list(members or ())
    if linked:
        return len(linked), all(m.category == MemberCategory.FULL for m in linked)
    names = [n for n in _split_names(introducers or "")]
    return len(names), None


def _split_names(text: str) -> list[str]:
    import re

    return [name for name in re.split(r"[、,，;；\s]+", text) if name]


def case_dates(
    values: Mapping[str, Any], introducer_members: Iterable | None = None
) -> rules.DevelopmentDates:
    """The rules' view of a case given as model-field values (``applied_on`` …, ``id_number``,
    ``introducers``). The birth date comes from the identity number (GB 11643)."""
    number = values.get("id_number") or ""
    birth = idcard.birth_date(idcard.normalize(number)) if len(number) == 18 else None
    count, full = introducer_facts(values.get("introducers") or "", introducer_members)
    return rules.DevelopmentDates(
        birth_date=birth,
        # With no introducer recorded the rules skip the check until the 支部大会 (step 15);
        # from then on "0" is a breach, so the count is always given.
        introducer_count=count,
        introducers_full_members=full,
        **{rule: values.get(model) for rule, model in MODEL_FIELDS.items()},
    )


def values_of(case) -> dict[str, Any]:
    data = {model: getattr(case, model) for model in MODEL_FIELDS.values()}
    data["id_number"] = case.id_number
    data["introducers"] = case.introducers
    return data


def linked_introducers(case) -> list:
    if case.pk is None:
        return []
    return list(case.introducer_members.all())


def dates_of(case) -> rules.DevelopmentDates:
    return case_dates(values_of(case), linked_introducers(case))


def message(violation: Violation) -> str:
    """A violation as users read it: what is wrong, then the rule (document and step)."""
    return f"{violation.message}（{violation.rule}）"


# Requirements the 细则 sets on a step that are recorded elsewhere: the two 正式党员 introducers
# (step 9) must be in place when the 支部大会 admits (step 15), even if the names were typed earlier.
_CHECKED_AT: dict[str, tuple[str, ...]] = {"admission": ("introducer_count",)}


def problems(
    before: rules.DevelopmentDates | None,
    after: rules.DevelopmentDates,
    *,
    special_reason: str = "",
) -> tuple[list[Violation], list[Violation]]:
    """(refused, warnings) for changing a case from ``before`` (``None``: a new case) to ``after``.

    Refused: an error the change introduces, or one on a date being changed (or checked at the
    step being recorded, see ``_CHECKED_AT``). An error the case already had elsewhere stays a
    warning, so that an imported case with a historical breach can still move on.
    """
    old = {v.code for v in rules.check_development(before)} if before is not None else set()
    changed: set[str] = set()
    if before is not None:
        for name in MODEL_FIELDS:
            if getattr(before, name) != getattr(after, name):
                changed.add(name)
                changed.update(_CHECKED_AT.get(name, ()))
        if (before.introducer_count, before.introducers_full_members) != (
            after.introducer_count,
            after.introducers_full_members,
        ):
            changed.add("introducer_count")
    found = rules.check_development(after)
    refused: list[Violation] = []
    warnings: list[Violation] = []
    for violation in found:
        new = violation.code not in old or violation.field in changed
        if (new and violation.severity == "error") or (
            new and violation.code == APPROVAL_LATE and not special_reason.strip()
        ):
            refused.append(violation)
        else:
            warnings.append(violation)
    return refused, warnings


def future_dates(values: Mapping[str, Any], as_of: dt.date) -> list[tuple[str, str]]:
    """(model field, message) for each date after ``as_of`` — a ledger records what happened.
    延长预备期至 is a date in the future by nature and is not checked."""
    found = []
    for rule, model in MODEL_FIELDS.items():
        value = values.get(model)
        if rule != "extension_until" and value is not None and value > as_of:
            found.append((model, f"{FIELD_LABELS[rule]}（{value}）不能晚于今天（{as_of}）"))
    return found


# --- transitions -----------------------------------------------------------------------------


class TransitionRefused(Exception):
    """A transition the rules do not allow; ``messages`` name the rule in Chinese."""

    def __init__(self, messages: list[str], field: str | None = None):
        super().__init__("；".join(messages))
        self.messages = messages
        self.field = field


def next_field(case) -> str | None:
    """The model field the next step records (``None`` once converted or cancelled)."""
    upcoming = rules.next_step(dates_of(case))
    if upcoming is None:
        return None
    return MODEL_FIELDS[_MILESTONE_FIELD[upcoming.step.number]]


# Step number → rules field, from the same milestones the rules use (steps with their own date).
_MILESTONE_FIELD = {number: name for name, number in rules.development._MILESTONES}


def _apply(case, changes: Mapping[str, Any], *, special_reason: str = "") -> list[Violation]:
    before = dates_of(case)
    values = values_of(case) | dict(changes)
    after = case_dates(values, linked_introducers(case))
    as_of = today()
    future = future_dates({k: v for k, v in changes.items()}, as_of)
    if future:
        raise TransitionRefused([text for _, text in future], future[0][0])
    refused, warnings = problems(before, after, special_reason=special_reason)
    if refused:
        raise TransitionRefused(
            [message(v) for v in refused], MODEL_FIELDS.get(refused[0].field or "")
        )
    with transaction.atomic():
        for name, value in changes.items():
            setattr(case, name, value)
        if special_reason.strip():
            case.approval_delay_reason = special_reason.strip()
        case.save()
    return warnings


def advance(case, on: dt.date, *, special_reason: str = "") -> list[Violation]:
    """推进到下一步: record ``on`` as the date of the next step. Returns the warnings that remain;
    raises :class:`TransitionRefused` naming the rule when the step may not be taken that day."""
    if case.cancelled_on is not None:
        raise TransitionRefused(["已取消预备党员资格，不能继续推进"])
    name = next_field(case)
    if name is None:
        raise TransitionRefused(["该发展对象已完成转正，没有下一步"])
    return _apply(case, {name: on}, special_reason=special_reason)


def extend_probation(case, until: dt.date) -> list[Violation]:
    """延长预备期 (once, 6–12 months beyond the regular end — the rules check the length)."""
    if case.admitted_on is None:
        raise TransitionRefused(["尚未经支部大会接收为预备党员，不能延长预备期"])
    if case.converted_on is not None or case.cancelled_on is not None:
        raise TransitionRefused(["已转正或已取消预备党员资格，不能延长预备期"])
    if case.probation_extended_to is not None:
        raise TransitionRefused(
            [
                f"预备期已延长至 {case.probation_extended_to}，延长预备期只能一次"
                f"（{rules.development.DOCUMENT} 第21步 继续教育考察）"
            ]
        )
    return _apply(case, {"probation_extended_to": until})


def cancel_probation(case, on: dt.date) -> list[Violation]:
    """取消预备党员资格."""
    if case.admitted_on is None:
        raise TransitionRefused(["尚未经支部大会接收为预备党员，无预备党员资格可取消"])
    if case.converted_on is not None:
        raise TransitionRefused(["已转正，不能取消预备党员资格"])
    if case.cancelled_on is not None:
        raise TransitionRefused(["已取消预备党员资格"])
    return _apply(case, {"cancelled_on": on})
