"""``{% national_manage_link draft %}``: on the staff page of a draft, the way to its national
ballot, for whoever may set it up or run it (national-level front committees)."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ykien.core.permissions import allows
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
