"""The site's URLs plus one page that fails as when the database is down (test_site_chrome)."""

from __future__ import annotations

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.urls import path

from ykien.urls import handler400, handler403, handler404, handler500
from ykien.urls import urlpatterns as site

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def broken(request: HttpRequest) -> HttpResponse:
    raise OperationalError("could not connect to server")


urlpatterns = [path("hong/", broken), *site]
