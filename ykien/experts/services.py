"""Writes of the expert roster."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from ykien.core.audit import audit_change, snapshot
from ykien.core.errors import PermissionDenied, ValidationFailed
from ykien.core.lists import fold_for_search
from ykien.core.models import Unit
from ykien.core.permissions import Actor, allows
from ykien.core.selectors import today
from ykien.core.text import nfc
from ykien.core.validation import check_email, normalise_phone
from ykien.experts.codes import AuditAction
from ykien.experts.models import Expert

#: Fields of an entry never copied into the audit log: the folded copy for the roster's search.
NOT_AUDITED = ("search_text",)

EDITABLE = (
    "full_name",
    "title",
    "kind",
    "fields",
    "organisation",
    "community",
    "community_consent",
    "email",
    "phone",
    "consent_contact",
    "active",
    "note",
)


def _nfc(value: Any) -> Any:
    return nfc(value).strip() if isinstance(value, str) else value


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    cleaned = {k: _nfc(v) for k, v in data.items() if k in EDITABLE}
    if "fields" in cleaned:
        parts = [p.strip() for p in str(cleaned["fields"]).split(",")]
        cleaned["fields"] = ", ".join(p for p in parts if p)
    if not cleaned.get("community_consent"):
        # Without consent the community is not kept at all.
        cleaned["community"] = ""
    if "kind" in cleaned and cleaned["kind"] not in Expert.Kind.values:
        raise ValidationFailed(_("Thành phần không hợp lệ."), field="kind")
    # The address invitations are sent to, and the phone, checked as for a petition's sender
    # (the phone kept as digits: "0294 3 855 246" → "02943855246").
    if "email" in cleaned:
        cleaned["email"] = check_email(cleaned["email"] or "")
    if "phone" in cleaned:
        cleaned["phone"] = normalise_phone(cleaned["phone"] or "")
    return cleaned


def _check(actor: Actor, unit: Unit) -> None:
    """The one permission policy (``core.permissions``): a person holding the rule, or
    ``SYSTEM`` (the demo, a command); ``None`` is refused."""
    if not allows(actor, "experts.manage_expert", unit):
        raise PermissionDenied(_("Bạn không có quyền quản lý danh sách chuyên gia của đơn vị này."))


def _save(expert: Expert) -> None:
    expert.search_text = fold_for_search(expert.full_name, expert.organisation, expert.fields)
    expert.save()


@transaction.atomic
def expert_create(*, actor: Actor, unit: Unit, data: dict[str, Any]) -> Expert:
    """Add a person to ``unit``'s roster. Raises ``PermissionDenied``, ``ValidationFailed``."""
    _check(actor, unit)
    cleaned = _clean(data)
    if not cleaned.get("full_name") or not cleaned.get("fields"):
        raise ValidationFailed(_("Họ tên và lĩnh vực là bắt buộc."), field="full_name")
    expert = Expert(unit=unit, **cleaned)
    if expert.consent_contact:
        expert.consent_date = today()
    _save(expert)
    audit_change(actor=actor, action=AuditAction.CREATE, obj=expert, unit=unit, exclude=NOT_AUDITED)
    return expert


@transaction.atomic
def expert_update(*, actor: Actor, expert: Expert, data: dict[str, Any]) -> Expert:
    """Change a roster entry; consent given now is dated today, consent withdrawn is cleared."""
    _check(actor, expert.unit)
    before = snapshot(expert, exclude=NOT_AUDITED)
    cleaned = _clean(data)
    had_consent = expert.consent_contact
    for key, value in cleaned.items():
        setattr(expert, key, value)
    if expert.consent_contact and not had_consent:
        expert.consent_date = today()
    if not expert.consent_contact:
        expert.consent_date = None
    _save(expert)
    audit_change(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=expert,
        unit=expert.unit,
        before=before,
        exclude=NOT_AUDITED,
    )
    return expert


@transaction.atomic
def expert_record_participation(*, expert_id: int, on: dt.date) -> None:
    """Count one answered invitation (called by the consultations app)."""
    Expert.objects.filter(pk=expert_id).update(
        participation_count=F("participation_count") + 1, last_participation=on
    )
