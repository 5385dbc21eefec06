"""API keys, one system for the whole platform (``core.models.ApiKey``):

- a person's **personal key** for the REST API (``Authorization: Bearer yk_…``) acts as that
  person; they make and revoke their own keys on their account page;
- an **application key** for Open311 (``api_key=yk_…``) lets an application send petitions,
  which go to the key's unit; ``ykien apikey create NAME --unit CODE`` makes one (superusers and
  the system only).

The key is shown once; only its SHA-256 is kept, so a key is checked by hashing what is sent.
Keys made before there was one system (personal tokens of the consultations app, Open311
clients of the petitions app) were moved here with their hashes and stay valid.
"""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ykien.core import prepared
from ykien.core.audit import audit_change, snapshot
from ykien.core.codes import AuditAction, ErrorCode
from ykien.core.errors import PermissionDenied, ValidationFailed
from ykien.core.models import ApiKey, Unit, User
from ykien.core.permissions import Actor, allows, is_system, require
from ykien.core.text import clean_text

PREFIX = "yk_"
MAX_LENGTH = 100  # longer input is not a key: refused without hashing
SNAPSHOT_EXCLUDE = ("digest",)  # the audit log keeps the prefix, never the key's hash


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _new_raw() -> str:
    return PREFIX + secrets.token_urlsafe(32)


@transaction.atomic
def apikey_create(*, actor: Actor, name: str, unit: Unit | None = None) -> tuple[ApiKey, str]:
    """Make a key and return it with its raw value (shown once, never stored).

    Without ``unit``: a personal key of ``actor``, who must be a signed-in person. With
    ``unit``: an application key whose Open311 requests go to ``unit``; needs
    ``core.manage_application_keys``, and its name must be new. Audited (``apikey.create``).
    Raises ``PermissionDenied`` or ``ValidationFailed``."""
    if unit is None:
        if not isinstance(actor, User) or not actor.is_authenticated:
            raise PermissionDenied(_("Hãy đăng nhập để tạo khóa API."), code=ErrorCode.FORBIDDEN)
        name = clean_text(name, field="name", label=_("Tên khóa"), required=True, limit=100)
        kind, owner = ApiKey.Kind.PERSONAL, actor
    else:
        require(actor, "core.manage_application_keys", unit)
        name = clean_text(name, field="name", label=_("Tên ứng dụng"), required=True, limit=120)
        if ApiKey.objects.filter(kind=ApiKey.Kind.APPLICATION, name=name).exists():
            raise ValidationFailed(
                _("Đã có ứng dụng tên “%(n)s”.") % {"n": name},
                code=ErrorCode.DUPLICATE,
                field="name",
            )
        kind, owner = ApiKey.Kind.APPLICATION, None
    raw = _new_raw()
    person = None if is_system(actor) else actor
    key = ApiKey.objects.create(
        kind=kind,
        name=name,
        prefix=raw[len(PREFIX) : len(PREFIX) + 8],
        digest=digest(raw),
        user=owner,
        unit=unit,
        created_by=person,
    )
    audit_change(
        actor=person, action=AuditAction.APIKEY_CREATE, obj=key, unit=unit, exclude=SNAPSHOT_EXCLUDE
    )
    return key, raw


@transaction.atomic
def apikey_revoke(*, actor: Actor, key: ApiKey) -> ApiKey:
    """Stop accepting ``key`` (it stays listed, marked revoked): a personal key by its owner, an
    application key by whoever may manage them (superusers, the system). Revoking twice changes
    nothing. Audited (``apikey.revoke``). Raises ``PermissionDenied``."""
    permission = (
        "core.revoke_apikey" if key.kind == ApiKey.Kind.PERSONAL else "core.manage_application_keys"
    )
    if not allows(actor, permission, key):
        raise PermissionDenied(
            _("Đây không phải khóa API của bạn.")
            if key.kind == ApiKey.Kind.PERSONAL
            else _("Bạn không có quyền thực hiện thao tác này."),
            code=ErrorCode.FORBIDDEN,
        )
    key = ApiKey.objects.select_for_update().get(pk=key.pk)
    if key.revoked_at is None:
        before = snapshot(key, exclude=SNAPSHOT_EXCLUDE)
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
        audit_change(
            actor=actor,
            action=AuditAction.APIKEY_REVOKE,
            obj=key,
            unit=key.unit,
            before=before,
            exclude=SNAPSHOT_EXCLUDE,
        )
    return key


def application_key(*, raw: str) -> ApiKey | None:
    """The active application key ``raw`` is, or ``None`` (its last use is recorded)."""
    if not raw or len(raw) > MAX_LENGTH:
        return None
    key = (
        ApiKey.objects.select_related("unit")
        .filter(kind=ApiKey.Kind.APPLICATION, digest=digest(raw), revoked_at__isnull=True)
        .first()
    )
    if key is not None:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=timezone.now())
    return key


# The busiest read of the API (every comment sent with a token): one indexed statement, prepared
# on PostgreSQL (ADR 0004). Table and column names come from the models.
_PERSONAL_LOOKUP = (
    "SELECT u.id, u.kind FROM {key} k JOIN {user} u ON u.id = k.user_id "
    "WHERE k.digest = %s AND k.kind = %s AND k.revoked_at IS NULL AND u.is_active = %s"
)


def personal_key_owner(*, raw: str) -> tuple[int, str] | None:
    """``(user id, user kind)`` of the active person whose active personal key ``raw`` is, or
    ``None``. The last use is not recorded (this runs on every API write)."""
    if not raw or len(raw) > MAX_LENGTH:
        return None
    from django.db import connection

    quote = connection.ops.quote_name
    sql = _PERSONAL_LOOKUP.format(key=quote(ApiKey._meta.db_table), user=quote(User._meta.db_table))
    with prepared.cursor() as cursor:
        cursor.execute(sql, [digest(raw), ApiKey.Kind.PERSONAL.value, True])
        row = cursor.fetchone()
    return None if row is None else (row[0], row[1])


def personal_keys(*, user: User) -> QuerySet[ApiKey]:
    """``user``'s personal keys, the newest first (revoked ones too)."""
    return ApiKey.objects.filter(kind=ApiKey.Kind.PERSONAL, user=user).order_by("-created_at")


def application_keys() -> QuerySet[ApiKey]:
    return (
        ApiKey.objects.filter(kind=ApiKey.Kind.APPLICATION).select_related("unit").order_by("name")
    )
