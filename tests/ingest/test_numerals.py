"""Chinese and Arabic numerals, read at their boundaries."""

from decimal import Decimal

import pytest

from dangjian.ingest.numerals import as_plain, parse_arabic, parse_chinese, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("零", 0),
        ("一", 1),
        ("九", 9),
        ("十", 10),
        ("十一", 11),
        ("十九", 19),
        ("二十", 20),
        ("二十三", 23),
        ("九十九", 99),
        ("一百", 100),
        ("百", 100),
        ("一百零一", 101),
        ("一百一十", 110),
        ("一千零十", 1010),
        ("九千九百九十九", 9999),
        ("一万", 10000),
        ("两万", 20000),
        ("一万零一", 10001),
        ("三万五千", 35000),
        ("十万", 100000),
        ("二十万零五百", 200500),
        ("一亿", 100_000_000),
        ("一亿二千万", 120_000_000),
        ("两", 2),
        ("两千零二十三", 2023),
        ("二〇二三", 2023),
        ("九十八点五", Decimal("98.5")),
        ("壹佰贰拾", 120),
    ],
)
def test_chinese_numerals(text, value):
    assert parse_chinese(text) == value


@pytest.mark.parametrize(
    "text", ["", "十十", "百十百", "一百千", "三五", "七八", "万万", "点五", "二十点"]
)
def test_malformed_or_colloquial_chinese_is_not_a_number(text):
    # 三五 and 七八 are the ranges “three or five”, “seven or eight”, not 35 and 78.
    assert parse_chinese(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0", 0),
        ("12", 12),
        ("98.5", Decimal("98.5")),
        ("１２", 12),
        ("１２．５", Decimal("12.5")),
        ("1,200", 1200),
    ],
)
def test_arabic_and_full_width_digits(text, value):
    assert parse_arabic(text) == value


@pytest.mark.parametrize("text", ["", ".5", "5.", "1.2.3", "12a"])
def test_malformed_arabic_is_not_a_number(text):
    assert parse_arabic(text) is None


def test_parse_number_reads_either_kind():
    assert parse_number("23") == 23
    assert parse_number("二十三") == 23
    assert parse_number("abc") is None


def test_plain_values_are_ints_when_whole():
    assert as_plain(Decimal("43000.0")) == 43000
    assert isinstance(as_plain(Decimal("43000.0")), int)
    assert as_plain(Decimal("98.5")) == 98.5
    assert isinstance(as_plain(Decimal("98.5")), float)
