"""Reading dates as people type them in ledgers: Excel dates, 2023-05-04, 2023/5/4, 2023年5月4日."""

from __future__ import annotations

import datetime as dt
import re

_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
)


class DateParseError(ValueError):
    pass


def parse_date(value: object) -> dt.date | None:
    """Return a date, None for an empty cell, or raise DateParseError with a Chinese message."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise DateParseError(f"“{value}”不是日期（请使用 2023-05-04、2023/5/4 或 2023年5月4日）")
    text = str(value).strip()
    if not text:
        return None
    text = text.split(" ")[0] if re.match(r"^\d{4}-\d{1,2}-\d{1,2} \d", text) else text
    for pattern in _PATTERNS:
        match = pattern.match(text)
        if match:
            year, month, day = (int(part) for part in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                raise DateParseError(f"“{text}”不是有效日期") from None
    raise DateParseError(f"“{text}”不是日期（请使用 2023-05-04、2023/5/4 或 2023年5月4日）")


def chinese_date(day: dt.date) -> str:
    """2026年11月23日 — the date of issue as a 公文 writes it (Arabic numerals per GB/T 9704-2012)."""
    return f"{day.year}年{day.month}月{day.day}日"


def parse_month(value: str | None) -> dt.date | None:
    """The first day of a ``2025-03`` month parameter, or None when it is not a month within the
    plausible range of ledger dates (``rules.records``): a page shows its default month or a
    404 instead of failing on year 9999 (whose following month does not exist)."""
    from dangjian.rules.records import DateKind, date_bounds

    match = re.fullmatch(r"(\d{4})-(\d{1,2})", (value or "").strip())
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        return None
    from . import clock

    low, high = date_bounds(DateKind.LEDGER, clock.today())
    if not (low.year, low.month) <= (year, month) <= (high.year, high.month):
        return None
    return dt.date(year, month, 1)
