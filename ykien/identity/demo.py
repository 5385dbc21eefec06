"""The demo identity provider's data: its signing key (RS256, generated under var/ at first use),
its demo citizens, and ``mint_id_token`` — ID tokens signed with the demo key, for the benchmarks
and tests that send ballots as many distinct people without a browser. Demo only: nothing here
runs unless the demo provider is on (settings.IDENTITY_DEMO_PROVIDER)."""

from __future__ import annotations

import hashlib
import hmac
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

CLIENT_ID = "ykien-demo"
KEY_FILE = "identity_demo_oidc_key.pem"
ALGORITHM = "RS256"


@dataclass(frozen=True)
class DemoCitizen:
    """A citizen of the demo provider (fictional). ``sub`` is the provider's identifier."""

    sub: str
    name: str
    province_code: str
    birthdate: str  # YYYY-MM-DD
    gender: str  # "male" | "female"


CITIZENS = (
    DemoCitizen("demo-cong-dan-01", "Nguyễn Văn An", "01", "1990-05-14", "male"),
    DemoCitizen("demo-cong-dan-02", "Trần Thị Bích", "79", "1978-11-02", "female"),
    DemoCitizen("demo-cong-dan-03", "Lê Minh Châu", "86", "2004-03-20", "female"),
    DemoCitizen("demo-cong-dan-04", "Thạch Văn Sơn", "86", "1961-08-09", "male"),
    DemoCitizen("demo-cong-dan-05", "Phạm Thu Hà", "48", "1995-01-30", "female"),
    DemoCitizen("demo-cong-dan-06", "Giàng A Páo", "15", "1983-07-07", "male"),
    DemoCitizen("demo-cong-dan-07", "Đỗ Thị Hoa", "96", "1950-12-25", "female"),
)
BY_SUB = {citizen.sub: citizen for citizen in CITIZENS}

_lock = threading.Lock()
_key: list[RSAKey] = []


def require_demo() -> None:
    if not settings.IDENTITY_DEMO_PROVIDER:
        raise ImproperlyConfigured(
            "The demo identity provider is off (YKIEN_IDENTITY_DEMO_PROVIDER): its key signs "
            "nothing outside the demo, development and tests."
        )


def client_secret() -> str:
    """The demo client's secret at the demo provider, derived from the site's secret key."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, b"ykien.identity.demo-client", hashlib.sha256).hexdigest()


def _read_or_create_pem(path: Path) -> bytes:
    if path.exists():
        return path.read_bytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    # Written aside, then linked into place: two processes starting at once keep one key.
    temp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
    temp.write_bytes(pem)
    temp.chmod(0o600)
    try:
        os.link(temp, path)
    except FileExistsError:
        pass
    finally:
        temp.unlink()
    return path.read_bytes()


def private_key() -> RSAKey:
    """The demo provider's private signing key (generated under var/ at first use)."""
    require_demo()
    if not _key:
        with _lock:
            if not _key:
                pem = _read_or_create_pem(Path(settings.VAR_DIR) / KEY_FILE)
                key = RSAKey.import_key(pem)
                key.ensure_kid()  # the RFC 7638 thumbprint
                _key.append(key)
    return _key[0]


def public_key_set() -> KeySet:
    return KeySet([RSAKey.import_key(private_key().as_dict(private=False))])


def jwks() -> dict[str, Any]:
    """The public keys as the provider publishes them (JWKS)."""
    return dict(public_key_set().as_dict(private=False))


def reset() -> None:
    _key.clear()


def mint_id_token(
    sub: str,
    province: str,
    *,
    birthdate: str | None = None,
    gender: str | None = None,
    age_band: str | None = None,
    issuer: str | None = None,
    audience: str | None = None,
    expires_in: int = 3600,
    issued_at: int | None = None,
    nonce: str | None = None,
    extra: dict[str, Any] | None = None,
) -> str:
    """An ID token for ``sub`` signed with the demo provider's key, as the demo provider issues
    them: by default for the configured issuer and client (so verify_identity_token accepts it
    when the provider is the demo one). Demo only (ImproperlyConfigured otherwise)."""
    from ykien.identity import config

    require_demo()
    provider = config.provider()
    now = int(time.time()) if issued_at is None else issued_at
    claims: dict[str, Any] = {
        "iss": issuer or (provider.issuer if provider else config.demo_issuer(settings.SITE_URL)),
        "aud": audience or (provider.client_id if provider else CLIENT_ID),
        "sub": sub,
        "iat": now,
        "auth_time": now,
        "exp": now + expires_in,
        settings.OIDC_PROVINCE_CLAIM: province,
    }
    optional = {"birthdate": birthdate, "gender": gender, "age_band": age_band, "nonce": nonce}
    claims.update({name: value for name, value in optional.items() if value is not None})
    claims.update(extra or {})
    key = private_key()
    header = {"alg": ALGORITHM, "kid": key.kid, "typ": "JWT"}
    return jwt.encode(header, claims, key, algorithms=[ALGORITHM])


class Output(Protocol):
    def write(self, msg: str, /) -> Any: ...


def load(out: Output) -> None:
    """``ykien demo``: make the demo provider's key and list its citizens."""
    from ykien.identity import config

    if not settings.IDENTITY_DEMO_PROVIDER:
        return
    private_key()
    provider = config.provider()
    out.write(
        "   công dân trình diễn (đăng nhập bằng định danh điện tử, chọn tên, không cần mật khẩu)"
        " / demo citizens (national identity sign-in, pick a name, no password):"
    )
    for citizen in CITIZENS:
        out.write(
            f"     {citizen.name:<16} tỉnh/province {citizen.province_code} "
            f"{citizen.birthdate} {citizen.gender}"
        )
    if provider is not None and not provider.builtin_demo:
        out.write(f"   (OIDC_ISSUER={provider.issuer}: the demo provider is not the one in use)")
