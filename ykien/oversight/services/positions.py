"""Officials' positions in units (named by recommendations and Regulation 124 feedback) and the
members of the people's inspection and investment supervision boards."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from ykien.core.audit import audit_change
from ykien.core.errors import PermissionDenied, ValidationFailed
from ykien.core.models import Unit
from ykien.core.permissions import Actor, require
from ykien.oversight.codes import AuditAction, ErrorCode
from ykien.oversight.models import Activity, BoardMember, OfficialPosition
from ykien.oversight.services._common import BOARD_KINDS, day_or_today, required_text


@transaction.atomic
def position_create(*, actor: Actor, unit: Unit, title: str) -> OfficialPosition:
    """Add an official's position in a unit (used by recommendations and Regulation 124)."""
    require(actor, "oversight.manage_activity", Activity(unit=unit))
    title = required_text(title, field="title", what=_("Chức danh"))
    position, created = OfficialPosition.objects.get_or_create(unit=unit, title=title)
    if created:
        audit_change(actor=actor, action=AuditAction.POSITION_CREATE, obj=position, unit=unit)
    return position


@transaction.atomic
def board_member_add(
    *,
    actor: Actor,
    board: Unit,
    full_name: str,
    position: str = BoardMember.Position.MEMBER,
    note: str = "",
    valid_from: dt.date | None = None,
) -> BoardMember:
    """Add a member to a board; officers of the commune front committee over it manage it."""
    if board.kind not in BOARD_KINDS:
        raise ValidationFailed(_("Đơn vị không phải là một Ban."), code=ErrorCode.NOT_BOARD)
    if board.parent is None:
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    require(actor, "oversight.manage_activity", Activity(unit=board.parent))
    if position not in BoardMember.Position.values:
        raise ValidationFailed(_("Chức danh không hợp lệ."), field="position")
    member = BoardMember.objects.create(
        board=board,
        full_name=required_text(full_name, field="full_name", what=_("Họ và tên")),
        position=position,
        note=note.strip(),
        valid_from=day_or_today(valid_from),
    )
    audit_change(actor=actor, action=AuditAction.BOARD_MEMBER_ADD, obj=member, unit=board)
    return member
