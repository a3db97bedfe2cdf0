"""表彰, 党建品牌 and 双培养 figures against a hand count, and the narrative that states them."""

import datetime as dt

import pytest

from dangjian.reports.figures import compute_figures
from dangjian.reports.narrative import build_report
from dangjian.reports.render import to_markdown
from tests.factories import DualCultivationFactory, HonourFactory, MemberFactory, PartyBrandFactory

D = dt.date


@pytest.fixture
def year(hospital):
    h = hospital
    # 表彰 counted by their 年度: H1–H4 are 2025, H5 is 2024 (out), H6 is under another hospital (out).
    HonourFactory(code="H1", kind="advanced_org", organization=h.branch_a)
    HonourFactory(code="H2", kind="advanced_org", organization=h.group_a, level="hospital")
    HonourFactory(
        code="H3", kind="outstanding_member", organization=h.branch_b, member=h.erin_member
    )
    HonourFactory(
        code="H4", kind="outstanding_worker", organization=h.branch_a, member=h.alice_member
    )
    HonourFactory(
        code="H5", kind="outstanding_member", year=2024, organization=h.group_a, member=h.bob_member
    )
    HonourFactory(code="H6", kind="advanced_org")  # its own organisation, outside the hospital
    # 党建品牌 existing at the end of 2025: P1 (2023), P2 (2025); P3 is created in 2026 (out).
    PartyBrandFactory(code="P1", organization=h.branch_a, year=2023)
    PartyBrandFactory(code="P2", organization=h.branch_b, year=2025)
    PartyBrandFactory(code="P3", organization=h.branch_b, year=2026)
    PartyBrandFactory(code="S1", kind="demonstration", organization=h.branch_a, year=2024)
    # 双培养 with dates in 2025: two backbones admitted, one promotion; the 2024-12-31 one is out.
    DualCultivationFactory(member=h.bob_member, kind="backbone_to_member", date=D(2025, 1, 1))
    DualCultivationFactory(member=h.erin_member, kind="backbone_to_member", date=D(2025, 12, 31))
    DualCultivationFactory(member=h.dave_member, kind="promoted_to_middle", date=D(2025, 6, 1))
    DualCultivationFactory(member=h.alice_member, kind="member_to_backbone", date=D(2024, 12, 31))
    MemberFactory()  # noise
    return h


def test_hand_count(year):
    f = compute_figures(2025, year.committee)
    assert (f.value("honours.total"), sorted(f["honours.total"].records)) == (
        4,
        ["H1", "H2", "H3", "H4"],
    )
    assert sorted(f["honours.先进党组织"].records) == ["H1", "H2"]
    assert f.value("honours.优秀共产党员") == 1 and f["honours.优秀共产党员"].unit == "名"
    assert f["honours.优秀党务工作者"].records == ("H4",)
    assert sorted(f["brands.total"].records) == ["P1", "P2"]
    assert f["brands.new"].records == ("P2",)
    assert f["brands.demonstration"].records == ("S1",)
    assert f.value("cultivation.业务骨干发展为党员") == 2
    assert f.value("cultivation.党员培养为业务骨干") == 0
    assert f.value("cultivation.党员骨干提拔为中层") == 1
    # Branch A alone: H1, H2 (its group), H4; brand P1 and site S1.
    a = compute_figures(2025, year.branch_a)
    assert sorted(a["honours.total"].records) == ["H1", "H2", "H4"]
    assert (a.value("brands.total"), a.value("brands.demonstration")) == (1, 1)
    # 2024: only H5; P1 exists, P2 not yet.
    f24 = compute_figures(2024, year.committee)
    assert f24["honours.total"].records == ("H5",) and f24["brands.total"].records == ("P1",)


def test_narrative_states_them(year):
    text = to_markdown(build_report(compute_figures(2025, year.committee)))
    assert "全年党组织和党员受表彰4项" in text
    assert "等党建品牌" in text and "党建品牌创建" in text
    # A zero is left out: no “0名党员培养为业务骨干”.
    assert "深入实施“双培养”工程，业务骨干发展为党员2名，党员骨干提拔为中层1名。" in text


def test_narrative_leaves_them_out_without_data(hospital):
    text = to_markdown(build_report(compute_figures(2025, hospital.committee))).split("附件")[0]
    assert "受表彰" not in text and "党建品牌创建" not in text and "“双培养”工程" not in text
    assert "选树先进典型" not in text  # the heading goes with its empty paragraphs
