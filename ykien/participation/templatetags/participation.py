from __future__ import annotations

from typing import Any

from django import template

from ykien.core import follow
from ykien.participation import services

register = template.Library()


@register.inclusion_tag("participation/_follow_box.html", takes_context=True)
def follow_box(
    context: Any, kind: str, object_id: Any, feed_url: str = "", label: str = ""
) -> dict[str, Any]:
    """The follow button of a record (signed in), or the e-mail follow link (a public record),
    and the record's feed link if it has one."""
    request = context.get("request")
    user = getattr(request, "user", None)
    loaded = follow.load((kind, str(object_id)))
    public = bool(loaded and loaded[0].visible(None, loaded[1]))
    if loaded is None or not (public or (user and loaded[0].visible(user, loaded[1]))):
        return {"hidden": True}
    return {
        "label": label,
        "request": request,
        "user": user,
        "csrf_token": context.get("csrf_token"),
        "kind": kind,
        "object_id": str(object_id),
        "public": public,
        "following": services.is_following(user, kind, str(object_id)),
        "feed_url": feed_url,
    }
