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
    }
