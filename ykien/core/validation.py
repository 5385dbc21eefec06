"""Checks of contact details people type, shared by every app that keeps them (petitions'
senders, the expert roster)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables

from ykien.core.codes import ErrorCode
from ykien.core.errors import ValidationFailed

#: The length of Django's ``EmailField`` (RFC 5321's limit on a forward path).
EMAIL_MAX_LENGTH = 254
_email_validator = EmailValidator()


@sensitive_variables()
def normalise_phone(value: str) -> str:
    """Vietnamese phone numbers: 10 digits (mobile, 0 + 9) or 11 (landline 02x); +84 accepted."""
    raw = (value or "").strip()
    if not raw:
        return ""
    digits = re.sub(r"[\s.\-()]", "", raw)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if not re.fullmatch(r"0[1-9]\d{8,9}", digits):
        raise ValidationFailed(
            _("Số điện thoại “%(v)s” không hợp lệ (10 hoặc 11 chữ số, bắt đầu bằng 0).")
            % {"v": raw[:20]},
            code=ErrorCode.BAD_PHONE,
            field="phone",
        )
    return digits


@sensitive_variables()
def check_email(value: str) -> str:
    """``value`` stripped, or ``ValidationFailed`` (field ``email``) when it is not an address
    Django's ``EmailValidator`` accepts (an ASCII local part: ``kim.thị@…`` is refused) or is
    longer than an ``EmailField`` holds. Empty stays empty."""
    email = (value or "").strip()
    if not email:
        return ""
    try:
        if len(email) > EMAIL_MAX_LENGTH:
            raise ValidationError("too long")
        _email_validator(email)
    except ValidationError as exc:
        raise ValidationFailed(
            _("Địa chỉ thư điện tử không hợp lệ."), code=ErrorCode.BAD_EMAIL, field="email"
        ) from exc
    return email
