"""典型做法: which concrete items the report names, by the rules stated in reports/highlights.py."""

import datetime as dt

from dangjian.recognition.models import BrandKind, HonourKind, HonourLevel
from dangjian.reports.highlights import collect_highlights
from tests.factories import (
    HonourFactory,
    IntegrityEducationFactory,
    OrgLifeEventFactory,
    PartyBrandFactory,
    ServiceActivityFactory,
)

D = dt.date


def test_services_most_people_served_one_per_type_not_a_standing_post(hospital):
    h = hospital
    ServiceActivityFactory(
        organization=h.branch_a, activity_type="党员先锋岗", date=D(2025, 3, 1), people_served=900
    )
    ServiceActivityFactory(
        organization=h.branch_a,
        activity_type="义诊",
        date=D(2025, 4, 1),
        people_served=120,
        content="到光荣院开展义诊",
    )
    ServiceActivityFactory(
        organization=h.branch_b, activity_type="义诊", date=D(2025, 5, 1), people_served=80
    )
    ServiceActivityFactory(
        organization=h.branch_b,
        activity_type="志愿服务",
        date=D(2025, 6, 1),
        people_served=60,
        content="门诊导诊",
    )
    ServiceActivityFactory(  # the most served of all, but in 2026
        organization=h.branch_b, activity_type="义诊", date=D(2026, 1, 1), people_served=5000
    )
    found = collect_highlights(h.committee, 2025, self_name="院党委")
    assert [s.text for s in found.services] == [
        f"{h.branch_a.name}到光荣院开展义诊",
        f"{h.branch_b.name}开展志愿服务，门诊导诊",
    ]


def test_honours_above_the_own_level_highest_first(hospital):
    h = hospital
    for level, title in (
        (HonourLevel.HOSPITAL, "院级先进"),
        (HonourLevel.COUNTY, "县级先进"),
        (HonourLevel.PROVINCE, "省级先进"),
    ):
        HonourFactory(
            organization=h.branch_a,
            kind=HonourKind.ADVANCED_ORG,
            level=level,
            title=title,
            year=2025,
            awarded_by="某委员会",
        )
    found = collect_highlights(h.committee, 2025)
    assert [x.text for x in found.honours] == [
        f"{h.branch_a.name}被某委员会评为“省级先进”",
        f"{h.branch_a.name}被某委员会评为“县级先进”",
    ]


def test_brands_by_name_newest_first_and_themes_by_frequency(hospital):
    h = hospital
    PartyBrandFactory(organization=h.branch_a, kind=BrandKind.BRAND, name="“童心护航”", year=2024)
    PartyBrandFactory(organization=h.branch_b, kind=BrandKind.BRAND, name="守护生命", year=2025)
    PartyBrandFactory(organization=h.branch_b, kind=BrandKind.BRAND, name="明年的", year=2026)
    for day, topic in (
        (D(2025, 1, 5), "重温入党誓词：学习党章"),
        (D(2025, 2, 5), "参观红色教育基地：学习党史"),
        (D(2025, 3, 5), "参观红色教育基地：学习条例"),
        (D(2025, 4, 5), "健康义诊"),
    ):
        OrgLifeEventFactory(organization=h.branch_a, event_type="主题党日", date=day, topic=topic)
    IntegrityEducationFactory(
        organization=h.committee,
        kind="warning",
        date=D(2025, 4, 1),
        topic="观看警示教育片，以案促改",
    )
    found = collect_highlights(h.committee, 2025)
    assert found.brand_names == "“守护生命”“童心护航”"
    assert found.themes == ["参观红色教育基地", "重温入党誓词", "健康义诊"]
    assert found.warnings == ["观看警示教育片"]


def test_brand_names_nest_their_quotes_as_reports_do(hospital):
    """Issue 17: the demo's “‘术’精仁心” came out as “术”精仁心” (outer marks stripped with the
    inner ones); quotes inside a quoted name are single (‘’), each name quoted once."""
    h = hospital
    PartyBrandFactory(organization=h.branch_a, kind=BrandKind.BRAND, name="““术”精仁心”", year=2025)
    PartyBrandFactory(organization=h.branch_b, kind=BrandKind.BRAND, name="“心”系患者", year=2024)
    PartyBrandFactory(organization=h.branch_b, kind=BrandKind.BRAND, name="“童心护航”", year=2023)
    found = collect_highlights(h.committee, 2025)
    assert found.brand_names == "“‘术’精仁心”“‘心’系患者”“童心护航”"


def test_a_demonstration_site_names_its_organisation_once(hospital):
    """Issue 17: “建成护理党支部党支部标准化规范化建设示范点”."""
    h = hospital
    PartyBrandFactory(
        organization=h.branch_a,
        kind=BrandKind.DEMONSTRATION,
        name="护理党支部党支部标准化规范化建设示范点",
        year=2025,
    )
    PartyBrandFactory(
        organization=h.branch_b,
        kind=BrandKind.DEMONSTRATION,
        name="内科党支部标准化规范化建设示范点",
        year=2024,
    )
    found = collect_highlights(h.committee, 2025)
    assert found.demonstration_names == (
        "护理党支部标准化规范化建设示范点、内科党支部标准化规范化建设示范点"
    )
