"""``verify_identity_token``: an OpenID Connect ID token (a JWT) from the configured provider,
checked by joserfc — the signature against the provider's published keys (JWKS, kept in memory),
the algorithm, ``iss``, ``aud`` (our client id), ``exp``, ``iat`` and ``nbf`` with a small leeway —
and turned into a ``VerifiedPerson``. It runs on every API ballot: no database, no network
except the rare fetch of the keys (at start, after OIDC_JWKS_MAX_AGE, and on an unknown key id
at most once per OIDC_JWKS_MIN_REFRESH_SECONDS)."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import requests
from django.conf import settings
from joserfc import jwt
from joserfc.errors import (
    BadSignatureError,
    ClaimError,
    ExpiredTokenError,
    InvalidKeyIdError,
    JoseError,
    MissingAlgorithmError,
    MissingClaimError,
    UnsupportedAlgorithmError,
)
from joserfc.jwk import KeySet

from ykien.identity import config
from ykien.identity.codes import ErrorCode
from ykien.identity.errors import IdentityError
from ykien.identity.person import ClaimsReader, VerifiedPerson

log = logging.getLogger(__name__)

# An ID token of a few claims is well under 2 KB; anything much longer is not one.
MAX_TOKEN_LENGTH = 16 * 1024


def _fetch_json(url: str) -> dict[str, Any]:
    response = requests.get(url, timeout=settings.OIDC_HTTP_TIMEOUT)
    response.raise_for_status()
    data = response.json()
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    return data


class ProviderKeys:
    """The provider's public keys, in memory. Fetched at first use; fetched again when they are
    older than OIDC_JWKS_MAX_AGE, or when a token names a key id we do not have — at most once
    per OIDC_JWKS_MIN_REFRESH_SECONDS, so forged key ids cannot make us hammer the provider."""

    def __init__(self, provider: config.Provider) -> None:
        self.provider = provider
        self._lock = threading.Lock()
        self._keys: KeySet | None = None
        self._fetched_at = 0.0
        self._kid_refresh_at = float("-inf")
        self._jwks_uri = ""
        self._max_age = settings.OIDC_JWKS_MAX_AGE

    def _load(self) -> KeySet:
        if self.provider.builtin_demo:
            from ykien.identity import demo

            return demo.public_key_set()
        if not self._jwks_uri:
            self._jwks_uri = str(_fetch_json(self.provider.discovery_url)["jwks_uri"])
        return KeySet.import_key_set(_fetch_json(self._jwks_uri))  # type: ignore[arg-type]

    def _refresh(self, *, because_unknown_kid: bool) -> KeySet | None:
        """Fetch the keys (under the lock). None when rate-limited or unreachable."""
        with self._lock:
            now = time.monotonic()
            if because_unknown_kid:
                if now - self._kid_refresh_at < settings.OIDC_JWKS_MIN_REFRESH_SECONDS:
                    return None
                self._kid_refresh_at = now
            try:
                keys = self._load()
            except (requests.RequestException, ValueError, KeyError, TypeError, JoseError) as exc:
                log.warning(
                    "identity: the provider's keys could not be fetched (%s)", type(exc).__name__
                )
                return None
            self._keys, self._fetched_at = keys, now
            return keys

    def current(self) -> KeySet:
        keys = self._keys
        if keys is not None and time.monotonic() - self._fetched_at < self._max_age:
            return keys
        fresh = self._refresh(because_unknown_kid=False)
        if fresh is not None:
            return fresh
        if keys is not None:  # the provider is down: the keys we have still verify
            return keys
        raise IdentityError(ErrorCode.PROVIDER_UNREACHABLE)

    def after_unknown_kid(self) -> KeySet | None:
        return self._refresh(because_unknown_kid=True)


class Verifier:
    def __init__(self, provider: config.Provider) -> None:
        self.provider = provider
        self.keys = ProviderKeys(provider)
        self.reader = ClaimsReader(provider.issuer)
        self.algorithms = list(settings.OIDC_ID_TOKEN_ALGORITHMS)
        self.claims = jwt.JWTClaimsRegistry(
            leeway=settings.OIDC_LEEWAY_SECONDS,
            iss={"essential": True, "value": provider.issuer},
            aud={"essential": True, "value": provider.client_id},
            sub={"essential": True},
            exp={"essential": True},
            iat={"essential": True},
        )

    def _decode(self, token: str) -> jwt.Token:
        keys = self.keys.current()
        try:
            return jwt.decode(token, keys, algorithms=self.algorithms)
        except InvalidKeyIdError:
            # Fetched again now, or (rate-limited) as another request last fetched them.
            fresh = self.keys.after_unknown_kid() or self.keys.current()
            if fresh is keys:
                raise IdentityError(ErrorCode.UNKNOWN_KEY) from None
            try:
                return jwt.decode(token, fresh, algorithms=self.algorithms)
            except InvalidKeyIdError:
                raise IdentityError(ErrorCode.UNKNOWN_KEY) from None

    def claims_of(self, token: str) -> dict[str, Any]:
        try:
            decoded = self._decode(token)
            self.claims.validate(decoded.claims)
        except IdentityError:
            raise
        except (UnsupportedAlgorithmError, MissingAlgorithmError):
            raise IdentityError(ErrorCode.UNSUPPORTED_ALGORITHM) from None
        except BadSignatureError:
            raise IdentityError(ErrorCode.BAD_SIGNATURE) from None
        except ExpiredTokenError:
            raise IdentityError(ErrorCode.EXPIRED) from None
        except MissingClaimError:
            raise IdentityError(ErrorCode.MISSING_CLAIM) from None
        except ClaimError as exc:
            raise IdentityError(_CLAIM_ERRORS.get(exc.claim, ErrorCode.MALFORMED)) from None
        except (JoseError, ValueError, TypeError, UnicodeError, OverflowError):
            # Not base64url, not JSON, not an object, a key of the wrong type …
            raise IdentityError(ErrorCode.MALFORMED) from None
        claims = decoded.claims
        # OpenID Connect Core 3.1.3.7: with several audiences, we must be the authorised party.
        audience = claims["aud"]
        several = isinstance(audience, list) and len(audience) > 1
        if several and claims.get("azp") != self.provider.client_id:
            raise IdentityError(ErrorCode.WRONG_AUDIENCE)
        return claims


_CLAIM_ERRORS = {
    "iss": ErrorCode.WRONG_ISSUER,
    "aud": ErrorCode.WRONG_AUDIENCE,
    "iat": ErrorCode.NOT_YET_VALID,
    "nbf": ErrorCode.NOT_YET_VALID,
    "exp": ErrorCode.EXPIRED,
    "sub": ErrorCode.MISSING_CLAIM,
}

_verifier: list[Verifier] = []
_verifier_lock = threading.Lock()


def verifier() -> Verifier:
    provider = config.provider()
    if provider is None:
        raise IdentityError(ErrorCode.NOT_CONFIGURED)
    if not _verifier:
        with _verifier_lock:
            if not _verifier:
                _verifier.append(Verifier(provider))
    return _verifier[0]


def reset() -> None:
    with _verifier_lock:
        _verifier.clear()


def verify_identity_token(token: str) -> VerifiedPerson:
    """The person an ID token from the configured provider vouches for. Raises IdentityError
    (its ``reason`` an ``ErrorCode``): not_configured, provider_unreachable, malformed,
    bad_signature, unsupported_algorithm, unknown_key, expired, not_yet_valid, wrong_issuer,
    wrong_audience, missing_claim, unknown_province. Logs nothing about the person."""
    if (
        not isinstance(token, str)
        or not token
        or len(token) > MAX_TOKEN_LENGTH
        or token.count(".") != 2
        or not token.isascii()
    ):
        raise IdentityError(ErrorCode.MALFORMED)
    current = verifier()
    return current.reader.person(current.claims_of(token))
