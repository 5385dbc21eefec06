from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from ykien.core import navigation


def site(request: HttpRequest) -> dict[str, Any]:
    """The site's name and address, and the menu links the reader may open (computed only when a
    template shows the menu: a link's permission may ask the database)."""
    user = getattr(request, "user", None)
    return {
        "SITE_NAME": "Ý Kiến",
        "SITE_URL": settings.SITE_URL,
        "NAV_ITEMS": SimpleLazyObject(lambda: navigation.items(user)),
        **staff(request),
    }


def staff(request: HttpRequest) -> dict[str, Any]:
    """On a staff page (``navigation.is_staff_path``), the staff menu the person may open and the
    page's breadcrumbs (computed once per request, only there: each entry asks a permission)."""
    cached = getattr(request, "_ykien_staff_context", None)
    if cached is None:
        cached = _staff(request)
        request._ykien_staff_context = cached  # type: ignore[attr-defined]
    return cached


def _staff(request: HttpRequest) -> dict[str, Any]:
    path = getattr(request, "path", "")
    user = getattr(request, "user", None)
    if not path or user is None or not user.is_authenticated or not navigation.is_staff_path(path):
        return {"STAFF_MENU": [], "BREADCRUMBS": []}
    menu = navigation.staff_menu(user)
    match = getattr(request, "resolver_match", None)
    url_name = match.view_name if match is not None else ""
    area, _item = navigation.current_area(menu, url_name, path)
    return {
        "STAFF_MENU": menu,
        "STAFF_AREA": area["key"] if area else "",
        "BREADCRUMBS": navigation.breadcrumbs(user, url_name, path, menu),
    }
