"""The identity of a voter, from ``ykien.identity`` (OpenID Connect): the one place the national
app reaches it. With no provider configured the pages say so, and the API answers 401."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import urlencode


def available() -> bool:
    """Whether an identity provider is configured."""
    from ykien.identity import is_configured

    return bool(is_configured())


def verify_token(token: str) -> Any:
    """The ``VerifiedPerson`` an OIDC ID token stands for, or ``None`` (forged, expired, wrong
    audience, malformed, or no provider)."""
    from ykien.identity import IdentityError, verify_identity_token

    try:
        return verify_identity_token(token)
    except IdentityError:
        return None


def current(request: HttpRequest) -> Any:
    """The citizen signed in through OIDC in this session (``VerifiedPerson``), or ``None``."""
    from ykien.identity import current_person

    return current_person(request)


def sign_in_url(next_url: str) -> str:
    """Where to sign in through the identity provider, coming back to ``next_url``; empty when
    no provider is configured."""
    if not available():
        return ""
    return f"{reverse('identity:sign_in')}?{urlencode({'next': next_url})}"
