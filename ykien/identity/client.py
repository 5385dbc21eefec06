"""The citizens' sign-in with Authlib's Django OpenID Connect client: the authorization code flow
with PKCE (S256), ``state`` and ``nonce`` kept in the session, the code exchanged at the provider's
token endpoint, and the ID token checked by Authlib (signature, iss, aud, exp, iat, nonce)."""

from __future__ import annotations

import threading
from typing import Any

from authlib.integrations.django_client import OAuth
from django.conf import settings

from ykien.identity import config

NAME = "identity"

_client: list[Any] = []
_lock = threading.Lock()


def oidc_client() -> Any:
    """Authlib's client for the configured provider (None when there is none)."""
    provider = config.provider()
    if provider is None:
        return None
    if not _client:
        with _lock:
            if not _client:
                _client.append(_build(provider))
    return _client[0]


def _build(provider: config.Provider) -> Any:
    kwargs: dict[str, Any] = {
        "client_id": provider.client_id,
        "client_secret": provider.client_secret,
        "client_kwargs": {
            "scope": provider.scopes,
            "code_challenge_method": "S256",
            "default_timeout": settings.OIDC_HTTP_TIMEOUT,
        },
    }
    if provider.builtin_demo:
        # The demo provider is this site: its metadata and keys are known here, only the code
        # exchange goes over HTTP (to this site's own token endpoint).
        from ykien.identity import demo

        kwargs.update(
            issuer=provider.issuer,
            authorize_url=f"{provider.issuer}/authorize",
            access_token_url=f"{provider.issuer}/token",
            jwks=demo.jwks(),
            id_token_signing_alg_values_supported=[demo.ALGORITHM],
        )
    else:
        kwargs["server_metadata_url"] = provider.discovery_url
    oauth = OAuth()
    return oauth.register(NAME, **kwargs)


def reset() -> None:
    with _lock:
        _client.clear()
