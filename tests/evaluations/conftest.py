"""Evaluation ledgers on the shared cast: Bob (A) and Alice (A's secretary), Erin and Dave (B)."""

import pytest

from dangjian.evaluations.models import (
    EthicsGrade,
    EthicsRecord,
    MemberEvaluation,
    MemberGrade,
    PointAdjustment,
    ReviewGrade,
    SecretaryReview,
)


@pytest.fixture
def ledgers(hospital):
    h = hospital
    MemberEvaluation.objects.create(member=h.bob_member, year=2025, grade=MemberGrade.EXCELLENT)
    MemberEvaluation.objects.create(member=h.alice_member, year=2025, grade=MemberGrade.QUALIFIED)
    MemberEvaluation.objects.create(
        member=h.erin_member, year=2025, grade=MemberGrade.BASICALLY_QUALIFIED
    )
    MemberEvaluation.objects.create(member=h.dave_member, year=2025, grade=MemberGrade.EXCELLENT)
    SecretaryReview.objects.create(
        member=h.alice_member, organization=h.branch_a, year=2025, grade=ReviewGrade.GOOD
    )
    SecretaryReview.objects.create(
        member=h.dave_member, organization=h.branch_b, year=2025, grade=ReviewGrade.FAIRLY_GOOD
    )
    EthicsRecord.objects.create(
        staff_no="N001",
        name="鲍勃",
        department="心内科",
        organization=h.branch_a,
        member=h.bob_member,
        year=2025,
        grade=EthicsGrade.EXCELLENT,
    )
    EthicsRecord.objects.create(
        staff_no="N002",
        name="王小明",
        department="心内科",
        organization=h.branch_a,
        year=2025,
        grade=EthicsGrade.GOOD,
    )
    EthicsRecord.objects.create(
        staff_no="N003",
        name="李四",
        department="普外科",
        organization=h.branch_b,
        year=2025,
        grade=EthicsGrade.EXCELLENT,
    )
    PointAdjustment.objects.create(
        code="JF2025-0001", member=h.bob_member, year=2025, points=3, reason="抗疫先锋加分"
    )
    PointAdjustment.objects.create(
        code="JF2025-0002", member=h.erin_member, year=2025, points=-1, reason="迟交材料"
    )
    return h
