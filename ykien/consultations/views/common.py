"""Helpers shared by the public, officer and respondent pages."""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest
from django.urls import reverse

from ykien.consultations import selectors
from ykien.consultations.models import Draft
from ykien.consultations.services import Participant
from ykien.core.models import User


def participant(request: HttpRequest) -> Participant:
    """The signed-in user, or the anonymous session (created on first use)."""
    if request.user.is_authenticated:
        return Participant.of_user(cast(User, request.user))
    if not request.session.session_key:
        request.session.save()
    return Participant.anonymous(cast(str, request.session.session_key))


def get_draft(pk: int, request: HttpRequest, perm: str) -> Draft:
    draft = selectors.draft_get(pk=pk)
    if draft is None:
        raise Http404
    if not request.user.has_perm(perm, draft):
        if perm == "consultations.view_draft":
            raise Http404  # an unpublished draft does not exist for the public
        raise DjangoPermissionDenied
    return draft


def comment_url(draft_id: int, comment_id: int) -> str:
    """A comment's own public page (what became of it): the one place a summary, a
    representative or a duplicate links to a comment. Not an anchor on its clause's page,
    which shows only the newest comments and would often land on the wrong page."""
    return reverse("consultations:comment_fate", args=[draft_id, comment_id])


def user(request: HttpRequest) -> User:
    return cast(User, request.user)


def staff_flags(request: HttpRequest, draft: Draft) -> dict[str, Any]:
    u = request.user
    return {
        "can_manage": u.has_perm("consultations.manage_draft", draft),
        "can_issue": u.has_perm("consultations.issue_document", draft),
        "can_answer": u.has_perm("consultations.answer_points", draft),
    }
