"""The API's JSON parser: a body nested deeper than any ledger needs is a 400, not a crash.

DRF's own parser turns malformed JSON into a 400 but lets ``RecursionError`` (a body such as 5,000
nested ``[``) through as a server error. No endpoint takes more than a few levels (a list of
objects holding lists of codes), so anything deeper than ``MAX_DEPTH`` is refused with a message
that says why.
"""

from __future__ import annotations

from django.utils.translation import gettext as _g
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 32


def nesting_depth(value) -> int:
    """How deeply lists and objects nest in a decoded JSON value (a scalar is 0), without
    recursion."""
    deepest = 0
    stack = [(value, 1)] if isinstance(value, (list, dict)) else []
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children if isinstance(child, (list, dict)))
    return deepest


class BoundedJSONParser(JSONParser):
    """JSON with at most ``MAX_DEPTH`` levels of nesting."""

    def parse(self, stream, media_type=None, parser_context=None):
        too_deep = ParseError(
            _g("JSON 嵌套层数过多（最多 %(max)d 层），请求未处理。") % {"max": MAX_DEPTH}
        )
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise too_deep from None
        if nesting_depth(data) > MAX_DEPTH:
            raise too_deep
        return data
