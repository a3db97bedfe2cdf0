import datetime as dt

import pytest

from dangjian.development import services

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """The checks run as of 2026-11-23 whatever the clock says."""
    monkeypatch.setattr(services, "today", lambda: TODAY)
    return TODAY
