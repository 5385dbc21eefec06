"""Sign-in with a user name (everyone, as before) or with a confirmed e-mail address (citizens),
on the one sign-in page (core.views.LoginView, with django-axes' lockout and TOTP for staff).

A citizen who signed up but has not confirmed their address yet is refused even with the right
password; the sign-in page then says so and offers to send the link again (``request``
attribute ``UNCONFIRMED``, read by the template). Only the right password reveals that, so it
tells nothing about which addresses have an account."""

from __future__ import annotations

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend
from allauth.account.models import EmailAddress
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest

from ykien.core.models import User

UNCONFIRMED = "accounts_unconfirmed"


def awaiting_confirmation(user: Any) -> bool:
    """A citizen's account made by sign-up whose address is not confirmed yet. Accounts made by
    an administrator (no allauth address at all) are not concerned."""
    if not isinstance(user, User) or user.kind != User.Kind.CITIZEN or user.is_staff:
        return False
    addresses = list(EmailAddress.objects.filter(user=user).values_list("verified", flat=True))
    return bool(addresses) and not any(addresses)


class AccountBackend(AuthenticationBackend):
    def authenticate(  # type: ignore[override]
        self, request: HttpRequest | None, **credentials: Any
    ) -> AbstractBaseUser | None:
        self._unconfirmed: AbstractBaseUser | None = None
        user = super().authenticate(request, **credentials)
        if user is not None and awaiting_confirmation(user):
            self._unconfirmed, user = user, None
        if self._unconfirmed is not None and request is not None:
            setattr(request, UNCONFIRMED, True)
        return user

    def _authenticate_by_email(self, email: str, password: str) -> AbstractBaseUser | None:
        """Only an address someone confirmed signs in (not the bare ``User.email`` an
        administrator typed); an unconfirmed one is noted, to say so on the page."""
        if not email or "@" not in email:
            return None
        addresses = list(
            EmailAddress.objects.filter(email__iexact=email.strip()).select_related("user")
        )
        for address in sorted(addresses, key=lambda a: not a.verified):
            user = self._check_password(address.user, password)
            if user is None:
                continue
            if address.verified:
                return user
            self._unconfirmed = user
        return None
