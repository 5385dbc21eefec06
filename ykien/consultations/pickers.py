"""The comment picker of a draft (``core.pickers``): a critique point names the comments it
rests on by picking them — by number or by words of what they say — never by typing numbers."""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest, HttpResponse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ykien.consultations import selectors
from ykien.consultations.models import Comment, Draft
from ykien.core import pickers
from ykien.core.models import User
from ykien.core.views_pickers import forbidden

MANAGE = "consultations.manage_draft"
#: Words are looked for among this many of the draft's latest visible comments.
SCAN_LATEST = 5000


def _where(comment: Comment) -> str:
    return comment.node.label_text if comment.node is not None else _("ý kiến chung")


def describe(comment: Comment) -> pickers.Suggestion:
    said = comment.proposed_wording or comment.reasons
    return pickers.Suggestion(
        comment.pk,
        f"#{comment.pk} — {Truncator(said).chars(90)}",
        f"{_where(comment)} · {comment.get_stance_display()}",
    )


def comment_suggestions(*, draft: Draft, query: str) -> list[pickers.Suggestion]:
    """Visible comments of ``draft`` whose number is ``query`` (with or without "#") or whose
    proposed wording, reasons or clause hold every word of it (diacritics ignored), newest
    first."""
    qs = selectors.comments_public(draft=draft)
    number = pickers.record_number(query)
    found: list[Comment] = []
    if number is not None:
        found.extend(qs.filter(pk=number))
    words = pickers.words_of(query)
    if words:
        for comment in qs[:SCAN_LATEST]:
            if len(found) >= pickers.MAX_RESULTS:
                break
            text = f"{comment.proposed_wording} {comment.reasons} {_where(comment)}"
            if comment not in found and pickers.matches(words, text):
                found.append(comment)
    return [describe(c) for c in found[: pickers.MAX_RESULTS]]


@require_GET
@never_cache
def suggest(request: HttpRequest, pk: int) -> HttpResponse:
    """``GET /can-bo/du-thao/<pk>/goi-y/gop-y/?q=…``, for those who manage the draft."""
    draft = selectors.draft_get(pk=pk)
    user = cast(User, request.user)
    if draft is None or not user.has_perm(MANAGE, draft):
        return forbidden()
    return pickers.suggestions_response(
        request, lambda q: comment_suggestions(draft=draft, query=q)
    )


def comment_field(field: pickers.PickerField, *, draft: Draft) -> None:
    """Make ``field`` pick comments of ``draft``."""

    def get(pk: int) -> Comment | None:
        return Comment.objects.filter(draft=draft, pk=pk).select_related("node").first()

    field.get = get
    field.resolve = lambda text: comment_suggestions(draft=draft, query=text)
    field.describe = describe
