"""Signed links in notification mails: unsubscribe (never expires), stop all mail, and the
confirmation of an address that asked to follow (expires). A link that was tampered with, or
made for another purpose, does not load."""

from __future__ import annotations

from typing import Any

from django.core import signing

UNSUBSCRIBE = "participation.unsubscribe"
STOP_MAIL = "participation.stop-mail"
CONFIRM = "participation.confirm"
CONFIRM_MAX_AGE = 3 * 24 * 3600  # three days


def make(purpose: str, payload: dict[str, Any]) -> str:
    return signing.dumps(payload, salt=purpose, compress=True)


def read(purpose: str, token: str, *, max_age: int | None = None) -> dict[str, Any] | None:
    """The payload, or None for a token that is bad, of another purpose, or expired."""
    if not token or len(token) > 500:
        return None
    try:
        data = signing.loads(token, salt=purpose, max_age=max_age)
    except (signing.BadSignature, ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None
