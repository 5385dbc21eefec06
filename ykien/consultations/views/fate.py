"""Public pages of what became of the comments: one comment's chain (its points, the answers,
its clause in the latest version) and a draft's "you said — we did", clause by clause."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from ykien.consultations import selectors
from ykien.consultations.models import CommentStatus, Draft
from ykien.consultations.selectors_fate import comment_for_fate
from ykien.consultations.services import Participant
from ykien.consultations.views.common import get_draft

VIEW = "consultations.view_draft"


def _public_draft(request: HttpRequest, pk: int) -> Draft:
    draft = get_draft(pk, request, VIEW)
    if not draft.is_public:
        raise Http404
    return draft


def _is_author(request: HttpRequest, participant: str) -> bool:
    """Whether the comment's author (``participant``, "u:<id>" or "a:<hash>") is the visitor:
    the signed-in user, or the anonymous session that posted it (no session is created)."""
    if request.user.is_authenticated:
        return participant == f"u:{request.user.pk}"
    key = request.session.session_key
    return key is not None and Participant.anonymous(key).key == participant


def comment_fate(request: HttpRequest, pk: int, comment_id: int) -> HttpResponse:
    """What became of one comment. A comment not visible (held after readers' reports, or hidden
    by an officer) does not exist for anyone but its author, who sees why."""
    draft = _public_draft(request, pk)
    comment = comment_for_fate(draft=draft, pk=comment_id)
    if comment is None:
        raise Http404
    own = _is_author(request, comment.participant)
    if comment.status != CommentStatus.VISIBLE and not own:
        raise Http404
    fate = selectors.comment_fate(comment)
    return render(
        request,
        "consultations/comment_fate.html",
        {"draft": draft, "c": comment, "fate": fate, "own": own},
    )


def you_said(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft's "you said — we did": every clause commented on, the points, the answers and
    what changed in its text."""
    draft = _public_draft(request, pk)
    return render(
        request,
        "consultations/you_said.html",
        {"draft": draft, "result": selectors.you_said(draft=draft)},
    )
