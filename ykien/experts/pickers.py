"""The expert picker's suggestions (``core.pickers``): experts of the officer's roster by words
of their name, organisation or fields (diacritics ignored)."""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ykien.core import pickers
from ykien.core import selectors as core_selectors
from ykien.core.models import Role, User
from ykien.core.views_pickers import forbidden
from ykien.experts import selectors
from ykien.experts.models import Expert

STAFF_ROLES = [Role.OFFICER, Role.LEADER]


def describe(expert: Expert) -> pickers.Suggestion:
    note = " · ".join(x for x in (expert.organisation, expert.fields) if x)
    return pickers.Suggestion(expert.pk, expert.full_name, note)


def expert_suggestions(*, query: str, unit_ids: set[int] | None) -> list[pickers.Suggestion]:
    """Active experts of ``unit_ids`` (None: all) whose name, organisation or fields hold every
    word of ``query``, by name."""
    words = pickers.words_of(query)
    if not words:
        return []
    found = [
        e
        for e in selectors.experts_list(unit_ids=unit_ids)
        if pickers.matches(words, f"{e.full_name} {e.organisation} {e.fields}")
    ]
    return [describe(e) for e in found[: pickers.MAX_RESULTS]]


@require_GET
@never_cache
def suggest(request: HttpRequest) -> HttpResponse:
    """``GET /can-bo/chuyen-gia/goi-y/?q=…``, for those who may read the roster."""
    user = cast(User, request.user)
    if not user.is_authenticated or not user.has_perm("experts.view_roster"):
        return forbidden()
    scope = (
        None
        if user.is_superuser
        else core_selectors.user_scope_unit_ids(user=user, roles=STAFF_ROLES)
    )
    return pickers.suggestions_response(
        request, lambda q: expert_suggestions(query=q, unit_ids=scope)
    )
