"""Writes of the core domain. Each service checks the actor's permission
(``core.permissions.require``: a person, or ``SYSTEM`` for the demo, commands and jobs; never
``None``) and its input, changes state in one transaction and leaves an audit event."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ykien.core.audit import audit_change, audit_record, snapshot
from ykien.core.codes import AuditAction, ErrorCode
from ykien.core.errors import ValidationFailed
from ykien.core.models import (
    DeadlineRule,
    HolidayOverride,
    Role,
    RoleGrant,
    Unit,
    UnitKind,
    UnitLevel,
    UnitSuccession,
    User,
)
from ykien.core.permissions import Actor, is_system, require


def _check_dates(valid_from: dt.date, valid_to: dt.date | None, *, what: str) -> None:
    if valid_to is not None and valid_to < valid_from:
        raise ValidationFailed(
            _("%(what)s: ngày kết thúc (%(end)s) trước ngày bắt đầu (%(start)s).")
            % {
                "what": what,
                "end": valid_to.strftime("%d/%m/%Y"),
                "start": valid_from.strftime("%d/%m/%Y"),
            },
            code=ErrorCode.END_BEFORE_START,
            field="valid_to",
        )


def _set_path(unit: Unit) -> None:
    parent = unit.parent
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.depth = (parent.depth + 1) if parent else 0


@transaction.atomic
def unit_create(
    *,
    actor: Actor,
    code: str,
    name: str,
    level: str,
    kind: str,
    parent: Unit | None = None,
    valid_from: dt.date = dt.date(1945, 9, 2),
    valid_to: dt.date | None = None,
    admin_code: str = "",
    short_name: str = "",
    lat: Any = None,
    lng: Any = None,
) -> Unit:
    """Create a unit under ``parent`` (``core.manage_unit`` there; a unit at the top of the tree:
    ``core.manage_top_unit``), optionally with its place on the map (``lat``, ``lng``). Raises
    ``PermissionDenied``, or ``ValidationFailed`` for a duplicate code, an unknown level or kind,
    an end before the start, or half a point."""
    if parent is None:
        require(actor, "core.manage_top_unit")
    else:
        require(actor, "core.manage_unit", parent)
    code = code.strip()
    if not code or not name.strip():
        raise ValidationFailed(_("Mã và tên đơn vị là bắt buộc."), code=ErrorCode.REQUIRED)
    if level not in UnitLevel.values:
        raise ValidationFailed(
            _("Cấp đơn vị không hợp lệ: %(v)s") % {"v": level}, code=ErrorCode.INVALID_LEVEL
        )
    if kind not in UnitKind.values:
        raise ValidationFailed(
            _("Loại đơn vị không hợp lệ: %(v)s") % {"v": kind}, code=ErrorCode.INVALID_KIND
        )
    _check_dates(valid_from, valid_to, what=_("Đơn vị"))
    _check_point(lat, lng)
    if Unit.objects.filter(code=code).exists():
        raise ValidationFailed(
            _("Mã đơn vị “%(code)s” đã tồn tại.") % {"code": code}, code=ErrorCode.DUPLICATE_CODE
        )
    unit = Unit(
        code=code,
        name=name.strip(),
        short_name=short_name,
        level=level,
        kind=kind,
        parent=parent,
        valid_from=valid_from,
        valid_to=valid_to,
        admin_code=admin_code,
        lat=lat,
        lng=lng,
    )
    unit.save()
    _set_path(unit)
    unit.save(update_fields=["path", "depth"])
    audit_change(actor=actor, action=AuditAction.UNIT_CREATE, obj=unit, unit=unit)
    return unit


@transaction.atomic
def unit_move(*, actor: Actor, unit: Unit, parent: Unit | None) -> Unit:
    """Put ``unit`` (and its subtree) under ``parent`` (``core.manage_unit`` on both; no parent:
    ``core.manage_top_unit``). A unit cannot become its own ancestor."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    require(actor, "core.manage_unit", unit)
    if parent is None:
        require(actor, "core.manage_top_unit")
    else:
        parent = Unit.objects.get(pk=parent.pk)
        require(actor, "core.manage_unit", parent)
        if parent.pk == unit.pk or parent.path.startswith(unit.path):
            raise ValidationFailed(
                _("Không thể đặt “%(unit)s” dưới chính nó hoặc đơn vị cấp dưới của nó.")
                % {"unit": unit.name},
                code=ErrorCode.CYCLE,
                field="parent",
            )
    before = snapshot(unit)
    old_path, old_depth = unit.path, unit.depth
    unit.parent = parent
    _set_path(unit)
    unit.save(update_fields=["parent", "path", "depth"])
    delta = unit.depth - old_depth
    for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk):
        child.path = unit.path + child.path[len(old_path) :]
        child.depth = child.depth + delta
        child.save(update_fields=["path", "depth"])
    audit_change(actor=actor, action=AuditAction.UNIT_MOVE, obj=unit, unit=unit, before=before)
    return unit


@transaction.atomic
def unit_update(*, actor: Actor, unit: Unit, **fields: Any) -> Unit:
    """Change a unit's name, short name, codes, dates or place on the map (``lat``, ``lng``: both
    or neither; use ``unit_move`` for the parent);
    ``core.manage_unit`` on the unit."""
    require(actor, "core.manage_unit", unit)
    allowed = {
        "name",
        "short_name",
        "admin_code",
        "valid_from",
        "valid_to",
        "email",
        "address",
        "kind",
        "level",
        "lat",
        "lng",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationFailed(
            _("Trường không được phép sửa: %(f)s") % {"f": ", ".join(sorted(unknown))},
            code=ErrorCode.INVALID,
        )
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    before = snapshot(unit)
    for key, value in fields.items():
        setattr(unit, key, value)
    _check_dates(unit.valid_from, unit.valid_to, what=_("Đơn vị"))
    _check_point(unit.lat, unit.lng)
    unit.save()
    audit_change(actor=actor, action=AuditAction.UNIT_UPDATE, obj=unit, unit=unit, before=before)
    return unit


def _check_point(lat: Any, lng: Any) -> None:
    """Both coordinates or neither, each within its range (WGS84 degrees)."""
    if lat is None and lng is None:
        return
    if lat is None or lng is None or not (-90 <= lat <= 90 and -180 <= lng <= 180):
        raise ValidationFailed(
            _("Tọa độ không hợp lệ: cần cả vĩ độ (-90 đến 90) và kinh độ (-180 đến 180)."),
            code=ErrorCode.INVALID,
            field="lat",
        )


@transaction.atomic
def unit_merge(
    *,
    actor: Actor,
    predecessors: list[Unit],
    successor: Unit,
    effective: dt.date,
    basis: str = "",
) -> list[UnitSuccession]:
    """Record that ``predecessors`` were merged into ``successor`` on ``effective``
    (``core.manage_unit`` on each of them): each predecessor stops the day before (unless it
    already stopped earlier) and gets a link."""
    require(actor, "core.manage_unit", successor)
    for pred in predecessors:
        require(actor, "core.manage_unit", pred)
    if not predecessors:
        raise ValidationFailed(_("Cần ít nhất một đơn vị được sáp nhập."), code=ErrorCode.REQUIRED)
    links = []
    for pred in predecessors:
        if pred.pk == successor.pk:
            raise ValidationFailed(
                _("Một đơn vị không thể sáp nhập vào chính nó."), code=ErrorCode.CYCLE
            )
        before = snapshot(pred)
        end = effective - dt.timedelta(days=1)
        if pred.valid_to is None or pred.valid_to > end:
            pred.valid_to = end
            _check_dates(pred.valid_from, pred.valid_to, what=pred.name)
            pred.save(update_fields=["valid_to"])
        link, _created = UnitSuccession.objects.get_or_create(
            predecessor=pred, successor=successor, defaults={"effective": effective, "basis": basis}
        )
        links.append(link)
        audit_record(
            actor=actor,
            action=AuditAction.UNIT_MERGE,
            obj=pred,
            unit=pred,
            before=before,
            after={**(snapshot(pred) or {}), "successor": successor.pk},
        )
    return links


@transaction.atomic
def role_grant(
    *,
    actor: Actor,
    user: User,
    unit: Unit,
    role: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    note: str = "",
) -> RoleGrant:
    """Grant ``role`` at ``unit`` (valid for its subtree) from ``valid_from`` to ``valid_to``;
    ``core.grant_role`` on the unit."""
    require(actor, "core.grant_role", unit)
    if role not in Role.values:
        raise ValidationFailed(
            _("Vai trò không hợp lệ: %(v)s") % {"v": role},
            code=ErrorCode.INVALID_ROLE,
            field="role",
        )
    _check_dates(valid_from, valid_to, what=_("Phân quyền"))
    grant = RoleGrant.objects.create(
        user=user,
        unit=unit,
        role=role,
        valid_from=valid_from,
        valid_to=valid_to,
        granted_by=None if is_system(actor) else actor,
        note=note,
    )
    audit_change(actor=actor, action=AuditAction.ROLE_GRANT, obj=grant, unit=unit)
    return grant


@transaction.atomic
def role_revoke(*, actor: Actor, grant: RoleGrant, on: dt.date) -> RoleGrant:
    """End a grant on ``on`` (the last day it is valid); ``core.grant_role`` on its unit."""
    grant = RoleGrant.objects.select_for_update().get(pk=grant.pk)
    require(actor, "core.grant_role", grant.unit)
    before = snapshot(grant)
    _check_dates(grant.valid_from, on, what=_("Phân quyền"))
    grant.valid_to = on
    grant.save(update_fields=["valid_to"])
    audit_change(
        actor=actor, action=AuditAction.ROLE_REVOKE, obj=grant, unit=grant.unit, before=before
    )
    return grant


@transaction.atomic
def holiday_override_set(
    *, actor: Actor, date: dt.date, kind: str, name: str, basis: str = ""
) -> HolidayOverride:
    """Declare a compensatory day off or a working Saturday the government announced
    (``core.manage_calendar``)."""
    require(actor, "core.manage_calendar")
    if kind not in HolidayOverride.Kind.values:
        raise ValidationFailed(_("Loại ngày không hợp lệ."), code=ErrorCode.INVALID_KIND)
    obj, created = HolidayOverride.objects.get_or_create(
        date=date, defaults={"kind": kind, "name": name, "basis": basis}
    )
    before = None if created else snapshot(obj)
    if not created:
        obj.kind, obj.name, obj.basis = kind, name, basis
        obj.save()
    audit_change(actor=actor, action=AuditAction.CALENDAR_OVERRIDE, obj=obj, before=before)
    return obj


@transaction.atomic
def deadline_rule_set(
    *,
    actor: Actor,
    code: str,
    name: str,
    length: int,
    counting: str,
    legal_basis: str,
    direction: str = DeadlineRule.Direction.AFTER,
    variants: dict[str, int] | None = None,
    valid_from: dt.date = dt.date(2000, 1, 1),
    note: str = "",
) -> DeadlineRule:
    """Create or replace the version of a rule that applies from ``valid_from`` (the previous
    version, if any, ends the day before) — how an administrator follows a change in the law
    (``core.manage_calendar``)."""
    require(actor, "core.manage_calendar")
    if length <= 0:
        raise ValidationFailed(_("Thời hạn phải là số ngày dương."), code=ErrorCode.INVALID_LENGTH)
    if (
        counting not in DeadlineRule.Counting.values
        or direction not in DeadlineRule.Direction.values
    ):
        raise ValidationFailed(
            _("Cách tính thời hạn không hợp lệ."), code=ErrorCode.INVALID_COUNTING
        )
    if not legal_basis.strip():
        raise ValidationFailed(
            _("Phải nêu căn cứ pháp lý."), code=ErrorCode.REQUIRED, field="legal_basis"
        )
    previous = (
        DeadlineRule.objects.select_for_update()
        .filter(code=code, valid_from__lt=valid_from, valid_to__isnull=True)
        .first()
    )
    if previous is not None:
        previous.valid_to = valid_from - dt.timedelta(days=1)
        previous.save(update_fields=["valid_to"])
    rule, created = DeadlineRule.objects.get_or_create(
        code=code,
        valid_from=valid_from,
        defaults={
            "name": name,
            "length": length,
            "counting": counting,
            "direction": direction,
            "variants": variants or {},
            "legal_basis": legal_basis,
            "note": note,
        },
    )
    before = None if created else snapshot(rule)
    if not created:
        rule.name, rule.length, rule.counting, rule.direction = name, length, counting, direction
        rule.variants, rule.legal_basis, rule.note = variants or {}, legal_basis, note
        rule.save()
    audit_change(actor=actor, action=AuditAction.CALENDAR_RULE, obj=rule, before=before)
    return rule


def _otp_wait_error(locked_until: dt.datetime) -> ValidationFailed:
    seconds = max(1, math.ceil((locked_until - timezone.now()).total_seconds()))
    return ValidationFailed(
        ngettext(
            "Bạn đã nhập sai mã; vui lòng chờ %(seconds)d giây rồi thử lại.",
            "Bạn đã nhập sai mã; vui lòng chờ %(seconds)d giây rồi thử lại.",
            seconds,
        )
        % {"seconds": seconds},
        code=ErrorCode.OTP_THROTTLED,
        field="token",
    )


def otp_match(*, user: User, token: str) -> Any:
    """The confirmed device of ``user`` (authenticator app or backup codes) that accepts
    ``token``. The wait after a wrong code is the user's, over all their devices: while any
    device still waits (django-otp: 1, 2, 4 … seconds after its failures) no device is asked,
    so no code is taken before the longest wait has ended. A wrong code is counted by every
    device that checked it; a right one ends the wait of every device of the user.

    Side effects: django-otp's failure counters (kept, also when this raises; all reset on
    success), a used backup code is spent. Errors: ``ValidationFailed`` ``otp_throttled`` (the
    message says how many seconds are left) while a device waits; ``bad_token`` when every
    device checked the code and refused it.
    """
    from django_otp import devices_for_user
    from django_otp.models import ThrottlingMixin

    with transaction.atomic():
        devices = list(devices_for_user(user, confirmed=None, for_verify=True))
        waits: list[dt.datetime] = []
        for device in devices:
            allowed, info = device.verify_is_allowed()
            if device.confirmed and not allowed and (info or {}).get("locked_until"):
                waits.append(info["locked_until"])
        if not waits:
            for device in devices:
                if device.confirmed and device.verify_token(token):
                    for other in devices:
                        if isinstance(other, ThrottlingMixin) and other.throttling_failure_count:
                            other.throttle_reset()
                    return device
    # Raised outside the transaction: the failure counters of this attempt stay.
    if waits:
        raise _otp_wait_error(max(waits))
    raise ValidationFailed(
        _("Mã xác thực không đúng hoặc đã hết hạn."), code=ErrorCode.BAD_TOKEN, field="token"
    )


@transaction.atomic
def otp_device_confirm(*, actor: User, device: Any, token: str) -> Any:
    """Confirm a new TOTP device with a code from the authenticator app."""
    if device.user_id != actor.pk:
        raise ValidationFailed(
            _("Thiết bị không thuộc về tài khoản này."), code=ErrorCode.FORBIDDEN
        )
    if not device.verify_token(token):
        raise ValidationFailed(
            _("Mã xác thực không đúng hoặc đã hết hạn."), code=ErrorCode.BAD_TOKEN, field="token"
        )
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(actor=actor, action=AuditAction.OTP_ENABLE, obj=actor, after={"device": device.pk})
    return device
