"""The rules of a 查摆问题 and a 工作要点 live in the model's clean(), with messages naming the rule."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dangjian.problems.models import Problem, year_problem
from dangjian.workplans.models import WorkPlanItem


def errors_of(row) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        row.clean()
    return caught.value.message_dict


def test_year_runs_from_2000_to_next_year():
    assert year_problem(2000) == year_problem(2027) == year_problem(None) == ""
    assert year_problem(1999) == "年度应为2000年至2027年之间的四位年份（填写的是1999）"
    assert year_problem(2028) == "年度应为2000年至2027年之间的四位年份（填写的是2028）"
    assert year_problem(25) != ""


def test_a_problem_names_each_broken_rule():
    row = Problem(year=1999, source="meeting", area="health", text="   ")
    assert errors_of(row) == {
        "year": ["年度应为2000年至2027年之间的四位年份（填写的是1999）"],
        "source": [
            "“meeting”不是有效的来源（可选：民主生活会、组织生活会、巡察、督查、考核、自查）"
        ],
        "area": [
            "“health”不是有效的领域（可选：政治建设、思想建设、组织建设、作风建设、纪律建设、党建与业务融合）"
        ],
        "text": ["请写明查摆出的问题。"],
    }


def test_a_good_problem_passes():
    Problem(year=2026, source="self_check", area="integration", text="党建与业务结合不紧").clean()


def test_a_work_point_is_due_within_or_after_its_year():
    item = WorkPlanItem(
        year=2026, area="conduct", text="改善医疗服务", deadline=dt.date(2025, 12, 31)
    )
    assert errors_of(item) == {"deadline": ["完成时限（2025-12-31）早于工作要点所属的2026年"]}
    item.deadline = dt.date(2026, 1, 1)
    item.clean()
    item.deadline = None
    item.clean()


def test_a_work_point_with_a_bad_year_reports_the_year_only():
    item = WorkPlanItem(
        year=2030, area="conduct", text="改善医疗服务", deadline=dt.date(2026, 3, 1)
    )
    assert errors_of(item) == {"year": ["年度应为2000年至2027年之间的四位年份（填写的是2030）"]}
