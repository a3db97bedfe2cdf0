"""Template helpers for the generic ledger pages."""

import datetime as dt

from django import template
from django.db import models

register = template.Library()


@register.simple_tag
def cell(obj, accessor: str):
    """Value of a dotted attribute path, using choice labels, 是/否 for booleans and ISO dates
    (年-月-日, as the workbook writes them, whatever language the browser asks for)."""
    value = obj
    for part in accessor.split("."):
        if value is None:
            return ""
        display = getattr(value, f"get_{part}_display", None)
        value = display() if callable(display) else getattr(value, part, "")
        if isinstance(value, models.Manager):
            value = "、".join(str(item) for item in value.all())
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None:
        return ""
    return value
