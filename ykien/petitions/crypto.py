"""Application-level encryption of senders' personal data (names, ID numbers, contacts,
signature and handwriting images).

Keys come from the environment: ``YKIEN_PII_KEYS`` is a comma-separated list of Fernet keys
(``Fernet.generate_key()``); the first key encrypts, every key decrypts, so a key can be rotated
by putting a new key first and running ``ykien petitions rotate-keys`` (which re-encrypts every
stored identity and file, and recomputes the sender hashes), then removing the old key.

When the variable is absent and the site runs in DEBUG, under tests or as the demo, a key is
generated once into ``var/pii_keys`` (mode 0600), like the demo's secret key; in production the
absence is a configuration error.

Plaintext never leaves this module except as a :class:`SenderIdentity`, whose ``repr`` hides its
values (so a traceback, a debug page or a log line shows ``SenderIdentity(<ẩn>)``).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import unicodedata
from dataclasses import asdict, dataclass, fields
from functools import lru_cache
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.views.decorators.debug import sensitive_variables

ENV_VAR = "YKIEN_PII_KEYS"
DEMO_KEY_FILE = "pii_keys"


@dataclass(frozen=True)
class SenderIdentity:
    """Who sent a petition. Every field is personal data; ``repr`` and ``str`` never show it."""

    name: str = ""
    id_number: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""

    def __repr__(self) -> str:
        return "SenderIdentity(<ẩn>)"

    __str__ = __repr__

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self))

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> SenderIdentity:
        data = json.loads(raw.decode())
        return cls(**{f.name: str(data.get(f.name, "")) for f in fields(cls)})


def _demo_allowed() -> bool:
    demo = os.environ.get("YKIEN_DEMO", "").strip().lower() in {"1", "true", "yes", "on"}
    return bool(settings.DEBUG or getattr(settings, "TESTING", False) or demo)


def _raw_keys() -> str:
    value = os.environ.get(ENV_VAR, "").strip()
    if value:
        return value
    if not _demo_allowed():
        raise ImproperlyConfigured(
            f"{ENV_VAR} must be set when DEBUG is off (comma-separated Fernet keys; "
            "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')."
        )
    var_dir = Path(settings.VAR_DIR)
    var_dir.mkdir(parents=True, exist_ok=True)
    path = var_dir / DEMO_KEY_FILE
    if not path.exists():
        path.write_text(Fernet.generate_key().decode())
        path.chmod(0o600)
    return path.read_text().strip()


@lru_cache(maxsize=4)
def _ring(raw: str) -> tuple[MultiFernet, bytes]:
    keys = [k.strip() for k in raw.split(",") if k.strip()]
    try:
        fernets = [Fernet(k.encode()) for k in keys]
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(f"{ENV_VAR}: not a valid Fernet key list") from exc
    if not fernets:
        raise ImproperlyConfigured(f"{ENV_VAR} is empty")
    # The matching hash uses a key derived from the primary key, never the key itself.
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"ykien-sender-hash")
    hash_key = hkdf.derive(keys[0].encode())
    return MultiFernet(fernets), hash_key


def _keyring() -> tuple[MultiFernet, bytes]:
    return _ring(_raw_keys())


def key_count() -> int:
    return len([k for k in _raw_keys().split(",") if k.strip()])


def encrypt_bytes(data: bytes) -> bytes:
    return _keyring()[0].encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    try:
        return _keyring()[0].decrypt(token)
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            f"Cannot decrypt with the keys in {ENV_VAR}: was a key removed too early?"
        ) from exc


def rotate_bytes(token: bytes) -> bytes:
    """Re-encrypt ``token`` with the primary key (it may have been made with an older one)."""
    return _keyring()[0].rotate(token)


@sensitive_variables()
def encrypt_identity(identity: SenderIdentity) -> str:
    return encrypt_bytes(identity.to_json()).decode()


@sensitive_variables()
def decrypt_identity(ciphertext: str) -> SenderIdentity:
    if not ciphertext:
        return SenderIdentity()
    return SenderIdentity.from_json(decrypt_bytes(ciphertext.encode()))


@sensitive_variables()
def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFD", text.strip().lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("đ", "d")
    return " ".join(text.split())


@sensitive_variables()
def sender_hash(identity: SenderIdentity) -> str:
    """A keyed hash (HMAC-SHA256) of the normalised name and ID number — or, without an ID
    number, of the name and the first contact — used to match "the same sender" without
    decrypting. Empty for an anonymous sender."""
    name = _normalise(identity.name)
    if not name:
        return ""
    second = "".join(ch for ch in identity.id_number if ch.isdigit())
    if not second:
        second = _normalise(identity.phone or identity.email or identity.address)
        second = "".join(ch for ch in second if ch.isalnum() or ch == "@")
    if not second:
        return ""
    message = f"{name}|{second}".encode()
    return hmac.new(_keyring()[1], message, hashlib.sha256).hexdigest()
