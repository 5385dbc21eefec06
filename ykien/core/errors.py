"""Domain errors raised by services; views turn them into translated messages."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A rule of the domain was broken; ``message`` is translated, ``code`` is stable."""

    code = "domain_error"

    def __init__(self, message: Any, *, code: str | None = None, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        if code:
            self.code = code
        self.field = field


class ValidationFailed(DomainError):
    code = "invalid"


class PermissionDenied(DomainError):
    code = "forbidden"


class NotFound(DomainError):
    code = "not_found"


class InvalidTransition(DomainError):
    code = "invalid_transition"


class UnknownRule(DomainError):
    code = "unknown_rule"
