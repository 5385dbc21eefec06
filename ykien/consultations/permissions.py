"""Who may do what with a draft (django-rules over "role at a unit").

* officers and leaders of the front committee that received the draft (or of a unit covering
  it, or of the unit it became after a merger) run the consultation;
* only a leader there issues the critique document;
* a respondent (``Role.RESPONDENT``) of the drafting unit answers the critique points;
* everyone reads a published draft and may comment and vote while it is open;
* an invited expert, who has no account, acts through the personal link: ``LinkHolder``.

The object of every rule but "register" may be the draft or any record of it (a version, a
comment, a statement, a point, the document, an invitation): the rule reads its draft. Superusers
follow Django's policy (an active superuser holds every permission), written once in
``core.permissions``.
"""

from __future__ import annotations

from typing import Any

import rules

from ykien.core.models import Role, Unit, User
from ykien.core.permissions import SecretHolder, has_role_at
from ykien.core.selectors import user_has_role_at

MANAGE = "consultations.manage_draft"
ISSUE = "consultations.issue_document"
ANSWER = "consultations.answer_points"
#: Reports of readers hold a comment for review: the platform acts, no person holds this.
HOLD = "consultations.hold_comment"
#: Open and answer an invitation: only the holder of its personal link (``LinkHolder``).
USE_LINK = "consultations.use_invitation_link"


def draft_of(obj: Any) -> Any:
    """The draft a record belongs to (the draft itself for a draft; ``None`` for anything
    else, such as a unit)."""
    if obj is None or isinstance(obj, Unit):
        return None
    if hasattr(obj, "drafting_unit_id"):
        return obj
    return getattr(obj, "draft", None)


def _at_draft_unit(*roles: str) -> Any:
    """A role at the unit that received the draft (or a unit covering it, or its successor);
    on a unit (registering a draft), a role at that unit."""
    at_unit = has_role_at(*roles)

    @rules.predicate(name=f"at_draft_unit({','.join(roles)})")
    def predicate(user: User, obj: Any = None) -> bool:
        if obj is None or isinstance(obj, Unit):
            return bool(at_unit(user, obj))  # no object: a role anywhere (a menu, a list)
        draft = draft_of(obj)
        return draft is not None and bool(at_unit(user, draft))

    return predicate


is_draft_staff = _at_draft_unit(Role.OFFICER, Role.LEADER)
is_draft_leader = _at_draft_unit(Role.LEADER)


@rules.predicate
def is_respondent(user: User, obj: Any = None) -> bool:
    """A respondent at the drafting unit (or the unit it became)."""
    unit = getattr(draft_of(obj), "drafting_unit", None)
    if unit is None:
        return False
    return user_has_role_at(user=user, unit=unit, roles=[Role.RESPONDENT])


@rules.predicate
def is_public(user: User, obj: Any = None) -> bool:
    return bool(getattr(draft_of(obj), "is_public", False))


@rules.predicate
def is_issued(user: User, obj: Any = None) -> bool:
    draft = draft_of(obj)
    document = getattr(draft, "document", None) if draft is not None else None
    return bool(document is not None and document.status == "issued")


class LinkHolder(SecretHolder):
    """Whoever holds an invitation's personal link (``LinkHolder(invitation.pk)``): may open and
    answer that invitation, nothing else. No person is recorded (the expert has no account); the
    audit names the invitation."""

    permission = USE_LINK


# The object of "register" is the receiving unit; of every other rule, the draft or a record of it.
rules.add_perm("consultations.register_draft", is_draft_staff)
rules.add_perm(MANAGE, is_draft_staff)
rules.add_perm(ISSUE, is_draft_leader)
rules.add_perm(ANSWER, is_respondent)
rules.add_perm(HOLD, rules.always_deny)
rules.add_perm(USE_LINK, rules.always_deny)
rules.add_perm("consultations.view_draft", is_public | is_draft_staff)
rules.add_perm(
    "consultations.view_document", is_draft_staff | (is_issued & (is_respondent | is_public))
)
