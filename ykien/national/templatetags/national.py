"""``{% national_manage_link draft %}``: on the staff page of a draft, the way to its national
ballot, for whoever may set it up or run it (national-level front committees).

``{% national_ballot_box draft %}``: on the public page of a draft whose national ballot is or
was open, the way to the ballot and to its live results, with the period."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ykien.core.permissions import allows
from ykien.national import selectors
from ykien.national.models import ModeStatus
from ykien.national.permissions import MANAGE

register = template.Library()


@register.simple_tag(takes_context=True)
def national_manage_link(context: Any, draft: Any) -> str:
    request = context.get("request")
    if request is None or draft is None or not allows(request.user, MANAGE, draft):
        return ""
    return format_html(
        '<p><a href="{}">{}</a></p>',
        reverse("national:manage", args=[draft.pk]),
        _("Lấy ý kiến toàn quốc (phiếu theo từng điều)"),
    )


@register.simple_tag
def national_ballot_box(draft: Any) -> str:
    mode = selectors.mode_of(draft_id=draft.pk) if draft is not None else None
    if mode is None or mode.status == ModeStatus.PLANNED:
        return ""
    return render_to_string("national/_ballot_box.html", {"mode": mode})
