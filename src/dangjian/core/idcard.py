"""Resident identity numbers (居民身份证号码), GB 11643-1999: validation and masking."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"


def check_char(first17: str) -> str:
    """The check character of GB 11643: weighted sum mod 11 mapped onto 1 0 X 9 … 2."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


_SHAPE = re.compile(r"[0-9]{17}[0-9X]")


def normalize(value: str) -> str:
    """The stored form: Unicode NFKC (full-width １２３ and superscripts become 0–9), no
    surrounding spaces, upper-case X. Every check and every stored value goes through this, so
    the same number typed two ways is one number (and one row for the uniqueness check)."""
    return unicodedata.normalize("NFKC", value).strip().upper()


def problem(value: str) -> str | None:
    """Return a Chinese description of what is wrong with an 18-character ID, or None if valid."""
    number = normalize(value)
    if len(number) != 18:
        return "身份证号应为18位"
    if not _SHAPE.fullmatch(number):
        return "身份证号前17位应为数字，末位为数字或X"
    if birth_date(number) is None:
        return "身份证号中的出生日期无效"
    if check_char(number[:17]) != number[17]:
        return "身份证号校验位错误（GB 11643）"
    return None


def is_valid(value: str) -> bool:
    return problem(value) is None


def birth_date(number: str) -> dt.date | None:
    if not number[6:14].isascii() or not number[6:14].isdigit():
        return None
    try:
        return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def gender(number: str) -> str:
    """'男' or '女' from the 17th digit (odd is male)."""
    return "男" if int(number[16]) % 2 else "女"


def mask(value: str) -> str:
    """Keep the region's first 3 and the last 4 characters: 110***********123X."""
    if not value:
        return ""
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_phone(value: str) -> str:
    if not value:
        return ""
    if len(value) < 7:
        return "*" * len(value)
    return value[:3] + "****" + value[-4:]


def make(first17: str) -> str:
    """Complete a 17-digit body with its check character (used by the demo generator and tests)."""
    return first17 + check_char(first17)
