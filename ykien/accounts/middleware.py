"""The language of a citizen's profile, applied when they sign in: set as the site's language
cookie (the language switch's cookie, which core.locale_middleware reads)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from ykien.core.locale_middleware import set_language_cookie

# Set on the request by ``remember_profile_language``; read by the middleware on the way out.
ATTRIBUTE = "_accounts_language"


def remember_profile_language(
    sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any
) -> None:
    """``user_logged_in``: note the profile's language, if any, for the response."""
    from ykien.accounts import selectors

    if request is None:
        return
    language = selectors.profile_language(user=user)
    if language in {code for code, _name in settings.LANGUAGES}:
        setattr(request, ATTRIBUTE, language)


class ProfileLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        language = getattr(request, ATTRIBUTE, None)
        if language:
            set_language_cookie(response, language)
        elif _switched(request, response):
            # The header's language switch, used by a signed-in person, is their choice too:
            # the profile follows it, so the next sign-in and the mails keep it.
            from ykien.accounts import services

            services.profile_language_set(user=request.user, language=request.POST["language"])
        return response


def _switched(request: HttpRequest, response: HttpResponse) -> bool:
    from django.urls import reverse

    return (
        request.method == "POST"
        and request.user.is_authenticated
        and response.status_code in (200, 302)
        and request.path == reverse("core:language")
        and request.POST.get("language") in {code for code, _name in settings.LANGUAGES}
    )
