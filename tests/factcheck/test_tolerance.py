"""The qualifier rules of `agrees`: 余/多/近/约/超过/以上, percentages, and no value."""

from decimal import Decimal

import pytest

from dangjian.factcheck.matcher import agrees


@pytest.mark.parametrize(
    ("draft", "qualifier", "ledger", "unit", "expected"),
    [
        # Plain numbers are exact.
        (63, None, 63, "名", True),
        (63, None, 62, "名", False),
        (63, None, 64, "名", False),
        # 余/多: at least the number, below the next step of its last significant digit.
        (60, "余", 63, "名", True),
        (60, "余", 60, "名", True),
        (60, "余", 69, "名", True),
        (60, "余", 70, "名", False),
        (60, "余", 59, "名", False),
        (60, "多", 65, "名", True),
        (1200, "余", 1299, "人次", True),
        (1200, "余", 1300, "人次", False),
        (63, "余", 63, "名", True),
        (63, "余", 64, "名", False),
        # 以上: at least; 超过: strictly more.
        (60, "以上", 60, "名", True),
        (60, "以上", 500, "名", True),
        (60, "以上", 59, "名", False),
        (60, "超过", 61, "名", True),
        (60, "超过", 60, "名", False),
        # 近: at most the number and at least 90% of it.
        (60, "近", 60, "名", True),
        (60, "近", 54, "名", True),
        (60, "近", 53, "名", False),
        (60, "近", 61, "名", False),
        # 约: half a step of the last significant digit or 5%, whichever is wider.
        (60, "约", 65, "名", True),
        (60, "约", 55, "名", True),
        (60, "约", 66, "名", False),
        (63, "约", 66, "名", True),
        (63, "约", 67, "名", False),
        # Percentages: the ledger rounded to the draft's decimals.
        (98.5, None, Decimal("98.5"), "%", True),
        (98, None, Decimal("97.6"), "%", True),
        (98, None, Decimal("97.4"), "%", False),
        (98.5, None, Decimal("98.4"), "%", False),
        # A rate with nothing to divide agrees with nothing.
        (0, None, None, "%", False),
    ],
)
def test_agrees(draft, qualifier, ledger, unit, expected):
    assert agrees(draft, qualifier, ledger, unit) is expected
