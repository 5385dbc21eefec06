"""Writing the audit log. Services call ``audit_record``; readers of confidential data call
``audit_confidential_read``. Both run inside the caller's transaction."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any

from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from ykien.core.errors import ValidationFailed
from ykien.core.models import AuditEvent, Unit, User

# Field names never copied into before/after snapshots (secrets, ciphertext).
REDACTED_FIELDS = frozenset({"password", "secret", "key", "token", "ciphertext"})


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, bytes | memoryview):
        return "<binary>"
    if isinstance(value, FieldFile):  # an empty file field has no url: keep the name (or None)
        return value.name or None
    return value


def snapshot(obj: models.Model | None, *, exclude: tuple[str, ...] = ()) -> dict[str, Any] | None:
    """A JSON-safe dict of a model's concrete fields, without secrets or ciphertext."""
    if obj is None:
        return None
    # model_to_dict would skip non-editable fields (a unit's path); read every concrete field.
    data = {f.name: f.value_from_object(obj) for f in obj._meta.concrete_fields}
    return {
        k: _jsonable(v)
        for k, v in data.items()
        if k not in exclude and not any(word in k for word in REDACTED_FIELDS)
    }


def audit_record(
    *,
    actor: User | None,
    action: str,
    obj: models.Model | None = None,
    unit: Unit | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
    ip: str | None = None,
) -> AuditEvent:
    """Write one audit event for a state change (call inside the service's transaction)."""
    changed_before, changed_after = before, after
    if before is not None and after is not None:
        keys = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
        changed_before = {k: before.get(k) for k in sorted(keys)}
        changed_after = {k: after.get(k) for k in sorted(keys)}
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        kind=AuditEvent.Kind.CHANGE,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        unit=unit,
        before=changed_before,
        after=changed_after,
        reason=reason,
        ip=ip,
    )


def audit_confidential_read(
    *,
    actor: User,
    obj: models.Model,
    fields: list[str],
    reason: str,
    unit: Unit | None = None,
    ip: str | None = None,
) -> AuditEvent:
    """Log a read of confidential personal data; a reason is required."""
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise ValidationFailed(
            _("Phải nêu lý do xem thông tin bảo mật (ít nhất 5 ký tự)."), field="reason"
        )
    return AuditEvent.objects.create(
        actor=actor,
        kind=AuditEvent.Kind.READ,
        action="confidential.read",
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=f"{obj._meta.verbose_name} #{obj.pk}",
        unit=unit,
        after={"fields": fields},
        reason=reason,
        ip=ip,
    )
