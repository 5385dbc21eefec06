"""The one error of the identity app."""

from __future__ import annotations

from ykien.core.errors import DomainError
from ykien.identity.codes import ErrorCode


class IdentityError(DomainError):
    """A sign-in or an identity token refused. ``reason`` (also ``code``) is an ``ErrorCode``;
    ``message`` its translated label, read in the reader's language at display."""

    def __init__(self, reason: str) -> None:
        code = ErrorCode(reason)
        super().__init__(code.label, code=code.value)
        self.reason = code

    def __repr__(self) -> str:
        return f"IdentityError({self.reason.value!r})"
