"""Choice labels for pages that show many rows: ``obj.get_FOO_display()``, looked up in a table
built once per field and language instead of hashing every choice (and translating every label)
on each call."""

from __future__ import annotations

from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language

_MISSING = object()
# (field, language) -> {value: label}
_labels: dict[tuple[models.Field, str | None], dict] = {}


def choice_label(field: models.Field, value):
    """What ``get_FOO_display()`` returns for ``value`` of ``field``: its label, or the value
    itself when it is not one of the choices."""
    key = (field, get_language())
    labels = _labels.get(key)
    if labels is None:
        labels = {make_hashable(k): force_str(v, strings_only=True) for k, v in field.flatchoices}
        _labels[key] = labels
    found = labels.get(make_hashable(value), _MISSING)
    return force_str(value, strings_only=True) if found is _MISSING else found
