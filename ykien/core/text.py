"""Cleaning what people type, for every service that stores text.

Text is kept as typed — never stripped of markup (templates escape it) nor re-spelled (search
folds old and new tone placement) — but in Unicode NFC and trimmed. Characters no one types and
that break what the text goes into are refused (``clean_text``: a translated error on the field,
nothing stored): C0 controls other than tab, line feed and carriage return, and DEL (PostgreSQL
refuses NUL in a text column; the others break exports), lone surrogates (no UTF-8 for them: the
database driver fails), and the Unicode non-characters U+FDD0–U+FDEF, U+FFFE, U+FFFF and the last
two code points of every plane (not for interchange; U+FFFE and U+FFFF, like the controls, are
not allowed in XML 1.0, so one of them broke the whole Open311 XML feed). ``nfc`` and
``strip_forbidden`` drop them where text is only normalised or written out (rows stored before).
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext as _

from ykien.core.codes import ErrorCode
from ykien.core.errors import ValidationFailed
from ykien.core.numbers import format_count

_PLANE_NONCHARACTERS = "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
#: Characters refused in typed text: C0 controls and DEL except tab, line feed and carriage
#: return; lone surrogates; the non-characters (U+FDD0–U+FDEF, U+xFFFE and U+xFFFF of every
#: plane).
FORBIDDEN_RE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufdd0-\ufdef" + _PLANE_NONCHARACTERS + "]"
)
#: The same pattern under its former name (petitions.validation refuses what it matches).
CONTROL_RE = FORBIDDEN_RE
#: Bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069): typed
#: by no one writing Vietnamese, they make the text after them show mirrored or reordered. The
#: forms that opt in refuse them (``refuse_forbidden(…, pattern=BIDI_CONTROLS_RE)``).
BIDI_CONTROLS_RE = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


def strip_forbidden(value: str) -> str:
    """``value`` without the characters of ``FORBIDDEN_RE`` (for writing out text stored before
    they were refused: XML, JSON)."""
    return FORBIDDEN_RE.sub("", value)


def nfc(value: str | None) -> str:
    """``value`` in NFC without forbidden characters (``None`` → ``""``); not trimmed."""
    return strip_forbidden(unicodedata.normalize("NFC", value or ""))


def is_blank(value: str) -> bool:
    """True if ``value`` shows nothing: only white space and invisible format characters
    (Unicode category Cf: zero-width space and joiners, soft hyphen, byte-order mark …)."""
    return all(c.isspace() or unicodedata.category(c) == "Cf" for c in value)


def refuse_forbidden(
    value: str | None, *, field: str, label: str, pattern: re.Pattern[str] = FORBIDDEN_RE
) -> None:
    """Raise ``ValidationFailed`` (code ``forbidden_character``) on ``field``, with a translated
    message naming ``label`` and the first forbidden character (``U+FFFE``), if ``value`` holds
    one (a character ``pattern`` matches)."""
    found = pattern.search(value or "")
    if found is None:
        return
    raise ValidationFailed(
        _(
            "%(label)s chứa ký tự không được phép (%(char)s, ký tự thứ %(n)s); hãy xóa ký tự đó "
            "rồi gửi lại."
        )
        % {
            "label": _subject(label),
            "char": f"U+{ord(found.group()):04X}",
            "n": format_count(found.start() + 1),
        },
        code=ErrorCode.FORBIDDEN_CHARACTER,
        field=field,
    )


def title_in_sentence(title: str) -> str:
    """A draft's title as written inside a sentence ("… phản biện xã hội đối với dự thảo Quyết
    định …"): a leading "Dự thảo" is lower-cased, and only that word; any other title (``Luật
    Đất đai``, ``Nghị quyết …``) is kept as it is."""
    text = nfc(title)
    if text.startswith("Dự thảo") and (len(text) == 7 or text[7].isspace()):
        return "d" + text[1:]
    return text


def _subject(label: str) -> str:
    return label[:1].upper() + label[1:]


def clean_text(
    value: str | None,
    *,
    field: str,
    label: str,
    required: bool = False,
    min_length: int = 0,
    limit: int = 0,
    one_line: bool = False,
    refused: re.Pattern[str] = FORBIDDEN_RE,
) -> str:
    """NFC, trimmed (``one_line``: runs of white space, line breaks included, become one
    space); text of invisible characters only (``is_blank``) is empty. Raises
    ``ValidationFailed`` on ``field`` with a translated message naming ``label`` when it holds
    a forbidden character (``refused``, by default ``FORBIDDEN_RE``: a control character, a
    lone surrogate, a non-character), is empty but ``required``, shorter than ``min_length``
    characters, or longer than ``limit``."""
    refuse_forbidden(value, field=field, label=label, pattern=refused)
    text = nfc(value)
    text = " ".join(text.split()) if one_line else text.strip()
    if is_blank(text):  # only invisible characters: nothing was written
        text = ""
    subject = _subject(label)
    if (required or min_length) and not text:
        raise ValidationFailed(
            _("%(label)s là bắt buộc.") % {"label": subject}, code=ErrorCode.REQUIRED, field=field
        )
    if min_length and len(text) < min_length:
        raise ValidationFailed(
            _("%(label)s cần ít nhất %(n)s ký tự.")
            % {"label": subject, "n": format_count(min_length)},
            code=ErrorCode.TOO_SHORT,
            field=field,
        )
    if limit and len(text) > limit:
        raise ValidationFailed(
            _("%(label)s dài %(n)s ký tự, vượt quá giới hạn %(limit)s ký tự.")
            % {"label": subject, "n": format_count(len(text)), "limit": format_count(limit)},
            code=ErrorCode.TOO_LONG,
            field=field,
        )
    return text
