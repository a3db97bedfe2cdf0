"""One clock: every "today" comes from dangjian.core.clock, in the configured time zone."""

import datetime as dt
import re
from pathlib import Path

from django.utils import timezone

from dangjian.core import clock

SRC = Path(__file__).resolve().parents[2] / "src" / "dangjian"


def test_today_is_the_local_date_of_the_configured_time_zone(settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    # 20:00 UTC is already the next morning in Beijing.
    with clock.frozen(dt.datetime(2025, 12, 31, 20, 0, tzinfo=dt.UTC)):
        assert clock.today() == dt.date(2026, 1, 1)
        assert clock.now() == dt.datetime(2025, 12, 31, 20, 0, tzinfo=dt.UTC)


def test_frozen_nests_and_restores():
    real = clock.today()
    with clock.frozen(dt.date(2024, 3, 1)):
        assert clock.today() == dt.date(2024, 3, 1)
        with clock.frozen(dt.date(2020, 1, 2)):
            assert clock.today() == dt.date(2020, 1, 2)
        assert clock.today() == dt.date(2024, 3, 1)
    assert clock.today() == real == timezone.localdate()


def test_no_other_clock_in_the_code_base():
    pattern = re.compile(r"\bdate\.today\(\)|timezone\.localdate\(\)|datetime\.now\(\)")
    offenders = [
        f"{path.relative_to(SRC)}:{n}"
        for path in SRC.rglob("*.py")
        if path.name != "clock.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []
