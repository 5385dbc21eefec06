"""``{% load portal %}{% listen "draft:12" %}``: the audio player of a public text, or the reason
there is none (for other apps' pages; see docs/domains/portal.md, "Reuse by other apps")."""

from __future__ import annotations

from typing import Any

from django import template

from ykien.portal.selectors import audio_for

register = template.Library()


@register.inclusion_tag("portal/_listen.html")
def listen(key: str, heading: str = "") -> dict[str, Any]:
    return {"audio": audio_for(key=key), "heading": heading, "uid": key.replace(":", "-")}
