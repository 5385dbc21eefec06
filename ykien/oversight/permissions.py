"""Who may do what in supervision (django-rules predicates over "role at a unit").

| permission | who |
|---|---|
| ``oversight.view_activity`` | staff (officer, handler, leader, unit admin) at the running front committee (or above) |
| ``oversight.manage_activity`` | officer or leader at the running front committee (or above) |
| ``oversight.confirm_short_notice`` | leader at the running front committee (or above) |
| ``oversight.manage_programme`` | officer or leader at the programme's unit; ``agree_programme``: leader |
| ``oversight.countersign`` | officer or leader at the commune front committee over the board |
| ``oversight.issue_recommendation`` | officer or leader at the front committee running the activity (or above) |
| ``oversight.answer`` | respondent at the addressee unit (personal: not a superuser as such) |
| ``oversight.follow_up`` | manage_activity of the recommendation's activity, or officer/leader at the front it was escalated to |
| ``oversight.view_feedback_inbox`` | officer, handler or leader at a front committee |
| ``oversight.view_feedback`` | officer, handler or leader at the front committee the feedback was routed to (or above) |
| ``oversight.handle_feedback`` | change its status: the handler assigned to it, or a leader there (or above) |
| ``oversight.assign_feedback`` | leader there |
| ``oversight.reveal_feedback_sender`` | the assigned handler, or a leader over that handler (the petitions app's denouncer rule) |
"""

from __future__ import annotations

from typing import Any

import rules

from ykien.core.models import Role, Unit, UnitKind, User
from ykien.core.permissions import allows, has_role_at, personal
from ykien.core.selectors import role_grants_valid, user_has_role_at, user_scope_unit_ids
from ykien.petitions import permissions as petition_rules

FRONT_ROLES = (Role.OFFICER.value, Role.LEADER.value)
# Who works on Regulation 124 feedback at a front committee: the inbox (a list) and each item are
# decided by these roles alone, so that whoever may open an item finds it in the inbox.
FEEDBACK_ROLES = (Role.OFFICER.value, Role.HANDLER.value, Role.LEADER.value)


def _at(user: User, unit: Unit | None, roles: tuple[str, ...]) -> bool:
    if unit is None or not user.is_authenticated:
        return False
    return user_has_role_at(user=user, unit=unit, roles=roles)


@rules.predicate
def is_activity_manager(user: User, activity: Any) -> bool:
    return activity is not None and _at(user, activity.unit, FRONT_ROLES)


@rules.predicate
def is_activity_staff(user: User, activity: Any) -> bool:
    return activity is not None and _at(user, activity.unit, tuple(Role.staff()))


@rules.predicate
def is_activity_leader(user: User, activity: Any) -> bool:
    return activity is not None and _at(user, activity.unit, (Role.LEADER.value,))


@rules.predicate
def is_board_front(user: User, recommendation: Any) -> bool:
    board = recommendation.activity.board if recommendation is not None else None
    return board is not None and _at(user, board.parent, FRONT_ROLES)


@rules.predicate
def is_addressee_respondent(user: User, recommendation: Any) -> bool:
    return recommendation is not None and _at(
        user, recommendation.addressee, (Role.RESPONDENT.value,)
    )


@rules.predicate
def is_recommendation_manager(user: User, recommendation: Any) -> bool:
    return recommendation is not None and _at(user, recommendation.activity.unit, FRONT_ROLES)


@rules.predicate
def is_escalation_front(user: User, recommendation: Any) -> bool:
    return (
        recommendation is not None
        and recommendation.escalated_to_id is not None
        and _at(user, recommendation.escalated_to, FRONT_ROLES)
    )


@rules.predicate
def is_recommendation_staff(user: User, recommendation: Any) -> bool:
    return recommendation is not None and _at(
        user, recommendation.activity.unit, tuple(Role.staff())
    )


@rules.predicate
def is_feedback_staff(user: User, feedback: Any) -> bool:
    return feedback is not None and _at(user, feedback.front, FEEDBACK_ROLES)


@rules.predicate
def works_at_a_front(user: User) -> bool:
    """Holds one of the feedback roles at a front committee (feedback is routed only to those)."""
    return bool(
        user.is_authenticated
        and role_grants_valid(user=user, roles=FEEDBACK_ROLES)
        .filter(unit__kind=UnitKind.FRONT)
        .exists()
    )


@rules.predicate
def is_feedback_leader(user: User, feedback: Any) -> bool:
    return feedback is not None and _at(user, feedback.front, (Role.LEADER.value,))


@rules.predicate
def is_assigned_feedback_handler(user: User, feedback: Any) -> bool:
    """The handler a leader gave the feedback to, while still a handler at its front committee."""
    return (
        feedback is not None
        and feedback.handler_id is not None
        and feedback.handler_id == user.pk
        and _at(user, feedback.front, (Role.HANDLER.value,))
    )


front_member = has_role_at(*FRONT_ROLES)
front_leader = has_role_at(Role.LEADER.value)

# Superusers: the one policy of ``core.permissions`` (an active superuser holds every permission,
# except the personal ones below), so no rule here names them.
rules.add_perm("oversight.view_activity", is_activity_staff)
rules.add_perm("oversight.manage_activity", is_activity_manager)
rules.add_perm("oversight.confirm_short_notice", is_activity_leader)
rules.add_perm("oversight.manage_programme", front_member)
rules.add_perm("oversight.agree_programme", front_leader)
rules.add_perm("oversight.countersign", is_board_front)
rules.add_perm("oversight.issue_recommendation", is_recommendation_manager)
rules.add_perm("oversight.answer", is_addressee_respondent)
rules.add_perm("oversight.follow_up", is_recommendation_manager | is_escalation_front)
rules.add_perm(
    "oversight.view_recommendation",
    is_recommendation_staff | is_escalation_front | is_addressee_respondent,
)
# Regulation 124 feedback. The sender is protected exactly as a denouncer: the petitions app's own
# predicates (the assigned handler; a leader over that handler) decide; superusers never see it.
rules.add_perm("oversight.view_feedback_inbox", works_at_a_front)
rules.add_perm("oversight.view_feedback", is_feedback_staff)
# Only the assigned handler (or a leader) moves an item: another officer of the front committee
# may read it but not change it (the lifecycle's status edges name this permission).
rules.add_perm("oversight.handle_feedback", is_assigned_feedback_handler | is_feedback_leader)
rules.add_perm("oversight.assign_feedback", is_feedback_leader)
rules.add_perm(
    "oversight.reveal_feedback_sender",
    petition_rules.is_assigned_handler | petition_rules.leads_the_handler,
)

# Answering for a unit and seeing a protected sender belong to the people the rule names: a
# superuser holds them only when named (``core.permissions.personal``).
personal("oversight.answer", "oversight.reveal_feedback_sender")


def can_answer(user: User, recommendation: Any) -> bool:
    return allows(user, "oversight.answer", recommendation)


def can_reveal_feedback_sender(user: User, feedback: Any) -> bool:
    return bool(
        user.is_authenticated
        and (
            petition_rules.is_assigned_handler(user, feedback)
            or petition_rules.leads_the_handler(user, feedback)
        )
    )


def feedback_scope_unit_ids(user: User) -> set[int] | None:
    """The front committees whose feedback ``user`` may open (``oversight.view_feedback``):
    the subtrees of the units where they hold a feedback role; ``None`` for a superuser (all)."""
    if user.is_superuser:
        return None
    if not user.is_authenticated:
        return set()
    return user_scope_unit_ids(user=user, roles=FEEDBACK_ROLES)
