"""Numbered record codes (``ZG2025-001``): the one place that picks the next free number."""

from __future__ import annotations


def next_code(model, prefix: str, digits: int = 3) -> str:
    """The first free ``<prefix><n>`` for ``model.code``, numbering from the count of codes already
    taken under the prefix (so a deleted row's number is not reused while later ones exist)."""
    taken = set(model.objects.filter(code__startswith=prefix).values_list("code", flat=True))
    n = len(taken) + 1
    while f"{prefix}{n:0{digits}d}" in taken:
        n += 1
    return f"{prefix}{n:0{digits}d}"
