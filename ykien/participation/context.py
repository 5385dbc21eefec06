from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from ykien.participation.models import Notification


def notifications(request: HttpRequest) -> dict[str, Any]:
    """The number of unread notifications, for the header (read only when it is shown)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def unread() -> int:
        return Notification.objects.filter(user=user, read_at__isnull=True).count()

    return {"unread_notifications": unread}
