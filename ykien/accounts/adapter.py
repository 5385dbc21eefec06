"""django-allauth's adapter for the platform: new accounts are citizens' accounts; mails go out
in the recipient's language; the client's address is the one the whole site computes."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

from ykien.core.clientip import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request: HttpRequest) -> str:
        # One computation of the client's address for the whole site (rate limits, lockouts).
        return client_ip(request)

    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        """A sign-up makes a citizen's account, named as they wrote, with a profile in the
        language they were reading the site in."""
        from ykien.accounts import services
        from ykien.core.models import User

        user.kind = User.Kind.CITIZEN
        user.full_name = form.cleaned_data.get("full_name", "")
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            services.profile_create(user=user, language=translation.get_language() or "")
        return user

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Every account mail (subject and body) in the recipient's language: their profile's
        when they have one, else the language of the page that sent it (Vietnamese by
        default)."""
        from ykien.accounts import selectors

        user = context.get("user") or selectors.user_by_email(email=email)
        language = selectors.profile_language(user=user) if user is not None else ""
        supported = {code for code, _name in settings.LANGUAGES}
        if language not in supported:
            language = translation.get_language() or settings.LANGUAGE_CODE
        context = {
            "confirmation_days": settings.ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS,
            **context,
        }
        with translation.override(language):
            super().send_mail(template_prefix, email, context)
