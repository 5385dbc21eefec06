from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from ykien.core import navigation


def site(request: HttpRequest) -> dict[str, Any]:
    return {"SITE_NAME": "Ý Kiến", "SITE_URL": settings.SITE_URL, "NAV_ITEMS": navigation.items()}
