"""Domain errors raised by services; views turn them into translated messages."""

from __future__ import annotations

from typing import Any

from ykien.core.codes import ErrorCode


class DomainError(Exception):
    """A rule of the domain was broken; ``message`` is translated, ``code`` is stable."""

    code: str = ErrorCode.DOMAIN_ERROR

    def __init__(self, message: Any, *, code: str | None = None, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        if code:
            self.code = code
        self.field = field


class ValidationFailed(DomainError):
    code: str = ErrorCode.INVALID


class PermissionDenied(DomainError):
    code: str = ErrorCode.FORBIDDEN


class NotFound(DomainError):
    code: str = ErrorCode.NOT_FOUND


class InvalidTransition(DomainError):
    code: str = ErrorCode.INVALID_TRANSITION


class UnknownRule(DomainError):
    code: str = ErrorCode.UNKNOWN_RULE
