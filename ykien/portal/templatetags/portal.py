"""``{% load portal %}{% listen "draft:12" %}``: the audio player of a public text, or the reason
there is none (for other apps' pages; see docs/domains/portal.md, "Reuse by other apps")."""

from __future__ import annotations

from typing import Any

from django import template

from ykien.portal.selectors import AudioInfo, audio_for

register = template.Library()


@register.inclusion_tag("portal/_listen.html")
def listen(key: str, heading: str = "", audio: AudioInfo | None = None) -> dict[str, Any]:
    """The player of ``key``; ``audio``, when the page already knows it (an article's preview
    before publication says there is no audio yet), instead of looking it up."""
    found = audio if isinstance(audio, AudioInfo) else audio_for(key=key)
    return {"audio": found, "heading": heading, "uid": key.replace(":", "-")}
