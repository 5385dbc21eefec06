"""The demo OpenID Connect provider, built with Authlib's authorization server: the authorization
code grant with PKCE (S256, required) and OpenID Connect (``nonce``, RS256 ID tokens signed with
the demo key under var/). Mounted at /demo-oidc/ and answering only when
settings.IDENTITY_DEMO_PROVIDER is on (the demo, development, tests). Its citizens are
``demo.CITIZENS``: no account, no password, a name picked on its page. Codes and used nonces
live in the cache (the database cache in the demo, shared by the web processes)."""

from __future__ import annotations

import hmac
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from authlib.integrations.django_oauth2 import AuthorizationServer
from authlib.oauth2.rfc6749 import ClientMixin, InvalidRequestError
from authlib.oauth2.rfc6749.grants import AuthorizationCodeGrant
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.http.request import split_domain_port, validate_host
from django.urls import reverse

from ykien.identity import config, demo
from ykien.identity.demo import DemoCitizen

CODE_SECONDS = 300
SCOPES = ("openid", "profile")
_CODE_KEY = "identity:demo-oidc:code:{}"
_NONCE_KEY = "identity:demo-oidc:nonce:{}"


def issuer_for(request: HttpRequest) -> str:
    """The demo provider's issuer as reached by ``request`` (its own scheme and host)."""
    return config.demo_issuer(request.build_absolute_uri("/"))


class DemoClient(ClientMixin):
    """The one client of the demo provider: this site (``demo.CLIENT_ID``)."""

    client_id = demo.CLIENT_ID

    def get_client_id(self) -> str:
        return demo.CLIENT_ID

    def get_default_redirect_uri(self) -> str:
        return config.redirect_uri()

    def get_allowed_scope(self, scope: str) -> str:
        return " ".join(item for item in (scope or "").split() if item in SCOPES)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        # This site's sign-in callback, on any of its allowed host names.
        parts = urlsplit(redirect_uri)
        domain, _port = split_domain_port(parts.netloc)
        return (
            parts.scheme in ("http", "https")
            and bool(domain)
            and validate_host(domain, settings.ALLOWED_HOSTS)
            and parts.path == reverse("identity:callback")
            and not parts.query
            and not parts.fragment
        )

    def check_client_secret(self, client_secret: str) -> bool:
        return hmac.compare_digest(str(client_secret), demo.client_secret())

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return endpoint == "token" and method in ("client_secret_basic", "client_secret_post")

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == "authorization_code"


@dataclass(frozen=True)
class DemoCode:
    """An authorization code as Authlib's grants read it."""

    code: str
    client_id: str
    redirect_uri: str
    scope: str
    sub: str
    nonce: str
    auth_time: int
    code_challenge: str
    code_challenge_method: str

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> str:
        return self.nonce

    def get_auth_time(self) -> int:
        return self.auth_time

    def get_acr(self) -> None:
        return None

    def get_amr(self) -> None:
        return None


class CodeGrant(AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]

    def save_authorization_code(self, code: str, request: Any) -> None:
        payload = request.payload
        nonce = payload.data.get("nonce") or ""
        data = {
            "code": code,
            "client_id": request.client.get_client_id(),
            "redirect_uri": payload.redirect_uri or "",
            "scope": request.client.get_allowed_scope(payload.scope or ""),
            "sub": request.user.sub,
            "nonce": nonce,
            "auth_time": int(time.time()),
            "code_challenge": payload.data.get("code_challenge", ""),
            "code_challenge_method": payload.data.get("code_challenge_method", ""),
        }
        cache.set(_CODE_KEY.format(code), data, CODE_SECONDS)
        if nonce:
            cache.set(_NONCE_KEY.format(nonce), 1, CODE_SECONDS * 2)

    def query_authorization_code(self, code: str, client: Any) -> DemoCode | None:
        # Taken out at once: a code is good for one exchange, even one that then fails.
        key = _CODE_KEY.format(code)
        data = cache.get(key)
        cache.delete(key)
        if not data or data["client_id"] != client.get_client_id():
            return None
        return DemoCode(**data)

    def delete_authorization_code(self, authorization_code: DemoCode) -> None:
        cache.delete(_CODE_KEY.format(authorization_code.code))

    def authenticate_user(self, authorization_code: DemoCode) -> DemoCitizen | None:
        return demo.BY_SUB.get(authorization_code.sub)


class S256Required(CodeChallenge):
    """PKCE required of every client, and only with S256."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]

    def validate_code_challenge(self, grant: Any, redirect_uri: str) -> None:
        data = grant.request.payload.data
        if not data.get("code_challenge") or data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("PKCE with code_challenge_method=S256 is required.")
        super().validate_code_challenge(grant, redirect_uri)

    def get_authorization_code_challenge(self, authorization_code: DemoCode) -> str:
        return authorization_code.code_challenge

    def get_authorization_code_challenge_method(self, authorization_code: DemoCode) -> str:
        return authorization_code.code_challenge_method


class DemoOpenIDCode(OpenIDCode):
    def __init__(self, issuer: str) -> None:
        super().__init__(require_nonce=True)
        self.issuer = issuer

    def exists_nonce(self, nonce: str, request: Any) -> bool:
        return cache.get(_NONCE_KEY.format(nonce)) is not None

    def resolve_client_private_key(self, client: Any) -> Any:
        return demo.private_key()

    def get_client_algorithm(self, client: Any) -> str:
        return demo.ALGORITHM

    def get_encode_header(self, client: Any) -> dict[str, str]:
        return {"alg": demo.ALGORITHM, "kid": str(demo.private_key().kid), "typ": "JWT"}

    def get_client_claims(self, client: Any) -> dict[str, Any]:
        return {"iss": self.issuer, "aud": [client.get_client_id()]}

    def generate_user_info(self, user: DemoCitizen, scope: str) -> UserInfo:
        info = UserInfo(sub=user.sub)
        info[settings.OIDC_PROVINCE_CLAIM] = user.province_code
        if "profile" in scope.split():
            info.update(name=user.name, birthdate=user.birthdate, gender=user.gender)
        return info


class DemoServer(AuthorizationServer):
    def __init__(self) -> None:
        super().__init__(client_model=None, token_model=None)

    def query_client(self, client_id: str) -> DemoClient | None:
        return DemoClient() if client_id == demo.CLIENT_ID else None

    def save_token(self, token: dict[str, Any], request: Any) -> None:
        # No resource of the demo provider takes access tokens: nothing to keep.
        return None


def server_for(request: HttpRequest) -> DemoServer:
    server = DemoServer()
    server.register_grant(CodeGrant, [S256Required(), DemoOpenIDCode(issuer_for(request))])
    return server


def metadata(request: HttpRequest) -> dict[str, Any]:
    """The discovery document (OpenID Connect Discovery 1.0)."""
    issuer = issuer_for(request)
    return {
        "issuer": issuer,
        "authorization_endpoint": f"{issuer}/authorize",
        "token_endpoint": f"{issuer}/token",
        "jwks_uri": f"{issuer}/jwks",
        "response_types_supported": ["code"],
        "grant_types_supported": ["authorization_code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": [demo.ALGORITHM],
        "scopes_supported": list(SCOPES),
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        "code_challenge_methods_supported": ["S256"],
        "claims_supported": [
            "sub",
            "name",
            settings.OIDC_PROVINCE_CLAIM,
            "birthdate",
            "gender",
        ],
    }
