"""Personal data typed inside free text, removed before the text leaves as open data; and
spreadsheet formulas neutralised in CSV cells; internal codes shown as the labels people read.

``redact`` replaces e-mail addresses, Vietnamese phone numbers (10 or 11 digits starting with 0,
or +84 / 84; spaces, dots, hyphens and brackets between the digits allowed) and identity-card
numbers (CMND 9 digits, CCCD 12 digits) with a label. The number rules are those of
``core.validation.normalise_phone`` and ``petitions.validation.normalise_id_number``. An ID
number is recognised only when written as one run of digits (or a CCCD beginning with 0 written
in groups), so that a sum of money such as "200.000.000 đồng" is kept.
"""

from __future__ import annotations

import re
from typing import Any, Final

from django.db import models
from django.utils.translation import gettext as _

EMAIL: Final = "[email]"
PHONE: Final = "[số điện thoại]"
ID_NUMBER: Final = "[số giấy tờ]"

_EMAIL_RE: Final = re.compile(r"[\w.%+\-]+@[\w\-]+(?:\.[\w\-]+)+")
# A run of digits, optionally after "+" or "(", with at most two separators between digits
# (not starting inside a number: after a digit, a "+", or a decimal or thousands mark).
_NUMBER_RE: Final = re.compile(r"(?<![\d+.,])(?:\+|\()?\d(?:[ .\-()]{0,2}\d)+(?!\d)")
_SPACES_RE: Final = re.compile(r"(\s+)")
_FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")


def _label(written: str) -> str | None:
    """The label for one number as written, or None when it is not personal data."""
    digits = re.sub(r"\D", "", written)
    stripped = written.strip("()")
    if digits.startswith("84") and (written.startswith("+") or len(digits) in (11, 12)):
        phone = "0" + digits[2:]
    else:
        phone = digits
    if re.fullmatch(r"0[1-9]\d{8,9}", phone):
        return PHONE
    if stripped.isdigit() and len(digits) in (9, 12):
        return ID_NUMBER
    if len(digits) == 12 and digits.startswith("0") and re.fullmatch(r"[\d ]+", stripped):
        return ID_NUMBER
    return None


def _number(match: re.Match[str]) -> str:
    written = match.group()
    if written.startswith("(") and written.count("(") > written.count(")"):
        return "(" + _number_text(written[1:])  # "(0912345678)": the brackets are the text's
    return _number_text(written)


def _number_text(written: str) -> str:
    label = _label(written)
    if label:
        return label
    # Several numbers one after another ("0912345678 0987654321"): the longest run of
    # space-separated groups that is one number, from the left.
    parts = _SPACES_RE.split(written)  # groups at even indexes, the spaces between at odd
    out: list[str] = []
    i = 0
    while i < len(parts):
        for j in range(len(parts), i, -2):
            label = _label("".join(parts[i:j]))
            if label:
                out.extend([label, *parts[j : j + 1]])  # the number, and the spaces after it
                i = j + 1
                break
        else:
            out.extend(parts[i : i + 2])  # this group, and the spaces after it
            i += 2
    return "".join(out)


def redact(text: str) -> str:
    """``text`` with e-mail addresses, phone numbers and ID numbers replaced by a label."""
    if not text:
        return text
    text = _EMAIL_RE.sub(EMAIL, text)
    return _NUMBER_RE.sub(_number, text)


def csv_cell(value: Any) -> Any:
    """A cell a spreadsheet will not run: text beginning with =, +, -, @, a tab or a carriage
    return gets a leading apostrophe (OWASP "CSV injection"). Numbers are left alone."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def code_label(choices: type[models.Choices], code: str | None) -> str:
    """The label people read for an internal ``code`` of ``choices`` (a status, a kind), in the
    active language; ``""`` for no code. An open-data column people read shows this, never the
    code (a machine-readable code column is named as one, e.g. ``status_code``)."""
    if not code:
        return ""
    try:
        return str(choices(code).label)
    except ValueError:  # a code no longer listed: shown as stored rather than lost
        return str(code)


def yes_no(value: bool | None) -> str:
    """A yes / no cell people read ("có" / "không"; ``""`` when not known yet)."""
    if value is None:
        return ""
    return str(_("có") if value else _("không"))
