"""Checks of what a sender typed: phone and ID numbers, no markup, the identity each kind
of petition needs. Shared by the web forms, the Open311 endpoint and the services. The phone
rule is ``core.validation.normalise_phone``, shared with the expert roster."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from ykien.core.errors import ValidationFailed
from ykien.core.pii import SenderIdentity
from ykien.core.text import BIDI_CONTROLS_RE, CONTROL_RE, refuse_forbidden
from ykien.core.validation import normalise_phone
from ykien.petitions.codes import ErrorCode
from ykien.petitions.models import Channel, Kind

MARKUP_RE = re.compile(r"<\s*/?\s*[a-zA-Z!?]|javascript\s*:|\bon[a-z]+\s*=", re.IGNORECASE)
MAX_CONTENT = 10_000


def check_text(value: str, *, field: str, label: str, max_length: int) -> str:
    """Strip ``value`` and refuse markup, script, control characters and bidirectional controls
    (U+202A–U+202E, U+2066–U+2069: they show the text after them mirrored or reordered; refused
    with ``core.text.refuse_forbidden``'s message, as dialogue and reception do). Stored as typed;
    templates escape it anyway, but nobody needs HTML in a petition."""
    refuse_forbidden(value, field=field, label=label, pattern=BIDI_CONTROLS_RE)
    value = (value or "").strip()
    if MARKUP_RE.search(value):
        raise ValidationFailed(
            _("%(label)s không được chứa mã HTML hoặc mã lệnh (script).") % {"label": label},
            code=ErrorCode.MARKUP,
            field=field,
        )
    if CONTROL_RE.search(value):
        raise ValidationFailed(
            _("%(label)s chứa ký tự không hợp lệ.") % {"label": label},
            code=ErrorCode.CONTROL,
            field=field,
        )
    if len(value) > max_length:
        raise ValidationFailed(
            _("%(label)s dài quá %(n)s ký tự.") % {"label": label, "n": max_length},
            code=ErrorCode.TOO_LONG,
            field=field,
        )
    return value


@sensitive_variables()
def normalise_id_number(value: str) -> str:
    """Citizen identity card (CCCD, 12 digits starting with a province code 001–096) or the
    old identity card (CMND, 9 digits)."""
    raw = (value or "").strip()
    if not raw:
        return ""
    digits = re.sub(r"[\s.\-]", "", raw)
    ok = re.fullmatch(r"\d{9}", digits) is not None or (
        re.fullmatch(r"\d{12}", digits) is not None and 1 <= int(digits[:3]) <= 96
    )
    if not ok:
        raise ValidationFailed(
            _("Số định danh cá nhân / CCCD phải có 12 chữ số (hoặc CMND 9 chữ số)."),
            code=ErrorCode.BAD_ID_NUMBER,
            field="id_number",
        )
    return digits


def required_fields(kind: str, channel: str) -> list[str]:
    """What the law asks a named sender of each kind to give.

    * complaint: name and address (Luật Khiếu nại 2011, Điều 8);
    * denunciation: name, address and a way to reach the denouncer (Luật Tố cáo 2018, Điều 23);
    * in person (citizen reception), a complainant or denouncer shows an identity paper
      (Luật Tiếp công dân 2013, Điều 7): the ID number is then required;
    * report, request: a name and one contact, so the answer can reach the sender.
    """
    if kind == Kind.COMPLAINT:
        fields = ["name", "address"]
    elif kind == Kind.DENUNCIATION:
        fields = ["name", "address", "contact"]
    else:
        fields = ["name", "contact"]
    if channel == Channel.RECEPTION and kind in (Kind.COMPLAINT, Kind.DENUNCIATION):
        fields.append("id_number")
    return fields


@sensitive_variables()
def check_sender(
    *, kind: str, channel: str, anonymous: bool, identity: SenderIdentity
) -> SenderIdentity:
    """Normalise and check the sender's identity for ``kind``; raise ``ValidationFailed`` with
    the field at fault. An anonymous sender's identity is dropped."""
    if anonymous:
        if kind == Kind.COMPLAINT:
            raise ValidationFailed(
                _(
                    "Không thể khiếu nại nặc danh: đơn khiếu nại phải ghi rõ họ tên, địa chỉ "
                    "người khiếu nại (Luật Khiếu nại 2011, Điều 8)."
                ),
                code=ErrorCode.ANONYMOUS_COMPLAINT,
                field="anonymous",
            )
        return SenderIdentity()
    name = check_text(identity.name, field="name", label=_("Họ và tên"), max_length=120)
    address = check_text(identity.address, field="address", label=_("Địa chỉ"), max_length=255)
    email = (identity.email or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError as exc:
            raise ValidationFailed(
                _("Địa chỉ thư điện tử không hợp lệ."), code=ErrorCode.BAD_EMAIL, field="email"
            ) from exc
    result = SenderIdentity(
        name=name,
        id_number=normalise_id_number(identity.id_number),
        phone=normalise_phone(identity.phone),
        email=email,
        address=address,
    )
    messages = {
        "name": _("Cần ghi họ và tên người gửi."),
        "address": _("Cần ghi địa chỉ của người gửi."),
        "contact": _("Cần ít nhất một cách liên hệ: số điện thoại, thư điện tử hoặc địa chỉ."),
        "id_number": _(
            "Khi tiếp công dân, cần ghi số định danh cá nhân (CCCD) của người khiếu nại, tố cáo."
        ),
    }
    for field in required_fields(kind, channel):
        missing = (
            not (result.phone or result.email or result.address)
            if field == "contact"
            else not getattr(result, field)
        )
        if missing:
            raise ValidationFailed(
                messages[field],
                code=ErrorCode.REQUIRED,
                field="phone" if field == "contact" else field,
            )
    return result
