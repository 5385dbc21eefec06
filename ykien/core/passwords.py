"""Password rules: Django's own, with messages written in Vietnamese (the source language).

Django's Vietnamese catalogue lacks the "too short" message, which then shows in English on a
Vietnamese page; this validator says it in Vietnamese and is translated like every other text."""

from __future__ import annotations

from django.contrib.auth.password_validation import MinimumLengthValidator as _Django
from django.utils.translation import ngettext


class MinimumLengthValidator(_Django):
    def get_error_message(self) -> str:
        return ngettext(
            "Mật khẩu này quá ngắn. Mật khẩu phải có ít nhất %(min_length)d ký tự.",
            "Mật khẩu này quá ngắn. Mật khẩu phải có ít nhất %(min_length)d ký tự.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self) -> str:
        return ngettext(
            "Mật khẩu phải có ít nhất %(min_length)d ký tự.",
            "Mật khẩu phải có ít nhất %(min_length)d ký tự.",
            self.min_length,
        ) % {"min_length": self.min_length}
