"""Which identity provider this site trusts, read from the settings (``OIDC_*``): one the operator
configures, or else — in the demo, development and tests — the built-in demo provider."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import reverse

DEMO_PREFIX = "demo-oidc"
WATCHED = frozenset(
    {
        "SITE_URL",
        "SECRET_KEY",
        "VAR_DIR",
        "IDENTITY_DEMO_PROVIDER",
        "IDENTITY_HASH_KEY",
        "OIDC_ISSUER",
        "OIDC_DISCOVERY_URL",
        "OIDC_CLIENT_ID",
        "OIDC_CLIENT_SECRET",
        "OIDC_SCOPES",
        "OIDC_ID_TOKEN_ALGORITHMS",
        "OIDC_LEEWAY_SECONDS",
        "OIDC_JWKS_MIN_REFRESH_SECONDS",
        "OIDC_JWKS_MAX_AGE",
        "OIDC_PROVINCE_CLAIM",
        "TIME_ZONE",
    }
)


@dataclass(frozen=True)
class Provider:
    issuer: str
    discovery_url: str
    client_id: str
    client_secret: str
    scopes: str
    # The built-in demo provider of this very site: its keys are read in-process, never fetched.
    builtin_demo: bool


_provider: list[Provider | None] = []
logger = logging.getLogger(__name__)


def demo_issuer(base_url: str) -> str:
    """The issuer of the built-in demo provider served at ``base_url`` (a site's address)."""
    return f"{base_url.rstrip('/')}/{DEMO_PREFIX}"


def _load() -> Provider | None:
    issuer = settings.OIDC_ISSUER.rstrip("/")
    if issuer:
        if not settings.OIDC_CLIENT_ID:
            return None
        discovery = settings.OIDC_DISCOVERY_URL or f"{issuer}/.well-known/openid-configuration"
        return Provider(
            issuer=issuer,
            discovery_url=discovery,
            client_id=settings.OIDC_CLIENT_ID,
            client_secret=settings.OIDC_CLIENT_SECRET,
            scopes=settings.OIDC_SCOPES,
            builtin_demo=False,
        )
    if not settings.IDENTITY_DEMO_PROVIDER:
        return None
    from ykien.identity import demo

    issuer = demo_issuer(settings.SITE_URL)
    return Provider(
        issuer=issuer,
        discovery_url=f"{issuer}/.well-known/openid-configuration",
        client_id=demo.CLIENT_ID,
        client_secret=demo.client_secret(),
        scopes="openid profile",
        builtin_demo=True,
    )


def provider() -> Provider | None:
    """The configured provider, or None when there is none. A provider without the key of the
    keyed hash (``YKIEN_IDENTITY_HASH_KEY``) counts as none: nobody could be counted once, so
    the pages say sign-in is not available and the API answers 401, never a 500."""
    if not _provider:
        loaded = _load()
        if loaded is not None and not settings.IDENTITY_HASH_KEY:
            logger.error(
                "An identity provider is configured but YKIEN_IDENTITY_HASH_KEY is not set: "
                "citizens cannot sign in until it is."
            )
            loaded = None
        _provider.append(loaded)
    return _provider[0]


def is_configured() -> bool:
    """May citizens sign in here (an identity provider is configured)?"""
    return provider() is not None


def redirect_uri() -> str:
    """Where the provider sends the citizen back (register it with the provider)."""
    return settings.SITE_URL.rstrip("/") + reverse("identity:callback")


def settings_changed(*, setting: str, **kwargs: Any) -> None:
    if setting in WATCHED:
        reset()


def reset() -> None:
    """Forget the provider, its client and its keys (the settings changed)."""
    from ykien.identity import client, demo, tokens

    _provider.clear()
    client.reset()
    tokens.reset()
    demo.reset()
