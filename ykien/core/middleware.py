"""Two-factor authentication is required for roles that can read confidential personal data."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from ykien.core.selectors import user_needs_otp

ALLOWED_PREFIXES = ("/static/", "/media/", "/healthz", "/ngon-ngu/", "/captcha/", "/tai-khoan/")
# Account pages that still need the second factor: an API key made there signs in without one.
OTP_EVEN_UNDER = ("/tai-khoan/khoa-api/",)
# The API answers machines: a session still waiting for its second factor does not sign in there
# (the request goes on as anonymous and gets the operation's documented 401), never a redirect.
API_PREFIX = "/api/"


class RequireOTPForConfidentialRolesMiddleware:
    """A signed-in user holding a confidential role who has not passed TOTP is sent to the
    verification page (or to set up a device first) before any other page; on the API the
    session counts for nothing until then."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and (
                not request.path.startswith(ALLOWED_PREFIXES)
                or request.path.startswith(OTP_EVEN_UNDER)
            )
            and not user.is_verified()  # type: ignore[attr-defined]
            and user_needs_otp(user=user)
        ):
            if request.path.startswith(API_PREFIX):
                request.user = AnonymousUser()
                return self.get_response(request)
            return redirect(f"{reverse('core:otp_verify')}?next={request.get_full_path()}")
        return self.get_response(request)
