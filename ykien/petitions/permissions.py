"""Who may do what with petitions (django-rules over "role at a unit").

| permission | who |
|---|---|
| ``petitions.view_petition`` | officers, handlers, leaders at a unit covering the petition's unit |
| ``petitions.record_intake`` (obj = a unit) | officers, handlers, leaders at a unit covering it; the head's office (citizen reception) |
| ``petitions.submit_petition`` | anyone: the public form and Open311 clients (intakes at a reception or by post need ``record_intake``) |
| ``petitions.handle_petition`` | handlers and leaders at a unit covering the petition's unit |
| ``petitions.rate_petition`` | only the holder of the petition's tracking code (:class:`TrackingCodeHolder`) |
| ``petitions.reveal_identity`` | a denunciation: only the assigned handler and a leader covering that handler's unit; other kinds: handlers and leaders covering the petition's unit |

Superusers follow the one policy of ``core.permissions`` (Django's: an active superuser holds every
permission) except for the two personal permissions declared below: seeing a protected sender
(Luật Tố cáo 2018, Điều 47: only those the rule names) and rating (only the sender). Jobs,
commands and the demo act as ``core.permissions.SYSTEM``.
"""

from __future__ import annotations

from typing import Any

import rules

from ykien.core.models import Role, User
from ykien.core.permissions import SecretHolder, has_role_at, personal
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

rules.add_perm("petitions.view_petition", is_petition_staff)
# The head's office records what citizens raise at its head's reception (ykien.reception).
rules.add_perm("petitions.record_intake", is_petition_staff | has_role_at(Role.HEAD_OFFICE))
rules.add_perm("petitions.submit_petition", rules.always_allow)
rules.add_perm("petitions.handle_petition", is_handler_or_leader)
# A person never rates through a role: the sender rates, known by the tracking code.
rules.add_perm("petitions.rate_petition", rules.always_deny)
rules.add_perm("petitions.reveal_identity", can_reveal)
personal("petitions.reveal_identity", "petitions.rate_petition")


class TrackingCodeHolder(SecretHolder):
    """The sender, known only by the tracking code they typed (no account): the actor of the
    rating step of that one petition. Recorded as no person in the history and the audit log."""

    permission = "petitions.rate_petition"

    def __init__(self, petition: Any) -> None:
        super().__init__(petition.pk)

    def __str__(self) -> str:
        return "code holder"
