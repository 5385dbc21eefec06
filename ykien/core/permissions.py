"""Permission predicates of the core app (django-rules), over "role at a unit"."""

from __future__ import annotations

from typing import Any

import rules

from ykien.core.models import Role, Unit, User
from ykien.core.selectors import role_grants_valid, user_has_role_at


def has_role_at(*roles: str) -> Any:
    """A predicate true when the user holds one of ``roles`` at a unit covering the object's unit.

    The object may be a ``Unit`` or anything with a ``unit`` attribute.
    """

    @rules.predicate(name=f"has_role_at({','.join(roles)})")
    def predicate(user: User, obj: Any = None) -> bool:
        if obj is None:
            return bool(
                user.is_authenticated and role_grants_valid(user=user, roles=roles).exists()
            )
        unit = obj if isinstance(obj, Unit) else getattr(obj, "unit", None)
        if unit is None:
            return False
        return user_has_role_at(user=user, unit=unit, roles=roles)

    return predicate


is_superuser = rules.is_superuser
is_staff_member = has_role_at(*Role.staff())
is_unit_admin = has_role_at(Role.ADMIN)

rules.add_perm("core.view_workspace", is_superuser | is_staff_member | has_role_at(Role.RESPONDENT))
rules.add_perm("core.view_unit", is_superuser | is_staff_member)
rules.add_perm("core.view_audit", is_superuser | has_role_at(Role.LEADER, Role.ADMIN))
rules.add_perm("core.manage_unit", is_superuser | is_unit_admin)
rules.add_perm("core.grant_role", is_superuser | is_unit_admin)
