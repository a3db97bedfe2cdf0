"""Helpers the upgrade tests run inside `dangjian shell` on a scratch database (a subprocess:
the database must be seen by `dangjian upgrade` itself). Each prints JSON on stdout."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal


def snapshot() -> None:
    """Every table's rows, column by column, as text (sorted: the order rows come back in differs)."""
    from django.db import connection

    tables = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            columns = [c[0] for c in cursor.description]
            rows = [dict(zip(columns, map(str, row), strict=True)) for row in cursor.fetchall()]
            tables[table] = sorted(rows, key=lambda r: json.dumps(r, sort_keys=True))
    print(json.dumps(tables, ensure_ascii=False))


def empty_ledgers() -> None:
    """The project's models (ledgers and their supporting tables) that hold no row."""
    from django.apps import apps

    print(
        json.dumps(
            sorted(
                m._meta.label
                for m in apps.get_models()
                if m.__module__.startswith("dangjian") and not m.objects.exists()
            )
        )
    )


def migrate_to(state: dict[str, str]) -> None:
    """Move the database back to a release's migration state (app → last migration, or "zero")."""
    from django.core.management import call_command

    for app, name in state.items():
        call_command("migrate", app, name, verbosity=0)
    print("{}")


def fill_the_rest() -> None:
    """Rows for the tables the demo hospital leaves empty (log-ins, attachments, points, overrides,
    sent reminders, confirmed prior-year figures), so that every ledger holds data."""
    from django.contrib.auth.models import User
    from django.core.files.base import ContentFile

    from dangjian.compliance.models import ReminderSent, RuleOverride
    from dangjian.core.models import AccessEvent, PasswordHistory
    from dangjian.evaluations.models import PointAdjustment, PointRule, PointTotal
    from dangjian.integrity.models import Violation
    from dangjian.organizations.models import Member, Organization
    from dangjian.orglife.models import EventAttachment, OrgLifeEvent
    from dangjian.reports.models import PriorYearFigure

    admin = User.objects.order_by("pk").first()
    root = Organization.objects.filter(parent=None).order_by("pk").first()
    member = Member.objects.order_by("pk").first()
    PasswordHistory.objects.create(user=admin, password=admin.password)
    AccessEvent.objects.create(
        kind="login", user=admin, username=admin.username, ip_address="10.1.2.3"
    )
    attachment = EventAttachment(
        event=OrgLifeEvent.objects.order_by("pk").first(),
        original_name="会议记录.pdf",
        size=4,
        content_type="application/pdf",
        uploaded_by=admin,
    )
    attachment.file.save("minutes.pdf", ContentFile(b"%PDF"), save=True)
    Violation.objects.create(
        code="WJ-UP-1",
        organization=root,
        person="某医生",
        found_on=dt.date(2024, 7, 1),
        category="共建和谐关系，不收受患方“红包”",
        description="收受患者红包",
    )
    PointRule.objects.create(kind="attendance", points=Decimal("2.0"))
    PointAdjustment.objects.create(
        code="TZ-UP-1", member=member, year=2024, points=Decimal("3.0"), reason="抗疫表彰"
    )
    # Adding an adjustment may already have recomputed the member's total.
    PointTotal.objects.get_or_create(member=member, year=2024, defaults={"total": Decimal("13")})
    RuleOverride.objects.create(
        organization=root, key="term_years_branch", value=3, changed_by=admin
    )
    ReminderSent.objects.create(
        kind="due",
        subject_key="upgrade-test",
        due=dt.date(2025, 6, 30),
        recipient=admin,
        email="a@h.cn",
    )
    PriorYearFigure.objects.create(
        organization=root,
        year=2023,
        key="members.total",
        value=Decimal("25"),
        source_text="党员25名",
    )
    print("{}")
