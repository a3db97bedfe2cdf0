"""`dangjian remind`: the demo hospital's planted problems, JSON shape, recipients, e-mail once."""

import datetime as dt
import io
import json

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command

from dangjian.compliance.models import ReminderSent
from dangjian.compliance.reminders import _dues_arrears, collect
from dangjian.organizations.models import MemberCategory
from tests.factories import DevelopmentCaseFactory, RectificationItemFactory

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2026, 4, 10)
KEYS = {"kind", "org", "subject", "due", "status", "rule"}


def remind(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("remind", *args, stdout=out, stderr=err, skip_checks=True)
    return out.getvalue(), err.getvalue()


def test_demo_hospital(settings):
    from dangjian.demo.generator import build_demo

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    summary = build_demo(seed=3, members=60, branches=6, as_of=AS_OF)
    out, _ = remind("--as-of", AS_OF.isoformat(), "--format", "json")
    items = json.loads(out)
    assert items and all(set(item) == KEYS for item in items)
    assert all(item["status"] in ("due", "overdue") for item in items)
    assert all(dt.date.fromisoformat(item["due"]) for item in items)
    kinds = {item["kind"] for item in items}
    # What the demo plants: an overdue election, an overdue 转正, missed meetings, overdue 整改,
    # a late 谈话 in the development pipeline, and members behind with their 党费.
    assert {
        "election",
        "probation",
        "meeting_frequency",
        "rectification",
        "development_step",
        "dues",
    } <= kinds
    # The 党费 items come from the payments ledger (no flag is planted): one per member the summary
    # lists as behind, each at the warning level (3–5 months), none yet at 自行脱党.
    dues = [i for i in items if i["kind"] == "dues"]
    behind = [v for v in summary.violations if "未交纳党费" in v]
    assert len(dues) == len(behind) >= 2
    for item in dues:
        name, months = item["subject"].split("已连续")
        assert item["status"] == "due" and int(months.split("个月")[0]) in (3, 4, 5)
        assert any(f"党员{name}（" in v for v in behind), item["subject"]
    overdue_election = next(v for v in summary.violations if "逾期未换届" in v)
    code = overdue_election.split("（")[1].split("）")[0]
    assert {"kind": "election", "org": code, "status": "overdue"}.items() <= next(
        i for i in items if i["kind"] == "election" and i["status"] == "overdue"
    ).items()
    assert any(i["kind"] == "meeting_frequency" and "8月主题党日" in i["subject"] for i in items)

    text, _ = remind("--as-of", AS_OF.isoformat())
    assert "状态" in text and "到期日" in text and "已逾期" in text and "换届" in text
    assert f"共 {len(items)} 项" in text

    # --send: one e-mail per recipient, and never again for the same items.
    for user in User.objects.all():
        user.email = f"{user.username}@example.org"
        user.save()
    remind("--as-of", AS_OF.isoformat(), "--send")
    first = len(mail.outbox)
    assert first >= 2
    assert len({m.to[0] for m in mail.outbox}) == first  # one e-mail per recipient
    assert ReminderSent.objects.count() > 0
    _, err = remind("--as-of", AS_OF.isoformat(), "--send")
    assert len(mail.outbox) == first
    assert "已发送提醒邮件 0 封" in err


@pytest.fixture
def ledger(hospital, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    h = hospital
    for user in (h.alice, h.bob, h.carol, h.dave, h.erin):
        user.email = f"{user.username}@example.org"
        user.save()
    # Bob is a 预备党员 admitted on 2024-03-20: 转正 due 2025-03-20.
    h.bob_member.category = MemberCategory.PROBATIONARY
    h.bob_member.save()
    DevelopmentCaseFactory(
        name=h.bob_member.name,
        id_number=h.bob_member.id_number,
        organization=h.branch_a,
        applied_on=dt.date(2022, 1, 5),
        talked_on=dt.date(2022, 1, 20),
        activist_on=dt.date(2022, 3, 1),
        candidate_on=dt.date(2023, 4, 1),
        political_review_on=dt.date(2023, 6, 1),
        training_completed_on=dt.date(2023, 7, 1),
        publicity_started_on=dt.date(2024, 3, 1),
        admitted_on=dt.date(2024, 3, 20),
        approved_on=dt.date(2024, 5, 10),
    )
    RectificationItemFactory(code="ZG-B", organization=h.branch_b, deadline=dt.date(2025, 3, 1))
    # Branch B's term ended on 2025-01-10.
    h.branch_b.last_election_on = dt.date(2022, 1, 10)
    h.branch_b.save()
    return h


def test_recipients_by_scope(ledger):
    remind("--as-of", "2025-03-25", "--days", "0", "--send")
    by_user = {m.to[0].split("@")[0]: m.body for m in mail.outbox}
    assert "预备党员鲍勃" in by_user["alice"] and "ZG-B" not in by_user["alice"]
    assert "ZG-B" in by_user["dave"] and "预备党员鲍勃" not in by_user["dave"]
    assert "预备党员鲍勃" in by_user["carol"] and "ZG-B" in by_user["carol"]
    assert (
        "预备党员鲍勃" in by_user["bob"]
        and "ZG-B" not in by_user["bob"]
        and "外科党支部换届" not in by_user["bob"]
    )
    assert "erin" not in by_user  # nothing of her own
    assert all("【党建提醒】" in m.subject for m in mail.outbox)


def test_election_reminded_monthly_once_overdue(ledger):
    def sent_to_dave():
        # Other items (missed meetings) go out too: count the e-mails with the election in them.
        return [
            m for m in mail.outbox if m.to == ["dave@example.org"] and "外科党支部换届" in m.body
        ]

    # 6 and 3 months before the end (2025-01-10), then 2025-01-11, 2025-02-11 …
    remind("--as-of", "2024-07-15", "--days", "0", "--send")
    assert "不足6个月" in sent_to_dave()[-1].body
    remind("--as-of", "2024-08-15", "--days", "0", "--send")
    assert len(sent_to_dave()) == 1  # same occasion: not again
    remind("--as-of", "2024-10-10", "--days", "0", "--send")
    assert len(sent_to_dave()) == 2 and "不足3个月" in sent_to_dave()[-1].body
    remind("--as-of", "2025-01-11", "--days", "0", "--send")
    assert len(sent_to_dave()) == 3 and "逾期未换届" in sent_to_dave()[-1].body
    remind("--as-of", "2025-01-31", "--days", "0", "--send")
    assert len(sent_to_dave()) == 3
    remind("--as-of", "2025-02-11", "--days", "0", "--send")
    assert len(sent_to_dave()) == 4


def test_window_and_statuses(ledger):
    h = ledger
    items = collect(dt.date(2025, 3, 10), 15)
    probation = next(i for i in items if i.kind == "probation")
    assert (probation.status, probation.due, probation.member_id) == (
        "due",
        dt.date(2025, 3, 20),
        h.bob_member.pk,
    )
    assert next(i for i in items if i.kind == "rectification").status == "overdue"
    assert not any(i.kind == "probation" for i in collect(dt.date(2025, 3, 1), 15))
    overdue = next(i for i in collect(dt.date(2025, 3, 21), 0) if i.kind == "probation")
    assert overdue.status == "overdue"


def test_bad_arguments(ledger):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        remind("--as-of", "2025/03/01")
    with pytest.raises(CommandError, match="没有组织编码"):
        remind("--org", "NOPE")
    out, _ = remind("--as-of", "2025-03-25", "--org", "B", "--format", "json")
    assert {i["org"] for i in json.loads(out)} == {"B"}


def test_dues_arrears_from_the_dues_ledger(ledger):
    """Members in the dues ledger (with a 党费基数) and months unpaid: a warning from the 3rd month,
    overdue from the 6th; members outside the ledger never appear."""
    if _dues_arrears() is None:
        assert not any(i.kind == "dues" for i in collect(dt.date(2025, 5, 10), 0))
        return
    from decimal import Decimal

    from dangjian.dues.models import DuesBase, DuesPayment

    h = ledger
    DuesBase.objects.create(
        member=h.erin_member, year=2025, category="在职", monthly_income=Decimal(6000)
    )
    DuesPayment.objects.create(
        member=h.erin_member,
        month=dt.date(2025, 1, 1),
        amount_due=Decimal(90),
        amount_paid=Decimal(90),
        paid_on=dt.date(2025, 1, 20),
    )
    assert not [
        i for i in collect(dt.date(2025, 4, 10), 0) if i.kind == "dues"
    ]  # Feb, Mar: 2 months
    (warning,) = [i for i in collect(dt.date(2025, 5, 10), 0) if i.kind == "dues"]
    assert (warning.status, warning.member_id, warning.due) == (
        "due",
        h.erin_member.pk,
        dt.date(2025, 8, 1),
    )
    assert "艾琳已连续3个月未交纳党费" in warning.subject
    (lapse,) = [i for i in collect(dt.date(2025, 8, 2), 0) if i.kind == "dues"]
    assert lapse.status == "overdue" and "连续6个月" in lapse.subject
    remind("--as-of", "2025-05-10", "--days", "0", "--send")
    assert any(m.to == ["erin@example.org"] and "艾琳已连续3个月" in m.body for m in mail.outbox)
