"""Cleaning what people type, for every service that stores text.

Text is kept as typed — never stripped of markup (templates escape it) nor re-spelled (search
folds old and new tone placement) — but in Unicode NFC, trimmed, and without control
characters: PostgreSQL refuses NUL in a text column, so a NUL that reached the database would
turn a bad input into a server error, and the other C0 controls only break exports.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext as _

from ykien.core.errors import ValidationFailed
from ykien.core.numbers import format_int

#: C0 controls and DEL, except tab, line feed and carriage return.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def nfc(value: str | None) -> str:
    """``value`` in NFC without control characters (``None`` → ``""``); not trimmed."""
    return CONTROL_RE.sub("", unicodedata.normalize("NFC", value or ""))


def title_in_sentence(title: str) -> str:
    """A draft's title as written inside a sentence ("… phản biện xã hội đối với dự thảo Quyết
    định …"): a leading "Dự thảo" is lower-cased, and only that word; any other title (``Luật
    Đất đai``, ``Nghị quyết …``) is kept as it is."""
    text = nfc(title)
    if text.startswith("Dự thảo") and (len(text) == 7 or text[7].isspace()):
        return "d" + text[1:]
    return text


def _number(n: int) -> str:
    return format_int(n)


def clean_text(
    value: str | None,
    *,
    field: str,
    label: str,
    required: bool = False,
    min_length: int = 0,
    limit: int = 0,
    one_line: bool = False,
) -> str:
    """NFC, no control characters, trimmed (``one_line``: runs of white space, line breaks
    included, become one space). Raises ``ValidationFailed`` on ``field`` with a translated
    message naming ``label`` when it is empty but ``required``, shorter than ``min_length``
    characters, or longer than ``limit``."""
    text = nfc(value)
    text = " ".join(text.split()) if one_line else text.strip()
    subject = label[:1].upper() + label[1:]
    if (required or min_length) and not text:
        raise ValidationFailed(
            _("%(label)s là bắt buộc.") % {"label": subject}, code="required", field=field
        )
    if min_length and len(text) < min_length:
        raise ValidationFailed(
            _("%(label)s cần ít nhất %(n)s ký tự.") % {"label": subject, "n": _number(min_length)},
            code="too_short",
            field=field,
        )
    if limit and len(text) > limit:
        raise ValidationFailed(
            _("%(label)s dài %(n)s ký tự, vượt quá giới hạn %(limit)s ký tự.")
            % {"label": subject, "n": _number(len(text)), "limit": _number(limit)},
            code="too_long",
            field=field,
        )
    return text
