"""Who may do what with petitions (django-rules over "role at a unit").

| permission | who |
|---|---|
| ``petitions.view_petition`` | officers, handlers, leaders at a unit covering the petition's unit; superusers |
| ``petitions.record_intake`` (obj = a unit) | officers, handlers, leaders at a unit covering it; superusers |
| ``petitions.handle_petition`` | handlers and leaders at a unit covering the petition's unit |
| ``petitions.reveal_identity`` | a denunciation: only the assigned handler and a leader covering that handler's unit; other kinds: handlers and leaders covering the petition's unit |
| ``petitions.manage_apikeys`` | superusers |

Superusers can see and route petitions but never reveal an identity.
"""

from __future__ import annotations

from typing import Any

import rules

from ykien.core.models import Role, User
from ykien.core.permissions import has_role_at, is_superuser
from ykien.core.selectors import role_grants_valid, unit_governing_ids, user_has_role_at

is_petition_staff = has_role_at(Role.OFFICER, Role.HANDLER, Role.LEADER)
is_handler_or_leader = has_role_at(Role.HANDLER, Role.LEADER)


@rules.predicate
def is_assigned_handler(user: User, petition: Any) -> bool:
    if petition is None or petition.handler_id is None or petition.handler_id != user.pk:
        return False
    return user_has_role_at(user=user, unit=petition.unit, roles=[Role.HANDLER])


@rules.predicate
def leads_the_handler(user: User, petition: Any) -> bool:
    """A leader at a unit covering the petition's unit and one of its handler's units."""
    if petition is None or petition.handler_id is None or not user.is_authenticated:
        return False
    if not user_has_role_at(user=user, unit=petition.unit, roles=[Role.LEADER]):
        return False
    leader_unit_ids = set(
        role_grants_valid(user=user, roles=[Role.LEADER]).values_list("unit_id", flat=True)
    )
    for grant in role_grants_valid(user=petition.handler, roles=[Role.HANDLER]):
        if leader_unit_ids & unit_governing_ids(unit=grant.unit):
            return True
    return False


@rules.predicate
def is_protected_denunciation(user: User, petition: Any) -> bool:
    return petition is not None and "denunciation" in (petition.kind, petition.submitted_kind)


can_reveal = (is_protected_denunciation & (is_assigned_handler | leads_the_handler)) | (
    ~is_protected_denunciation & is_handler_or_leader
)

rules.add_perm("petitions.view_petition", is_superuser | is_petition_staff)
rules.add_perm("petitions.record_intake", is_superuser | is_petition_staff)
rules.add_perm("petitions.handle_petition", is_handler_or_leader)
rules.add_perm("petitions.reveal_identity", can_reveal)
rules.add_perm("petitions.manage_apikeys", is_superuser)


def can(user: Any, perm: str, obj: Any = None) -> bool:
    """Evaluate a petitions rule as written. Unlike ``User.has_perm``, a superuser gets no
    shortcut: only the rule decides (a superuser may view, never handle or reveal)."""
    return bool(user is not None and user.is_active and rules.has_perm(perm, user, obj))
