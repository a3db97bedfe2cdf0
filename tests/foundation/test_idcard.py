import datetime as dt

import pytest

from dangjian.core import idcard

# A published example number (GB 11643 annex style): 11010519491231002X.
VALID = "11010519491231002X"


def test_valid_number_accepted():
    assert idcard.problem(VALID) is None
    assert idcard.birth_date(VALID) == dt.date(1949, 12, 31)
    assert idcard.gender(VALID) == "女"


def test_lowercase_x_is_normalised():
    assert idcard.is_valid(VALID.lower())


@pytest.mark.parametrize(
    "number, message",
    [
        ("110105194912310021", "校验位"),
        ("11010519491231002", "18位"),
        ("1101051949123100AX", "数字"),
        ("110105194902300023", "出生日期"),
    ],
)
def test_invalid_numbers_are_named(number, message):
    assert message in idcard.problem(number)


def test_make_produces_valid_numbers():
    for serial in range(100):
        assert idcard.is_valid(idcard.make(f"33010119800101{serial:03d}"))


def test_masking_keeps_region_and_tail():
    assert idcard.mask(VALID) == "110***********002X"
    assert idcard.mask_phone("13812345678") == "138****5678"
    assert idcard.mask("") == ""
