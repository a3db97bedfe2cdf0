"""Traditional → simplified with OpenCC, keeping every character at its offset.

OpenCC converts by phrase (`乾隆` stays `乾隆`, `頭髮` → `头发`), which is what we
want, but a phrase may in principle change length. Offsets into the cleaned text
must map back to the original, so a line whose length changes is converted
character by character instead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

import opencc


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


@lru_cache(maxsize=8192)
def _char_t2s(ch: str) -> str:
    converted: str = _t2s().convert(ch)
    return converted if len(converted) == 1 else ch


@lru_cache(maxsize=8192)
def _is_simplified_only(ch: str) -> bool:
    return bool(_s2t().convert(ch) != ch)


def to_simplified(text: str, keep: Sequence[tuple[int, int]] = ()) -> str:
    """Simplified text of the same length as `text`; spans in `keep` are left as they are."""
    converted: str = _t2s().convert(text)
    if len(converted) != len(text):
        lines = text.split("\n")
        out_lines = []
        for line in lines:
            line_converted: str = _t2s().convert(line)
            if len(line_converted) != len(line):
                line_converted = "".join(_char_t2s(ch) for ch in line)
            out_lines.append(line_converted)
        converted = "\n".join(out_lines)
    for start, end in keep:
        converted = converted[:start] + text[start:end] + converted[end:]
    return converted


def detect_script(original: str, simplified: str, ignore: Sequence[tuple[int, int]] = ()) -> str:
    """ "hant" when the text has more traditional-only than simplified-only characters.

    Spans in `ignore` (mojibake, whose characters are noise) are left out of the count.
    """
    if original == simplified:
        return "hans"
    pieces, pos = [], 0
    for start, end in ignore:
        pieces.append(original[pos:start])
        pos = end
    pieces.append(original[pos:])
    counts = Counter("".join(pieces))
    traditional = sum(n for ch, n in counts.items() if _char_t2s(ch) != ch)
    simplified_only = sum(n for ch, n in counts.items() if _is_simplified_only(ch))
    return "hant" if traditional > simplified_only else "hans"
