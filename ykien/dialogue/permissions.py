"""Who may do what in direct dialogues (django-rules predicates over "role at a unit").

| permission | who |
|---|---|
| ``dialogue.manage`` | officer or leader at the organising front committee (or above): plan, announce, open and close questions, hold the session, record answers and commitments, escalate, close |
| ``dialogue.issue_minutes`` | leader at the organising front committee (or above): signs the minutes |
| ``dialogue.answer_commitment`` | the head's office or a respondent at the addressee unit (personal: not a superuser as such) |
| ``dialogue.follow_up`` | ``dialogue.manage`` of the commitment's dialogue, or officer/leader at the front it was escalated to |
"""

from __future__ import annotations

from typing import Any

import rules

from ykien.core.models import Role, Unit, User
from ykien.core.permissions import personal
from ykien.core.selectors import user_has_role_at

FRONT_ROLES = (Role.OFFICER.value, Role.LEADER.value)
ANSWER_ROLES = (Role.HEAD_OFFICE.value, Role.RESPONDENT.value)


def _at(user: User, unit: Unit | None, roles: tuple[str, ...]) -> bool:
    if unit is None or not user.is_authenticated:
        return False
    return user_has_role_at(user=user, unit=unit, roles=roles)


def _dialogue(obj: Any) -> Any:
    """The dialogue of a dialogue, a question or a commitment."""
    return getattr(obj, "dialogue", obj)


@rules.predicate
def is_organiser(user: User, obj: Any) -> bool:
    return obj is not None and _at(user, _dialogue(obj).unit, FRONT_ROLES)


@rules.predicate
def is_organiser_leader(user: User, obj: Any) -> bool:
    return obj is not None and _at(user, _dialogue(obj).unit, (Role.LEADER.value,))


@rules.predicate
def is_addressee_office(user: User, commitment: Any) -> bool:
    return commitment is not None and _at(user, commitment.addressee, ANSWER_ROLES)


@rules.predicate
def is_escalation_front(user: User, commitment: Any) -> bool:
    return (
        commitment is not None
        and getattr(commitment, "escalated_to_id", None) is not None
        and _at(user, commitment.escalated_to, FRONT_ROLES)
    )


@rules.predicate
def works_at_a_front(user: User) -> bool:
    from ykien.dialogue.selectors import front_units_for

    return bool(user.is_authenticated and front_units_for(user=user))


rules.add_perm("dialogue.manage", is_organiser)
rules.add_perm("dialogue.issue_minutes", is_organiser_leader)
rules.add_perm("dialogue.answer_commitment", is_addressee_office)
rules.add_perm("dialogue.follow_up", is_organiser | is_escalation_front)
rules.add_perm("dialogue.view_desk", works_at_a_front)

# Answering for a body is done in one's own name: a superuser holds it only when named.
personal("dialogue.answer_commitment")
