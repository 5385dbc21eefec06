"""Keep senders' data out of error reports even with DEBUG on.

Django's ``SafeExceptionReporterFilter`` cleanses ``sensitive_variables`` and
``sensitive_post_parameters`` only when DEBUG is off. Views that handle identities set this
filter on the request, so the technical 500 page of a developer machine or a demo hides them
too."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.debug import SafeExceptionReporterFilter


class ConfidentialReporterFilter(SafeExceptionReporterFilter):
    def is_active(self, request: HttpRequest | None) -> bool:
        return True


def confidential(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        request.exception_reporter_filter = ConfidentialReporterFilter()  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapper
