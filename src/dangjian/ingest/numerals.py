"""Reading numbers as reports write them: Arabic, full-width and Chinese numerals.

Values are `Decimal` so that `4.3万` is exactly 43000; `as_plain` turns them into
an int when integral, a float otherwise (what the JSON carries).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0,
    "一": 1, "壹": 1,
    "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
    "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip
CN_SMALL_UNITS: dict[str, int] = {
    "十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000,
}  # fmt: skip
CN_BIG_UNITS: dict[str, int] = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
CN_POINT = "点"

#: Every character that may be part of a Chinese numeral (without the decimal point).
CN_NUMERAL_CHARS = "".join([*CN_DIGITS, *CN_SMALL_UNITS, *CN_BIG_UNITS])

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")


def parse_arabic(text: str) -> Decimal | None:
    """`12`, `98.5`, `１２`, `1,200` → Decimal; anything else → None."""
    plain = text.translate(_FULLWIDTH).replace(",", "")
    if not plain or plain.count(".") > 1 or not plain.replace(".", "").isdigit():
        return None
    if plain.startswith(".") or plain.endswith("."):
        return None
    try:
        return Decimal(plain)
    except InvalidOperation:  # pragma: no cover - guarded by the checks above
        return None


def parse_chinese(text: str) -> Decimal | None:
    """Read a Chinese numeral: `二十三` → 23, `一百零五` → 105, `两万` → 20000.

    Also digit strings with a zero (`二〇二三` → 2023) and decimals (`九十八点五`).
    Returns None for what is not a well-formed number, including the colloquial
    ranges `三五`, `七八` (“three or five”, not 35) and doubled units (`十十`).
    """
    if not text:
        return None
    if CN_POINT in text:
        whole, _, frac = text.partition(CN_POINT)
        head = parse_chinese(whole)
        if head is None or not frac or any(ch not in CN_DIGITS for ch in frac):
            return None
        return head + Decimal("0." + "".join(str(CN_DIGITS[ch]) for ch in frac))
    if any(
        ch not in CN_DIGITS and ch not in CN_SMALL_UNITS and ch not in CN_BIG_UNITS for ch in text
    ):
        return None
    if all(ch in CN_DIGITS for ch in text):
        if len(text) == 1:
            return Decimal(CN_DIGITS[text])
        # 二〇二三: a digit string, as years are written. Without a zero it is a range.
        if any(CN_DIGITS[ch] == 0 for ch in text) and "两" not in text:
            return Decimal("".join(str(CN_DIGITS[ch]) for ch in text))
        return None
    return _parse_positional(text)


def _parse_positional(text: str) -> Decimal | None:
    total = 0  # everything closed by 万/亿 so far
    section = 0  # the current group below 万
    number: int | None = None  # the digit waiting for its unit
    last_small = 10_000  # small units must decrease inside a group
    last_big = 10**17
    zero_seen = False
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
            if digit == 0:
                if number is not None:
                    return None
                zero_seen = True
                continue
            if number is not None:
                return None  # two digits in a row: 三五
            number = digit
        elif ch in CN_SMALL_UNITS:
            unit = CN_SMALL_UNITS[ch]
            if unit >= last_small:
                return None
            if number is None:
                if section and not zero_seen:
                    return None  # 一百千
                number = 1  # 十五, 百余, 一千零十: a bare unit means one of it
            section += number * unit
            number = None
            last_small = unit
            zero_seen = False
        else:
            big = CN_BIG_UNITS[ch]
            group = section + (number or 0)
            if big >= last_big and big != 100_000_000:
                return None
            if big == 100_000_000:
                total = (total + group) * big
            else:
                if group == 0:
                    group = 1 if total == 0 else 0
                    if group == 0:
                        return None
                total += group * big
            last_big = big
            section, number, last_small, zero_seen = 0, None, 10_000, False
    return Decimal(total + section + (number or 0))


def parse_number(text: str) -> Decimal | None:
    """Arabic or Chinese, whichever `text` is."""
    value = parse_arabic(text)
    return value if value is not None else parse_chinese(text)


def as_plain(value: Decimal) -> int | float:
    """43000 rather than 43000.0; 98.5 stays a float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)
