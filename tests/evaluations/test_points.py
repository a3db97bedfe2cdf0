"""党员积分, hand-counted: Bob (党员 A) and Alice (书记 A) in 2025."""

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dangjian.evaluations import points
from dangjian.evaluations.models import (
    MemberEvaluation,
    MemberGrade,
    PointAdjustment,
    PointRule,
    PointTotal,
    ServiceParticipation,
)
from dangjian.orglife.models import AttendanceStatus
from tests.factories import (
    AttendanceFactory,
    MemberFactory,
    OrgLifeEventFactory,
    ServiceActivityFactory,
)


def event(org, kind, day=dt.date(2025, 4, 1), lecturer=""):
    return OrgLifeEventFactory(organization=org, event_type=kind, date=day, lecturer=lecturer)


@pytest.fixture
def year2025(hospital):
    h = hospital
    themed = event(h.branch_a, "主题党日")
    lecture = event(h.branch_a, "党课", lecturer="爱丽丝")
    general = event(h.branch_a, "支部党员大会")
    group = event(h.group_a, "党小组会")
    life = event(h.branch_a, "组织生活会")
    AttendanceFactory(event=themed, member=h.bob_member)  # 组织生活 +1
    AttendanceFactory(event=lecture, member=h.bob_member)  # 学习 +1
    AttendanceFactory(event=lecture, member=h.alice_member)  # 学习 +1 (Alice)
    AttendanceFactory(event=general, member=h.bob_member, status=AttendanceStatus.ABSENT)  # 扣分
    AttendanceFactory(
        event=group,
        member=h.bob_member,
        status=AttendanceStatus.ABSENT,
        makeup_on=dt.date(2025, 4, 9),
    )  # 补学: 组织生活 +1
    AttendanceFactory(
        event=life, member=h.bob_member, status=AttendanceStatus.EXCUSED
    )  # 请假: nothing
    event(h.branch_b, "党课", lecturer="爱丽丝")  # someone else of that name, in another branch
    event(h.branch_a, "党课", day=dt.date(2024, 5, 1), lecturer="爱丽丝")  # another year
    ServiceParticipation.objects.create(
        activity=ServiceActivityFactory(organization=h.branch_a, date=dt.date(2025, 5, 5)),
        member=h.bob_member,
    )
    ServiceParticipation.objects.create(
        activity=ServiceActivityFactory(organization=h.branch_a, date=dt.date(2024, 5, 5)),
        member=h.bob_member,
    )
    MemberEvaluation.objects.create(member=h.bob_member, year=2025, grade=MemberGrade.EXCELLENT)
    MemberEvaluation.objects.create(member=h.alice_member, year=2025, grade=MemberGrade.QUALIFIED)
    PointAdjustment.objects.create(
        code="J1", member=h.bob_member, year=2025, points=3, reason="抗疫先锋"
    )
    return h


def test_points_are_counted_from_the_ledgers(year2025):
    h = year2025
    result = points.compute(2025)
    bob, alice = result[h.bob_member.pk], result[h.alice_member.pk]
    assert bob.counts == {"attendance": 2, "study": 1, "absence": 1, "service": 1, "excellent": 1}
    # 2×2 组织生活 + 1 学习 + 2 服务 + 10 优秀 − 2 缺席 + 3 调整
    assert (
        bob.attendance,
        bob.study,
        bob.service,
        bob.evaluation,
        bob.absence,
        bob.adjustment,
    ) == (4, 1, 2, 10, -2, 3)
    assert bob.total == Decimal(18)
    assert alice.lecture == 5 and alice.study == 1 and alice.total == 6
    assert result[h.erin_member.pk].total == 0


def test_configured_rules_replace_the_defaults(year2025):
    PointRule.objects.create(kind="attendance", points=Decimal("3"))
    PointRule.objects.create(kind="absence", points=Decimal("-5"))
    bob = points.compute(2025)[year2025.bob_member.pk]
    assert bob.attendance == 6 and bob.absence == -5 and bob.total == Decimal(17)


def test_recompute_from_scratch_equals_the_stored_totals(year2025):
    h = year2025
    out = StringIO()
    call_command("points", "recompute", "--year", "2025", stdout=out)
    assert "2025" in out.getvalue()
    stored = {t.member_id: t.total for t in PointTotal.objects.filter(year=2025)}
    assert stored[h.bob_member.pk] == 18
    # Adjustments refresh the stored total at once ...
    later = PointAdjustment.objects.create(
        code="J2", member=h.bob_member, year=2025, points=-4, reason="违纪"
    )
    assert PointTotal.objects.get(member=h.bob_member, year=2025).total == 14
    later.points = Decimal(1)
    later.save()
    assert PointTotal.objects.get(member=h.bob_member, year=2025).total == 19
    later.delete()
    incremental = {t.member_id: t.total for t in PointTotal.objects.filter(year=2025)}
    # ... and rebuilding everything from nothing gives the same numbers.
    PointTotal.objects.all().delete()
    points.recompute(2025)
    assert (
        {t.member_id: t.total for t in PointTotal.objects.filter(year=2025)}
        == incremental
        == stored
    )
    assert {pk: b.total for pk, b in points.compute(2025).items()} == stored


def test_moving_an_adjustment_to_another_member_refreshes_both(year2025):
    h = year2025
    points.recompute(2025)
    adjustment = PointAdjustment.objects.get(code="J1")
    adjustment.member = h.alice_member
    adjustment.save()
    assert PointTotal.objects.get(member=h.bob_member, year=2025).total == 15
    assert PointTotal.objects.get(member=h.alice_member, year=2025).total == 9


def test_compute_uses_a_fixed_number_of_queries(year2025):
    h = year2025

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            points.compute(2025)
        return len(captured.captured_queries)

    small = queries()
    for i in range(12):
        member = MemberFactory(organization=h.group_a)
        AttendanceFactory(
            event=event(h.branch_a, "主题党日", day=dt.date(2025, 6, 1 + i)), member=member
        )
        PointAdjustment.objects.create(
            code=f"K{i}", member=member, year=2025, points=1, reason="测试"
        )
    assert queries() == small <= 7


def test_ranking_is_hidden_by_default_and_shown_when_switched_on(client, year2025, settings):
    h = year2025
    points.recompute(2025)
    client.force_login(h.carol)
    response = client.get(reverse("evaluations:points_summary"), {"year": 2025})
    body = response.content.decode()
    assert "排名" not in body.replace("未开启积分排名", "")
    numbers = [row.member.member_no for row in response.context["rows"]]
    assert numbers == sorted(numbers)
    settings.DANGJIAN_POINTS_RANKING = True
    response = client.get(reverse("evaluations:points_summary"), {"year": 2025})
    assert "<th>排名</th>" in response.content.decode()
    totals = [row.total for row in response.context["rows"]]
    assert totals == sorted(totals, reverse=True) and totals[0] == 18


def test_branch_summary_and_member_pages_per_role(client, year2025):
    h = year2025
    points.recompute(2025)
    client.force_login(h.alice)
    response = client.get(reverse("evaluations:points_summary"), {"year": 2025})
    assert {row.member_id for row in response.context["rows"]} == {
        h.alice_member.pk,
        h.bob_member.pk,
    }
    assert [(e["branch"].code, e["members"], e["sum"]) for e in response.context["branches"]] == [
        ("A", 2, 24)
    ]
    assert (
        client.get(reverse("evaluations:member_points", args=[h.erin_member.pk])).status_code == 404
    )
    # Bob is sent to his own record and cannot open anyone else's.
    client.force_login(h.bob)
    response = client.get(reverse("evaluations:points_summary"))
    assert response.status_code == 302
    assert response.url == reverse("evaluations:member_points", args=[h.bob_member.pk])
    response = client.get(
        reverse("evaluations:member_points", args=[h.bob_member.pk]), {"year": 2025}
    )
    assert response.status_code == 200 and response.context["breakdown"].total == 18
    assert "抗疫先锋" in response.content.decode()
    assert (
        client.get(reverse("evaluations:member_points", args=[h.alice_member.pk])).status_code
        == 404
    )
    client.force_login(h.dave)
    response = client.get(reverse("evaluations:points_summary"), {"year": 2025})
    assert h.bob_member.pk not in {row.member_id for row in response.context["rows"]}
