"""The demo hospital: deterministic, the sizes asked for, valid identity numbers, real org life."""

import re

import pytest
from django.contrib.auth.models import User

from dangjian.core import idcard
from dangjian.decisions.models import MajorDecision
from dangjian.demo.generator import DemoError, build_demo, data_digest
from dangjian.development.models import DevelopmentCase
from dangjian.organizations.models import Member, Organization, OrgType, Profile
from dangjian.orglife.models import Attendance, OrgLifeEvent
from dangjian.outreach.models import ServiceActivity
from dangjian.rectification.models import RectificationItem

from .conftest import AS_OF

pytestmark = pytest.mark.django_db


def wipe() -> None:
    from dangjian.demo.ledgers import LEDGER_MODELS

    # The other ledgers first (several protect their member or organisation), checks before measures.
    for _, model in sorted(
        LEDGER_MODELS, key=lambda item: item[1].__name__ not in ("CheckIn", "Measure")
    ):
        model.objects.all().delete()
    for model in (
        Attendance,
        OrgLifeEvent,
        MajorDecision,
        RectificationItem,
        ServiceActivity,
        DevelopmentCase,
        Profile,
        User,
        Member,
    ):
        model.objects.all().delete()
    for org in Organization.objects.order_by("-depth"):
        org.delete()


def test_same_seed_gives_identical_data_and_another_seed_does_not():
    build_demo(seed=7, members=60, branches=4, years=1, as_of=AS_OF)
    first = data_digest()
    wipe()
    build_demo(seed=7, members=60, branches=4, years=1, as_of=AS_OF)
    assert data_digest() == first
    wipe()
    build_demo(seed=8, members=60, branches=4, years=1, as_of=AS_OF)
    assert data_digest() != first


def test_sizes_names_and_identity_numbers():
    summary = build_demo(members=60, branches=4, as_of=AS_OF)
    committee = Organization.objects.get(org_type=OrgType.PARTY_COMMITTEE)
    assert re.fullmatch(r".+县人民医院党委", committee.name)
    assert committee.parent is None
    branches = Organization.objects.filter(org_type=OrgType.BRANCH)
    assert branches.count() == 4
    assert "内科党支部" in set(branches.values_list("name", flat=True))
    assert Member.objects.count() == 60
    assert summary.counts["党员"] == 60
    for member in Member.objects.all():
        assert idcard.is_valid(member.id_number), member.id_number
        assert idcard.birth_date(member.id_number) == member.birth_date
        assert idcard.gender(member.id_number) == member.get_gender_display()
        assert re.fullmatch(r"[\u4e00-\u9fff]{2,4}", member.name)
        assert member.name_initials and member.joined_on < AS_OF
    for case in DevelopmentCase.objects.all():
        assert idcard.is_valid(case.id_number)
    numbers = list(Member.objects.values_list("id_number", flat=True))
    assert len(set(numbers)) == len(numbers)


def test_refuses_a_database_with_organisations(db):
    Organization.objects.create(code="X", name="某党委", org_type=OrgType.PARTY_COMMITTEE)
    with pytest.raises(DemoError, match="已有党组织"):
        build_demo(members=60, branches=4, as_of=AS_OF)
    assert Member.objects.count() == 0


def test_rejects_sizes_that_make_no_sense(db):
    with pytest.raises(DemoError, match="至少需要"):
        build_demo(members=10, branches=4, as_of=AS_OF)


def test_units_build_a_bureau_over_hospitals(db):
    build_demo(members=40, branches=3, units=2, years=1, as_of=AS_OF)
    bureau = Organization.objects.get(parent__isnull=True)
    assert bureau.name.endswith("卫生健康局党委") and bureau.org_type == OrgType.PARTY_COMMITTEE
    hospitals = list(Organization.objects.filter(parent=bureau).order_by("code"))
    assert len(hospitals) == 2
    assert hospitals[0].name.endswith("县人民医院党委") and hospitals[1].name.endswith(
        "中医医院党委"
    )
    assert all(h.org_type == OrgType.PARTY_COMMITTEE for h in hospitals)
    assert Member.objects.count() == 80
    for hospital in hospitals:
        assert (
            Organization.objects.filter(
                path__startswith=hospital.path, org_type=OrgType.BRANCH
            ).count()
            == 3
        )
        assert Member.objects.filter(organization__path__startswith=hospital.path).count() == 40
    profile = Profile.objects.get(user__username="weijianju")
    assert profile.organization == bureau
    from dangjian.problems.models import Problem
    from dangjian.workplans.models import WorkPlanItem

    # The bureau's own 工作要点 for the year (its 民主生活会 of 2025 is not held yet: no 查摆问题).
    assert WorkPlanItem.objects.filter(organization=bureau, year=AS_OF.year).count() == 6
    assert not Problem.objects.filter(organization=bureau).exists()
    for hospital in hospitals:  # each hospital 党委's own eight
        assert WorkPlanItem.objects.filter(organization=hospital, year=AS_OF.year).count() == 8
    from dangjian.demo.logins import describe_logins

    assert "weijianju" in describe_logins() and bureau.name in describe_logins()


def test_chinese_ordinals_for_many_branches():
    from dangjian.demo.names import chinese_number

    assert [chinese_number(n) for n in (1, 10, 12, 20, 35, 105, 110, 1010)] == [
        "一",
        "十",
        "十二",
        "二十",
        "三十五",
        "一百零五",
        "一百一十",
        "一千零一十",
    ]


def test_many_branches_get_numbered_names(db):
    build_demo(members=13 * 5, branches=13, years=1, as_of=AS_OF)
    names = set(Organization.objects.filter(org_type=OrgType.BRANCH).values_list("name", flat=True))
    assert len(names) == 13
    assert {"内科第一党支部", "内科第二党支部", "外科第二党支部", "护理第二党支部"} <= names


def test_the_loader_refreshes_planner_statistics_after_its_rows(monkeypatch):
    from dangjian.demo import generator

    seen = []
    real = generator.refresh_planner_statistics
    monkeypatch.setattr(
        generator,
        "refresh_planner_statistics",
        lambda: (seen.append(Attendance.objects.count()), real()),
    )
    build_demo(members=60, branches=4, years=1, as_of=AS_OF)
    assert seen == [Attendance.objects.count()] and seen[0] > 0, "once, when every row is written"
