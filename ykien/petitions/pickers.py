"""The petition picker (``core.pickers``): suggestions by number or by words of the petition,
among the petitions the officer may see; and the merge form's check of a picked petition.

A denunciation's subject is never matched nor shown here (as in the staff list): it is found by
its number only."""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ykien.core import pickers
from ykien.core.lists import search, search_terms
from ykien.core.models import User
from ykien.core.permissions import allows
from ykien.core.views_pickers import bad_request, forbidden
from ykien.petitions import selectors
from ykien.petitions.models import Kind, Petition, Status


def _hidden_subject(p: Petition) -> bool:
    return Kind.DENUNCIATION in (p.kind, p.submitted_kind)


def describe(p: Petition) -> pickers.Suggestion:
    subject = _("(đơn tố cáo — xem chi tiết)") if _hidden_subject(p) else p.subject
    note = f"{p.get_kind_display()} · {p.get_status_display()} · {p.received_on:%d/%m/%Y}"
    return pickers.Suggestion(p.pk, f"#{p.pk} — {subject}", note)


def petition_suggestions(
    *, user: User, query: str, open_only: bool = False, exclude: int | None = None
) -> list[pickers.Suggestion]:
    """Petitions ``user`` may see whose number is ``query`` (with or without "#") or whose
    subject or content has a word beginning with each word of it (diacritics ignored), the
    latest first."""
    qs = selectors.petitions_for_staff(user=user).order_by("-pk")
    if open_only:
        qs = qs.filter(status__in=Status.open_values())
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    number = pickers.record_number(query)
    found: list[Petition] = []
    if number is not None:
        found.extend(qs.filter(pk=number))
    terms = search_terms(query)
    if terms:
        # The staff list's folded search column (``core.lists``): one LIKE per word, in the
        # database; a denunciation is never found by its words.
        matching = search(qs, "search_text", terms).exclude(kind=Kind.DENUNCIATION)
        matching = matching.exclude(submitted_kind=Kind.DENUNCIATION)
        found.extend(p for p in matching[: pickers.MAX_RESULTS] if p not in found)
    return [describe(p) for p in found[: pickers.MAX_RESULTS]]


@require_GET
@never_cache
def suggest(request: HttpRequest) -> HttpResponse:
    """``GET /can-bo/don-thu/goi-y/?q=…`` (``mo=1``: open petitions only; ``tru=<số>``: leave
    that petition out)."""
    user = cast(User, request.user)
    if not user.is_authenticated or not allows(user, "petitions.view_petition"):
        return forbidden()
    open_only = request.GET.get("mo", "")
    exclude_text = request.GET.get("tru", "")
    exclude = pickers.record_number(exclude_text) if exclude_text else None
    if open_only not in ("", "0", "1") or (exclude_text and exclude is None):
        return bad_request(_("Tham số tìm kiếm không hợp lệ."))
    return pickers.suggestions_response(
        request,
        lambda q: petition_suggestions(
            user=user, query=q, open_only=open_only == "1", exclude=exclude
        ),
    )


def merge_target_field(field: pickers.PickerField, *, user: User, petition: Petition) -> None:
    """Make the merge form's field pick an open petition ``user`` may see, other than
    ``petition``."""

    def get(pk: int) -> Petition | None:
        target = Petition.objects.filter(pk=pk).first()
        if target is None or not allows(user, "petitions.view_petition", target):
            return None
        return target

    field.get = get
    field.resolve = lambda text: petition_suggestions(
        user=user, query=text, open_only=True, exclude=petition.pk
    )
    field.describe = describe
    field.offer(merge_offers(user=user, petition=petition))


def merge_offers(*, user: User, petition: Petition) -> list[pickers.Suggestion]:
    """Offered before anything is typed: the sender's other open petitions ``user`` may see,
    near-duplicates of this one first, each by its words (a denunciation by its number only)."""
    offered = []
    for s in selectors.petition_merge_suggestions(petition=petition):
        if not allows(user, "petitions.view_petition", s.petition):
            continue
        shown = describe(s.petition)
        note = f"{shown.note} · {_('nội dung gần trùng')}" if s.similar else shown.note
        offered.append(pickers.Suggestion(shown.id, shown.text, note))
    return offered
