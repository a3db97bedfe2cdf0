"""The one shape every rule check returns."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

__all__ = ["Severity", "Violation", "errors_of", "has_errors", "warnings_of"]

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Violation:
    """A rule a record breaks.

    ``code`` is a stable English slug (``development.talk_late``) for programs and tests;
    ``message`` is the Chinese text shown to users; ``rule`` cites the document (and the step
    or article where DOMAIN.md gives it); ``severity`` is ``"error"`` for a breach of the rule
    and ``"warning"`` for something allowed only in special cases, overdue, or set by local
    practice; ``field`` names the input field at fault, where there is one.
    """

    code: str
    message: str
    rule: str
    severity: Severity = "error"
    field: str | None = None


def errors_of(violations: Iterable[Violation]) -> list[Violation]:
    """The violations of severity ``"error"``."""
    return [v for v in violations if v.severity == "error"]


def warnings_of(violations: Iterable[Violation]) -> list[Violation]:
    """The violations of severity ``"warning"``."""
    return [v for v in violations if v.severity == "warning"]


def has_errors(violations: Iterable[Violation]) -> bool:
    """True when any violation is an error."""
    return any(v.severity == "error" for v in violations)
