"""The pickers' suggestion endpoints of core: units and officers (``core.pickers``).

``GET /can-bo/goi-y/don-vi/?q=…`` — units; ``pham-vi=cua-toi`` keeps those in the officer's
scope, ``hien-hanh=1`` marks former units as not pickable. ``GET /can-bo/goi-y/can-bo/?q=…`` —
officers serving in the officer's scope. Both need an officer (``core.view_workspace``)."""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ykien.core import pickers
from ykien.core.models import User
from ykien.core.permissions import allows
from ykien.core.selectors import today, user_scope_unit_ids

SCOPES = {"": False, "tat-ca": False, "cua-toi": True}


def forbidden() -> JsonResponse:
    """403 with a translated message: the endpoints answer JSON, never a sign-in page."""
    return JsonResponse({"error": _("Bạn không có quyền xem gợi ý này.")}, status=403)


def bad_request(message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=400)


def officer(request: HttpRequest) -> User | None:
    user = cast(User, request.user)
    if not user.is_authenticated or not allows(user, "core.view_workspace"):
        return None
    return user


def scope_of(user: User) -> set[int] | None:
    """The units an officer works for (None: all, for a superuser)."""
    return None if user.is_superuser else user_scope_unit_ids(user=user)


@require_GET
@never_cache
def unit_suggest(request: HttpRequest) -> HttpResponse:
    user = officer(request)
    if user is None:
        return forbidden()
    scope = request.GET.get("pham-vi", "")
    current = request.GET.get("hien-hanh", "")
    if scope not in SCOPES or current not in ("", "0", "1"):
        return bad_request(_("Tham số tìm kiếm không hợp lệ."))
    within = scope_of(user) if SCOPES[scope] else None
    day = today()
    return pickers.suggestions_response(
        request,
        lambda q: pickers.unit_suggestions(
            query=q, on=day, within=within, current_only=current == "1"
        ),
    )


@require_GET
@never_cache
def person_suggest(request: HttpRequest) -> HttpResponse:
    user = officer(request)
    if user is None:
        return forbidden()
    within = scope_of(user)
    day = today()
    return pickers.suggestions_response(
        request, lambda q: pickers.people_suggestions(query=q, on=day, within=within)
    )
