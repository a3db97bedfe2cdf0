"""Report figures of the 贯彻落实 and 党风廉政建设 ledgers, counted by hand, and the narrative."""

import datetime as dt
from decimal import Decimal

from dangjian.implementation.models import MeasureStatus
from dangjian.rectification import services
from dangjian.reports.figures import compute_figures
from dangjian.reports.narrative import build_report
from dangjian.reports.render import to_markdown
from tests.factories import (
    InstructionFactory,
    IntegrityEducationFactory,
    MeasureFactory,
    RectificationItemFactory,
    ResponsibilityFactory,
    ViolationFactory,
)


def _data(hospital):
    # 贯彻落实: two instructions in 2025 (one in A, one in B), one from 2024, one issued in 2026.
    i_a = InstructionFactory(
        organization=hospital.group_a, code="GC-A", issued_on=dt.date(2025, 2, 1)
    )
    i_b = InstructionFactory(
        organization=hospital.branch_b, code="GC-B", issued_on=dt.date(2025, 3, 1)
    )
    i_old = InstructionFactory(
        organization=hospital.branch_a, code="GC-OLD", issued_on=dt.date(2024, 5, 1)
    )
    i_next = InstructionFactory(
        organization=hospital.branch_a, code="GC-NEXT", issued_on=dt.date(2026, 1, 5)
    )
    MeasureFactory(
        instruction=i_a,
        code="M1",
        deadline=dt.date(2025, 4, 30),
        status=MeasureStatus.DONE,
        completed_on=dt.date(2025, 4, 20),
    )  # counted, done
    MeasureFactory(
        instruction=i_a, code="M2", deadline=dt.date(2025, 12, 31)
    )  # counted, open, on time
    MeasureFactory(instruction=i_b, code="M3", deadline=dt.date(2025, 10, 31))  # counted, overdue
    MeasureFactory(
        instruction=i_old,
        code="M4",
        deadline=dt.date(2024, 12, 31),
        status=MeasureStatus.DONE,
        completed_on=dt.date(2024, 12, 1),
    )  # 2024 only: not counted
    MeasureFactory(
        instruction=i_old,
        code="M5",
        deadline=dt.date(2024, 9, 30),
        status=MeasureStatus.DONE,
        completed_on=dt.date(2025, 1, 10),
    )  # done in 2025: counted, done
    MeasureFactory(instruction=i_next, code="M6", deadline=dt.date(2026, 3, 1))  # issued after 2025
    # 党风廉政建设
    ResponsibilityFactory(organization=hospital.branch_a, code="L1", kind="target", year=2025)
    ResponsibilityFactory(organization=hospital.branch_b, code="L2", kind="target", year=2025)
    ResponsibilityFactory(organization=hospital.branch_b, code="L3", kind="supervision", year=2025)
    ResponsibilityFactory(
        organization=hospital.branch_a,
        code="L4",
        kind="target",
        year=2024,
        signed_on=dt.date(2024, 2, 1),
    )
    IntegrityEducationFactory(
        organization=hospital.committee, code="E1", kind="warning", date=dt.date(2025, 5, 8)
    )
    IntegrityEducationFactory(
        organization=hospital.group_a, code="E2", kind="warning", date=dt.date(2025, 11, 8)
    )
    IntegrityEducationFactory(
        organization=hospital.branch_b, code="E3", kind="collective_talk", date=dt.date(2025, 3, 2)
    )
    IntegrityEducationFactory(
        organization=hospital.branch_b, code="E4", kind="warning", date=dt.date(2024, 12, 31)
    )
    ViolationFactory(organization=hospital.branch_a)
    # 整改: two items in 2025, one signed off.
    done = RectificationItemFactory(
        organization=hospital.branch_a, code="Z1", deadline=dt.date(2025, 6, 30)
    )
    services.item_close(
        item=done, user=hospital.carol, completed_on=dt.date(2025, 6, 1), evidence="材料"
    )
    RectificationItemFactory(
        organization=hospital.branch_b, code="Z2", deadline=dt.date(2025, 12, 31)
    )


def test_figures_hand_counted(hospital):
    _data(hospital)
    f = compute_figures(2025, hospital.committee)
    assert f["implementation.instructions"].records == ("GC-A", "GC-B")
    assert sorted(f["implementation.measures"].records) == ["M1", "M2", "M3", "M5"]
    assert sorted(f["implementation.done"].records) == ["M1", "M5"]
    assert f["implementation.rate"].value == Decimal("50.0")
    assert f["implementation.overdue"].records == ("M3",)
    assert f["integrity.target_letters"].value == 2 and f["integrity.target_letters"].records == (
        "L1",
        "L2",
    )
    assert f["integrity.supervision_letters"].records == ("L3",)
    assert f["integrity.warning_education"].records == ("E1", "E2")
    assert f["integrity.collective_talks"].records == ("E3",)
    assert (f.value("rectification.total"), f.value("rectification.done")) == (2, 1)
    branch_a = compute_figures(2025, hospital.branch_a)
    assert sorted(branch_a["implementation.measures"].records) == ["M1", "M2", "M5"]
    assert branch_a.value("implementation.overdue") == 0
    assert branch_a["integrity.warning_education"].records == ("E2",)
    assert branch_a["integrity.target_letters"].records == ("L1",)


def test_overdue_measure_boundary_at_year_end(hospital):
    instruction = InstructionFactory(organization=hospital.branch_a, issued_on=dt.date(2025, 1, 1))
    MeasureFactory(instruction=instruction, code="DEC31", deadline=dt.date(2025, 12, 31))
    MeasureFactory(instruction=instruction, code="DEC30", deadline=dt.date(2025, 12, 30))
    assert compute_figures(2025, hospital.committee)["implementation.overdue"].records == ("DEC30",)


def test_query_count_does_not_grow(hospital):
    _data(hospital)
    small = compute_figures(2025, hospital.committee).queries
    for _n in range(10):
        MeasureFactory(
            instruction__organization=hospital.branch_a,
            instruction__issued_on=dt.date(2025, 2, 1),
            deadline=dt.date(2025, 5, 1),
        )
        IntegrityEducationFactory(organization=hospital.branch_b, date=dt.date(2025, 6, 1))
        ResponsibilityFactory(organization=hospital.branch_b, year=2025)
    assert compute_figures(2025, hospital.committee).queries == small


def test_narrative_sentences(hospital):
    _data(hospital)
    text = to_markdown(build_report(compute_figures(2025, hospital.committee, previous=True)))
    assert "签订《党风廉政建设目标责任书》2份、监督责任书1份" in text
    assert "廉政警示教育2次" in text and "集体谈话1次" in text
    assert "明确贯彻落实措施4项，落实措施完成率50%" in text
    assert "全年整改问题2个，整改完成率50%" in text
    assert "逾期未完成的落实措施1项" in text
