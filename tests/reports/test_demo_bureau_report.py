"""A 卫健局 over three demo hospitals (``demo --units 3``): it reports on its hospital Party
committees by name and does not claim their meetings. Built once for the module (about six
seconds)."""

import re

import pytest

from dangjian.organizations.models import Organization
from dangjian.reports.figures import compute_figures
from dangjian.reports.narrative import build_report
from dangjian.reports.render import to_docx, to_json

from .demo_reports import (
    ISSUED,
    YEAR,
    demo_database,
    factcheck_docx,
    narrative_text,
    number_density,
    unmatched_levels,
    without_recorded,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with demo_database(django_db_blocker, units=3) as summary:
        yield summary


@pytest.fixture
def bureau(demo, db):
    return Organization.objects.get(parent=None)


@pytest.fixture
def report(bureau):
    return build_report(compute_figures(YEAR, bureau, previous=True), issued_on=ISSUED)


def test_the_bureau_speaks_in_its_own_voice(report, bureau):
    text = narrative_text(report)
    assert report.voice == "bureau"
    # The bureau's own 查摆问题 and 工作要点 are its words (“开展公立医院党委领导下的院长负责制
    # 落实情况专项督导” is a bureau's measure), not the template's.
    template_text = without_recorded(text, [bureau])
    for phrase in ("涉院", "公立医院党委领导下的院长负责制", "台账记录", "平台", "系统"):
        assert phrase not in template_text, phrase
    # The meetings are its hospitals' (“各医院党委全年召开党委会…”), never its own.
    assert not re.search("(?<!各医院党委)全年召开党委会", text)
    # “院党委” is a hospital speaking of itself (“宾阳县人民医院党委” names a hospital).
    units = Organization.objects.filter(parent__parent=None)
    assert "院党委" not in re.sub("|".join(u.name for u in units) + "|医院党委", "", text)
    # Its hospital Party committees by name; their meetings are theirs.
    for unit in Organization.objects.filter(parent__parent=None).order_by("path"):
        assert unit.name in text
    assert "各医院党委全年召开党委会" in text
    assert "局党委" in text
    assert number_density(text) <= 20


def test_the_bureau_report_names_hospitals_with_their_branches(report):
    text = narrative_text(report)
    # Every hospital has a 儿科党支部: an item names its hospital too.
    assert "其中，宾阳县" in text


def test_per_unit_breakdowns_are_in_the_appendix_not_the_text(report):
    text = narrative_text(report)
    data = to_json(report)
    keys = {f["key"] for f in data["figures"]}
    assert any(k.startswith("members.by_unit.") for k in keys)
    assert data["meta"]["voice"] == "bureau"
    for unit in Organization.objects.filter(parent__parent=None):
        assert f"{unit.name}党员" not in text or "参会率" in text


def test_every_number_of_the_bureau_word_report_is_a_figure(report, bureau, tmp_path):
    path = tmp_path / "bureau.docx"
    path.write_bytes(to_docx(report))
    result = factcheck_docx(path, YEAR, bureau.code)
    assert result["differ"] == []
    assert unmatched_levels(result) == []


def test_the_bureau_states_its_own_problems_and_plans_not_its_hospitals(report, bureau):
    """A 卫健局's 存在问题 is its own 民主生活会's, not its hospitals' 查摆问题 taken as its own;
    its 下一步 lists its own 工作要点 for the coming year."""
    from dangjian.problems.models import Problem
    from dangjian.workplans.services import plans_for

    text = narrative_text(report)
    own = Problem.objects.filter(organization=bureau, year=YEAR)
    assert own.exists()
    for row in own:
        assert text.count(row.text.rstrip("。")) == 1, row.text
    theirs = Problem.objects.filter(year=YEAR).exclude(organization=bureau)
    assert theirs.exists()
    for row in theirs:
        assert row.text.rstrip("。") not in text, row.text
    plans = plans_for([bureau.pk], YEAR + 1)
    assert plans
    measures = "\n".join(report.text(p) for p in report.sections[-1].paragraphs)
    for plan in plans:
        assert plan.text.rstrip("。") in measures, plan.text
    assert "【待补充" not in text and "【通用表述" not in text
