import datetime as dt

import pytest

from dangjian.core.dates import DateParseError, chinese_date, parse_date


@pytest.mark.parametrize(
    "value",
    [
        "2023-05-04",
        "2023/5/4",
        "2023年5月4日",
        "2023.5.4",
        dt.date(2023, 5, 4),
        dt.datetime(2023, 5, 4, 0, 0),
        "2023-05-04 00:00:00",
    ],
)
def test_accepted_formats(value):
    assert parse_date(value) == dt.date(2023, 5, 4)


@pytest.mark.parametrize("value", [None, "", "   "])
def test_empty_is_none(value):
    assert parse_date(value) is None


@pytest.mark.parametrize("value", ["2023-02-30", "5月4日", "去年", 45000, "2023-13-01"])
def test_rejected_with_chinese_message(value):
    with pytest.raises(DateParseError) as info:
        parse_date(value)
    assert "日期" in str(info.value)


def test_leap_day():
    assert parse_date("2024年2月29日") == dt.date(2024, 2, 29)
    with pytest.raises(DateParseError):
        parse_date("2023年2月29日")


def test_chinese_date_of_issue():
    assert chinese_date(dt.date(2026, 1, 5)) == "2026年1月5日"
