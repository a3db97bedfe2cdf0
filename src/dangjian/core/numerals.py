"""Chinese numerals as reports and names write them: 一、二、……十一、二十三.

One implementation for the report's heading numbers (一、（一）), its 一是、二是 lists and the demo's
names (第十二党小组).
"""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 35 → 三十五, 105 → 一百零五, 1010 → 一千零一十 (1–9999)."""
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n - 10] if n > 10 else "")
    if n >= 10000:
        return str(n)
    out, zero, started = "", False, False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十")):
        digit, n = divmod(n, value)
        if digit:
            out += ("零" if zero else "") + _DIGITS[digit] + unit
            zero, started = False, True
        elif started:
            zero = True
    return out + (("零" if zero else "") + _DIGITS[n] if n else "")
