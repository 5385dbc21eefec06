"""``{% load privacy %}{{ comment.reasons|redacted }}``: free text typed by the public, shown to
everyone with the e-mail addresses, phone numbers and ID numbers in it replaced by a label
(``core.redact.redact``, as in the open-data exports). The stored text is unchanged; officers'
screens show it as typed."""

from __future__ import annotations

from django import template

from ykien.core.redact import redact

register = template.Library()


@register.filter(is_safe=False)
def redacted(value: object) -> str:
    """``value`` as text with personal data replaced; escaped by the template as usual."""
    return redact("" if value is None else str(value))
