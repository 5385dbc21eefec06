"""Who may do what with a draft (django-rules over "role at a unit").

* officers and leaders of the front committee that received the draft (or of a unit covering
  it, or of the unit it became after a merger) run the consultation;
* only a leader there issues the critique document;
* a respondent (``Role.RESPONDENT``) of the drafting unit answers the critique points;
* everyone reads a published draft and may comment and vote while it is open.
"""

from __future__ import annotations

from typing import Any

import rules

from ykien.core.models import Role, User
from ykien.core.permissions import has_role_at, is_superuser
from ykien.core.selectors import user_has_role_at

is_draft_staff = has_role_at(Role.OFFICER, Role.LEADER)
is_draft_leader = has_role_at(Role.LEADER)


@rules.predicate
def is_respondent(user: User, draft: Any = None) -> bool:
    """A respondent at the drafting unit (or the unit it became)."""
    if draft is None:
        return False
    unit = getattr(draft, "drafting_unit", None)
    if unit is None:
        return False
    return user_has_role_at(user=user, unit=unit, roles=[Role.RESPONDENT])


@rules.predicate
def is_public(user: User, draft: Any = None) -> bool:
    return bool(draft is not None and getattr(draft, "is_public", False))


@rules.predicate
def is_issued(user: User, draft: Any = None) -> bool:
    document = getattr(draft, "document", None) if draft is not None else None
    return bool(document is not None and document.status == "issued")


# The object of "register" is the receiving unit; of every other rule, the draft.
rules.add_perm("consultations.register_draft", is_superuser | is_draft_staff)
rules.add_perm("consultations.manage_draft", is_superuser | is_draft_staff)
rules.add_perm("consultations.issue_document", is_superuser | is_draft_leader)
rules.add_perm("consultations.answer_points", is_superuser | is_respondent)
rules.add_perm("consultations.view_draft", is_public | is_superuser | is_draft_staff)
rules.add_perm(
    "consultations.view_document",
    is_superuser | is_draft_staff | (is_issued & (is_respondent | is_public)),
)
