"""Permission predicates of the core app (django-rules), over "role at a unit"."""

from __future__ import annotations

from typing import Any

import rules
from django.utils.translation import gettext as _

from ykien.core.codes import ErrorCode
from ykien.core.errors import PermissionDenied
from ykien.core.models import Role, Unit, User
from ykien.core.selectors import holds_role, user_has_role_at


def has_role_at(*roles: str) -> Any:
    """A predicate true when the user holds one of ``roles`` at a unit covering the object's unit.

    The object may be a ``Unit`` or anything with a ``unit`` attribute.
    """

    @rules.predicate(name=f"has_role_at({','.join(roles)})")
    def predicate(user: User, obj: Any = None) -> bool:
        if obj is None:
            return holds_role(user=user, roles=roles)
        unit = obj if isinstance(obj, Unit) else getattr(obj, "unit", None)
        if unit is None:
            return False
        return user_has_role_at(user=user, unit=unit, roles=roles)

    return predicate


is_superuser = rules.is_superuser
is_staff_member = has_role_at(*Role.staff())
is_unit_admin = has_role_at(Role.ADMIN)

# A respondent and a head's office hold no Front role but have work here (answers, the log).
rules.add_perm(
    "core.view_workspace",
    is_superuser | is_staff_member | has_role_at(Role.RESPONDENT, Role.HEAD_OFFICE),
)
rules.add_perm("core.view_unit", is_superuser | is_staff_member)
rules.add_perm("core.view_audit", is_superuser | has_role_at(Role.LEADER, Role.ADMIN))
rules.add_perm("core.manage_unit", is_superuser | is_unit_admin)
rules.add_perm("core.grant_role", is_superuser | is_unit_admin)
# Units at the top of the tree, the holiday calendar and the deadline rules are the platform's,
# not a unit's: only a superuser (or the system) sets them.
rules.add_perm("core.manage_top_unit", is_superuser)
rules.add_perm("core.manage_calendar", is_superuser)


@rules.predicate
def is_key_owner(user: User, key: Any = None) -> bool:
    return bool(
        key is not None
        and user.is_authenticated
        and key.kind == "personal"
        and key.user_id == user.pk
    )


# API keys (core.apikeys): a person revokes their own personal keys; application keys (Open311)
# are made and revoked by nobody but superusers (Django's policy) and the system.
rules.add_perm("core.revoke_apikey", is_key_owner)
rules.add_perm("core.manage_application_keys", rules.always_deny)


# ---------------------------------------------------------------------------------------------
# The one permission policy (used by core.lifecycle and, in time, by every service).
#
# - A person is checked with ``user.has_perm(permission, obj)`` over the rules above; Django's
#   own policy applies to superusers: an active superuser holds every permission.
# - Jobs, the demo loader and commands act as ``SYSTEM``, an explicit actor that holds every
#   permission and is recorded in the audit log as "the system" (no person). ``None`` is never an
#   actor: passing it is a programming error, refused like an anonymous visitor.
# - The one exception, declared by the app that owns the permission (``personal(...)``): acts a
#   person does in their own name (the addressee's respondent answering for their unit; the
#   handler seeing a protected sender, Luật Tố cáo 2018, Điều 47) are held only by those the rule
#   names, never by a superuser for being one.


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


def person(actor: Actor) -> User | None:
    """The person to record as the author, creator or mover of a row: the actor when it is a
    signed-in user; ``None`` for the system, an anonymous visitor or someone acting through a
    link or a tracking code."""
    return actor if isinstance(actor, User) and actor.is_authenticated else None


class SecretHolder:
    """Someone without an account who holds one secret of one record (a personal link, a tracking
    code), already checked by the service that found the record by it: holds ``permission`` on
    that record and nothing else, and is recorded as no person. An app subclasses it, naming the
    permission."""

    permission = ""
    is_authenticated = False
    is_anonymous = True
    is_active = True
    is_superuser = False
    is_staff = False
    pk = None
    id = None

    def __init__(self, record_id: Any) -> None:
        self.record_id = record_id

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        pk = getattr(obj, "pk", None)
        return perm == self.permission and pk is not None and pk == self.record_id

    def __repr__(self) -> str:
        return f"{type(self).__name__}(#{self.record_id})"


_PERSONAL: set[str] = set()


def personal(*permissions: str) -> None:
    """Declare ``permissions`` personal: only their rule decides, a superuser gets no shortcut."""
    _PERSONAL.update(permissions)


def allows(actor: Actor, permission: str, obj: Any = None) -> bool:
    """Whether ``actor`` holds ``permission`` on ``obj`` (no exception)."""
    if actor is None:
        return False
    if is_system(actor):
        return True
    if not getattr(actor, "is_active", False):
        return False
    if permission in _PERSONAL and getattr(actor, "is_superuser", False):
        return bool(rules.has_perm(permission, actor, obj))  # the rule decides, no shortcut
    return bool(actor.has_perm(permission, obj))


def require(actor: Actor, permission: str, obj: Any = None) -> None:
    """Raise ``core.errors.PermissionDenied`` unless ``actor`` holds ``permission`` on ``obj``."""
    if not allows(actor, permission, obj):
        raise PermissionDenied(
            _("Bạn không có quyền thực hiện thao tác này."), code=ErrorCode.FORBIDDEN
        )
