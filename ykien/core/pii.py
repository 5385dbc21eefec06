"""Personal data kept confidential: application-level encryption of senders' identities and files,
key rotation, and the reveal-with-reason that logs every read (used by petitions and by oversight's
Regulation 124 feedback alike).

Keys come from the environment: ``YKIEN_PII_KEYS`` is a comma-separated list of Fernet keys
(``Fernet.generate_key()``); the first key encrypts, every key decrypts, so a key is rotated by
putting a new key first and running ``ykien pii rotate-keys`` (which runs every app's registered
re-encryption, see ``register_rotation``), then removing the old key.

When the variable is absent and the site runs in DEBUG, under tests or as the demo, a key is
generated once into ``var/pii_keys`` (mode 0600), like the demo's secret key; in production the
absence is a configuration error.

Plaintext never leaves this module except as a :class:`SenderIdentity`, whose ``repr`` hides its
values (so a traceback, a debug page or a log line shows ``SenderIdentity(<ẩn>)``), and views that
handle identities wear :func:`confidential` so even a DEBUG error page hides them.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from functools import lru_cache, wraps
from pathlib import Path
from typing import Any, TypeVar

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.debug import SafeExceptionReporterFilter
from django.views.decorators.debug import sensitive_variables

from ykien.core.audit import audit_confidential_read, audit_record, register_detail_labels
from ykien.core.codes import AuditAction, ErrorCode
from ykien.core.errors import PermissionDenied
from ykien.core.permissions import Actor, allows, is_system

ENV_VAR = "YKIEN_PII_KEYS"
DEMO_KEY_FILE = "pii_keys"
# The fields of an identity, as ``audit_confidential_read`` lists them (labelled in core.codes).
IDENTITY_FIELDS = ("name", "id_number", "phone", "email", "address")

T = TypeVar("T")


@dataclass(frozen=True)
class SenderIdentity:
    """Who sent a petition or a feedback. Every field is personal data; ``repr`` and ``str``
    never show it."""

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


# --- keys and encryption ---------------------------------------------------------------------


def _demo_allowed() -> bool:
    return bool(settings.DEBUG or settings.TESTING or settings.DEMO)


def _raw_keys() -> str:
    value = settings.PII_KEYS
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


@sensitive_variables("identity")
def confidential_sender_store(*, identity: SenderIdentity) -> tuple[str, str]:
    """Encrypt an identity for storage: (``*_ciphertext`` value, sender hash); ("", "") for an
    anonymous sender."""
    if identity.is_empty:
        return "", ""
    return encrypt_identity(identity), sender_hash(identity)


@sensitive_variables()
def confidential_sender_read(*, ciphertext: str) -> SenderIdentity:
    """Decrypt what :func:`confidential_sender_store` returned, with no check and no log: for
    re-encryption only. A person reads an identity through :func:`sender_reveal`."""
    return decrypt_identity(ciphertext)


# --- reveal with a reason ----------------------------------------------------------------------


@sensitive_variables()
def confidential_read(
    *,
    actor: Actor,
    permission: str,
    obj: models.Model,
    fields: list[str],
    reason: str,
    read: Callable[[], T],
    unit: Any = None,
    ip: str | None = None,
    denied: Any = None,
) -> T:
    """Let ``actor`` read confidential data of ``obj`` (``read()`` decrypts it) once they hold
    ``permission`` on ``obj`` and give a reason (at least 5 characters); the read is logged in
    the audit log (``confidential.read``: who, what ``fields``, why, from where) in the same
    transaction. Raises ``PermissionDenied`` (with the message ``denied``, when given) or
    ``ValidationFailed`` (reason), reading nothing. Only a person reads: never ``SYSTEM``."""
    if is_system(actor) or not allows(actor, permission, obj):
        raise PermissionDenied(
            denied or _("Bạn không có quyền xem thông tin này."), code=ErrorCode.FORBIDDEN
        )
    with transaction.atomic():
        audit_confidential_read(
            actor=actor, obj=obj, fields=fields, reason=reason, unit=unit, ip=ip
        )
        return read()


@sensitive_variables()
def sender_reveal(
    *,
    actor: Actor,
    permission: str,
    obj: models.Model,
    ciphertext: str,
    reason: str,
    unit: Any = None,
    ip: str | None = None,
    denied: Any = None,
) -> SenderIdentity:
    """Decrypt the sender of ``obj`` (stored as ``ciphertext``) for ``actor``: the rules of
    :func:`confidential_read`, the identity's fields logged as read."""
    return confidential_read(
        actor=actor,
        permission=permission,
        obj=obj,
        fields=list(IDENTITY_FIELDS),
        reason=reason,
        read=lambda: decrypt_identity(ciphertext),
        unit=unit,
        ip=ip,
        denied=denied,
    )


@sensitive_variables()
def system_sender_read(
    *, obj: models.Model, ciphertext: str, fields: list[str], reason: str, unit: Any = None
) -> SenderIdentity:
    """Decrypt the sender of ``obj`` for a check the platform makes itself, never shown to a
    person (comparing an e-mail a citizen typed with the one stored, to attach a petition to
    their account): logged as a read by the system (no person) with its ``reason`` and the
    ``fields`` compared. The caller shows nothing of the identity."""
    with transaction.atomic():
        audit_confidential_read(actor=None, obj=obj, fields=fields, reason=reason, unit=unit)
        return decrypt_identity(ciphertext)


@sensitive_variables("read")
def own_identity(*, obj: models.Model, ciphertext: str, reason: str, unit: Any) -> dict[str, str]:
    """The sender's identity stored with ``obj``, for the personal data download of the person
    it belongs to: read by the platform for them (``system_sender_read``, logged with
    ``reason``), never shown to staff. Empty when nothing is stored."""
    if not ciphertext:
        return {}
    read = system_sender_read(
        obj=obj, ciphertext=ciphertext, fields=list(IDENTITY_FIELDS), reason=reason, unit=unit
    )
    return {name: getattr(read, name) for name in IDENTITY_FIELDS}


# --- key rotation ------------------------------------------------------------------------------

# name → function that re-encrypts an app's rows with the primary key and returns how many.
_ROTATIONS: dict[str, Callable[[], int]] = {}
_ROTATION_LABELS: dict[str, Any] = {}


def register_rotation(name: str, hook: Callable[[], int], *, label: Any = None) -> None:
    """An app that stores encrypted personal data registers, from its ``ready()``, a function
    that re-encrypts it with the primary key (and recomputes its hashes), so that one
    ``ykien pii rotate-keys`` covers every store. ``label`` names its count in the audit log."""
    _ROTATIONS[name] = hook
    if label is not None:
        _ROTATION_LABELS[name] = label
        register_detail_labels({name: label}, actions=["pii.rotate_keys"])


@sensitive_variables()
def rotate_keys() -> dict[str, int]:
    """Re-encrypt everything stored with the primary key (run after putting a new key first in
    ``YKIEN_PII_KEYS``; the old key can be removed afterwards). Returns the count of each
    registered store; the run is audited as the system's."""
    counts = {name: hook() for name, hook in _ROTATIONS.items()}
    audit_record(actor=None, action=AuditAction.PII_ROTATE_KEYS, after=counts)
    return counts


def rotation_label(name: str) -> str:
    """What the count of the store ``name`` counts, in the active language."""
    return str(_ROTATION_LABELS.get(name, name))


# --- error pages -------------------------------------------------------------------------------


class ConfidentialReporterFilter(SafeExceptionReporterFilter):
    """Django cleanses ``sensitive_variables`` and ``sensitive_post_parameters`` only when DEBUG
    is off; this filter cleanses them always."""

    def is_active(self, request: HttpRequest | None) -> bool:
        return True


def confidential(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Keep senders' data out of error reports even with DEBUG on (the technical 500 page of a
    developer machine or a demo): for views that handle identities."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        request.exception_reporter_filter = ConfidentialReporterFilter()  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapper
