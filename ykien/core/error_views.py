"""The site's error pages (400, 403, 404, 500) and the page of a refused form (CSRF): the site's
layout, in the reader's language, with a way back; never Django's bare English pages.

The 500 page is rendered without the request's context processors (the error may be the
database's), from a template that needs neither the database nor the session."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import requires_csrf_token


def _back_url(request: HttpRequest) -> str:
    """The page the reader came from, when it is a page of this site (the browser sends it:
    ``Referrer-Policy: same-origin``); otherwise empty."""
    referer = request.META.get("HTTP_REFERER", "")
    try:
        host = request.get_host()
    except Exception:  # DisallowedHost: a 400 for a request to another host name
        return ""
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={host}, require_https=request.is_secure()
    ):
        return referer
    return ""


def _message(exception: Exception | None) -> str:
    """The translated reason a view gave with its ``PermissionDenied`` (empty when none)."""
    if exception is None or not exception.args or not isinstance(exception.args[0], str):
        return ""
    return str(exception.args[0])


def _render(
    request: HttpRequest, template: str, status: int, context: dict[str, Any] | None = None
) -> HttpResponse:
    context = {"back_url": _back_url(request), "status": status, **(context or {})}
    body = loader.render_to_string(template, context, request=request)
    return HttpResponse(body, status=status)


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, "400.html", 400)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, "403.html", 403, {"reason": _message(exception)})


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, "404.html", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context: no context processor (user, menu, messages) may touch the database.
    body = loader.render_to_string("500.html", {"back_url": _back_url(request), "status": 500})
    return HttpResponse(body, status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """settings.CSRF_FAILURE_VIEW: a form sent without its valid security token (a page kept open
    too long, cookies switched off). ``reason`` is Django's English, for the log only."""
    return _render(request, "403_csrf.html", 403)
