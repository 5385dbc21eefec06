"""Who may set up, open and close the national mode of a draft (django-rules over "role at a
unit"): officers, leaders and unit administrators of a front committee at the national level
(``UnitLevel.CENTRAL``) that covers the draft's receiving unit; superusers by Django's policy
(``core.permissions``). Casting a ballot needs no permission of a person: it needs a verified
identity (``ykien.identity``), checked by the ballot service."""

from __future__ import annotations

from typing import Any

import rules

from ykien.core.models import Role, Unit, UnitKind, UnitLevel, User
from ykien.core.selectors import user_has_role_at

MANAGE = "national.manage"


def _draft_of(obj: Any) -> Any:
    if obj is None:
        return None
    if hasattr(obj, "drafting_unit_id"):
        return obj
    return getattr(obj, "draft", None)


@rules.predicate
def is_national_front_staff(user: User, obj: Any = None) -> bool:
    """An officer, leader or unit administrator of a national-level front committee covering
    the draft's receiving unit (on no object: of any national-level front committee)."""
    if not user.is_authenticated:
        return False
    roles = (Role.OFFICER, Role.LEADER, Role.ADMIN)
    draft = _draft_of(obj)
    if draft is None:
        return any(
            user_has_role_at(user=user, unit=unit, roles=roles)
            for unit in Unit.objects.filter(level=UnitLevel.CENTRAL, kind=UnitKind.FRONT)
        )
    unit = draft.unit
    return bool(
        unit.level == UnitLevel.CENTRAL
        and unit.kind == UnitKind.FRONT
        and user_has_role_at(user=user, unit=unit, roles=roles)
    )


rules.add_perm(MANAGE, is_national_front_staff)
