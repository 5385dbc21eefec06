from __future__ import annotations

import pytest

from ykien.identity import config, demo


@pytest.fixture(autouse=True)
def _builtin_demo_provider(settings):
    """Every test starts with the built-in demo provider (no OIDC_ISSUER) at SITE_URL."""
    settings.IDENTITY_DEMO_PROVIDER = True
    settings.OIDC_ISSUER = ""
    settings.SITE_URL = "http://127.0.0.1:8000"
    config.reset()
    yield
    config.reset()


@pytest.fixture
def issuer() -> str:
    return "http://127.0.0.1:8000/demo-oidc"


@pytest.fixture
def oidc_live(settings, live_server):
    """The demo provider reached over HTTP as an external provider would be: the site at
    live_server (127.0.0.1) configured with OIDC_ISSUER pointing at its own /demo-oidc/."""
    settings.SITE_URL = live_server.url
    settings.OIDC_ISSUER = config.demo_issuer(live_server.url)
    settings.OIDC_CLIENT_ID = demo.CLIENT_ID
    settings.OIDC_CLIENT_SECRET = demo.client_secret()
    config.reset()
    return settings.OIDC_ISSUER
