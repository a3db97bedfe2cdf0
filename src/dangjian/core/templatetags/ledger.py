"""Template helpers for the generic ledger pages."""

import datetime as dt

from django import template
from django.db import models

from dangjian.core.choices import choice_label

register = template.Library()

_NOT_GENERATED = object()
# (model class, field name) -> the field whose Django-generated ``get_FOO_display`` the class uses,
# or _NOT_GENERATED (no such method, or the model defines its own).
_display_fields: dict[tuple[type, str], object] = {}


def _display_field(cls: type, part: str):
    key = (cls, part)
    found = _display_fields.get(key)
    if found is None:
        found = _NOT_GENERATED
        name = f"get_{part}_display"
        for klass in cls.__mro__:
            if name in klass.__dict__:
                method = klass.__dict__[name]
                func = getattr(method, "func", None)  # Django sets a partialmethod
                field = getattr(method, "keywords", {}).get("field")
                if (
                    func is models.Model._get_FIELD_display
                    and isinstance(field, models.Field)
                    and isinstance(field.choices, (list, tuple))
                ):  # not callable choices
                    found = field
                break
        _display_fields[key] = found
    return found


@register.simple_tag
def cell(obj, accessor: str):
    """Value of a dotted attribute path, using choice labels, 是/否 for booleans and ISO dates
    (年-月-日, as the workbook writes them, whatever language the browser asks for)."""
    value = obj
    for part in accessor.split("."):
        if value is None:
            return ""
        field = _display_field(type(value), part)
        if field is not _NOT_GENERATED:
            value = choice_label(field, getattr(value, field.attname))
        else:
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
