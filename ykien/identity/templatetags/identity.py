"""``{% load identity %}{% identity_status %}``: on a page where a citizen needs the national
identity (a national consultation), who is signed in, or the sign-in link back to this page."""

from __future__ import annotations

from typing import Any

from django import template

from ykien.identity import config
from ykien.identity.session import current_person
from ykien.identity.views import person_context

register = template.Library()


@register.inclusion_tag("identity/_sign_in.html", takes_context=True)
def identity_status(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    person = current_person(request) if request is not None else None
    return {
        **person_context(person),
        "configured": config.is_configured(),
        "next": request.get_full_path() if request is not None else "",
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
