"""Progress rolls up from check-ins to measures to the instruction, in one place and one query."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangjian.core import clock
from dangjian.implementation import progress
from dangjian.implementation.models import MeasureStatus
from tests.factories import CheckInFactory, InstructionFactory, MeasureFactory


def test_measure_progress_rule():
    assert progress.measure_progress(done=True, latest=None) == 100
    assert progress.measure_progress(done=True, latest=30) == 100
    assert progress.measure_progress(done=False, latest=None) == 0
    assert progress.measure_progress(done=False, latest=60) == 60


def test_rollup_hand_counted(hospital):
    instruction = InstructionFactory(organization=hospital.branch_a)
    # m1: two check-ins, the later one (40) counts, not the higher earlier one.
    m1 = MeasureFactory(instruction=instruction, deadline=dt.date(2025, 6, 30))
    CheckInFactory(measure=m1, date=dt.date(2025, 4, 1), progress=70)
    CheckInFactory(measure=m1, date=dt.date(2025, 5, 1), progress=40)
    # m2: done, counts 100 whatever its check-ins said.
    m2 = MeasureFactory(
        instruction=instruction, status=MeasureStatus.DONE, completed_on=dt.date(2025, 5, 20)
    )
    CheckInFactory(measure=m2, date=dt.date(2025, 5, 1), progress=90)
    # m3: no check-in yet: 0, and overdue on 2025-07-01.
    MeasureFactory(instruction=instruction, deadline=dt.date(2025, 6, 30))
    rollup = progress.rollups([instruction.pk], on=dt.date(2025, 7, 1))[instruction.pk]
    # (40 + 100 + 0) / 3 = 46.666… → 46.7
    assert rollup.progress == Decimal("46.7")
    assert (rollup.measures, rollup.done, rollup.overdue) == (3, 1, 2)
    on_deadline = progress.rollups([instruction.pk], on=dt.date(2025, 6, 30))[instruction.pk]
    assert on_deadline.overdue == 0


def test_same_day_check_ins_latest_entry_wins(hospital):
    measure = MeasureFactory(instruction__organization=hospital.branch_a)
    CheckInFactory(measure=measure, date=dt.date(2025, 4, 1), progress=20)
    CheckInFactory(measure=measure, date=dt.date(2025, 4, 1), progress=35)
    assert progress.rollups([measure.instruction_id])[measure.instruction_id].progress == Decimal(
        "35.0"
    )


def test_instruction_without_measures():
    assert progress.rollup([]) == progress.EMPTY and progress.EMPTY.label == "—"


def _fill(hospital, n):
    for _ in range(n):
        instruction = InstructionFactory(organization=hospital.branch_a)
        for _ in range(3):
            measure = MeasureFactory(instruction=instruction)
            CheckInFactory(measure=measure)
            CheckInFactory(measure=measure, date=dt.date(2025, 5, 1))


@pytest.mark.parametrize(
    "url", ["/implementation/", "/implementation/measures/", "/api/instructions/"]
)
def test_page_queries_do_not_grow(client, hospital, url):
    client.force_login(hospital.alice)
    _fill(hospital, 2)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _fill(hospital, 12)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small)


def test_rollups_is_one_query(hospital):
    _fill(hospital, 5)
    from dangjian.implementation.models import Instruction

    ids = list(Instruction.objects.values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as captured:
        found = progress.rollups(ids)
    assert len(captured) == 1 and len(found) == 5


def test_pages_show_progress_and_overdue(client, hospital):
    instruction = InstructionFactory(organization=hospital.branch_a, code="GC-1")
    late = MeasureFactory(
        instruction=instruction, code="CS-LATE", deadline=clock.today() - dt.timedelta(days=1)
    )
    CheckInFactory(measure=late, progress=50)
    MeasureFactory(
        instruction=instruction,
        code="CS-DONE",
        status=MeasureStatus.DONE,
        completed_on=clock.today(),
    )
    client.force_login(hospital.alice)
    listing = client.get("/implementation/").content.decode()
    assert "75.0%" in listing
    detail = client.get(instruction.get_absolute_url()).content.decode()
    assert "75.0%" in detail and "有 1 项措施已超过完成时限" in detail and "50%" in detail
    overdue = client.get("/implementation/measures/?overdue=true").content.decode()
    assert "CS-LATE" in overdue and "CS-DONE" not in overdue
