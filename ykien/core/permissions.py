"""Permission predicates of the core app (django-rules), over "role at a unit"."""

from __future__ import annotations

from typing import Any

import rules
from django.utils.translation import gettext as _

from ykien.core.errors import PermissionDenied
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


# ---------------------------------------------------------------------------------------------
# The one permission policy (used by core.lifecycle and, in time, by every service).
#
# - A person is checked with ``user.has_perm(permission, obj)`` over the rules above; Django's
#   own policy applies to superusers: an active superuser holds every permission.
# - Jobs, the demo loader and commands act as ``SYSTEM``, an explicit actor that holds every
#   permission and is recorded in the audit log as "the system" (no person). ``None`` is never an
#   actor: passing it is a programming error, refused like an anonymous visitor.


class SystemActor:
    """The platform itself acting (a scheduled job, the demo loader, a command)."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_superuser = False
    is_staff = False
    pk = None
    id = None

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return True

    def __str__(self) -> str:
        return "system"

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = SystemActor()
Actor = Any  # a User, AnonymousUser or SYSTEM


def is_system(actor: Actor) -> bool:
    return actor is SYSTEM


def allows(actor: Actor, permission: str, obj: Any = None) -> bool:
    """Whether ``actor`` holds ``permission`` on ``obj`` (no exception)."""
    if actor is None:
        return False
    if is_system(actor):
        return True
    if not getattr(actor, "is_active", False):
        return False
    return bool(actor.has_perm(permission, obj))


def require(actor: Actor, permission: str, obj: Any = None) -> None:
    """Raise ``core.errors.PermissionDenied`` unless ``actor`` holds ``permission`` on ``obj``."""
    if not allows(actor, permission, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."), code="forbidden")
