"""Root URLs. Each app with a ``urls.py`` (found by ``core.apps_manifest``) is mounted at the site
root under its namespace, in the order of ``INSTALLED_APPS``, so apps add pages without editing
this file. Two exceptions: the API is resolved first (ADR 0004), and the portal, which owns the
site root ``/``, last."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from ykien.core import apps_manifest
from ykien.core import views as core_views

FIRST = "api"  # the busiest path (comment intake): see below
LAST = "portal"  # owns "/"
_APP_URLS = apps_manifest.modules("urls")  # (label, module), in the order of INSTALLED_APPS

# The error pages in the site's layout and the reader's language (core.error_views).
handler400 = "ykien.core.error_views.bad_request"
handler403 = "ykien.core.error_views.permission_denied"
handler404 = "ykien.core.error_views.page_not_found"
handler500 = "ykien.core.error_views.server_error"

admin.site.site_header = "Ý Kiến — Quản trị"
admin.site.site_title = "Ý Kiến"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    # First: the API is the busiest path (comment intake), and every app mounted at "" that a
    # request passes through costs a failed resolve of all its patterns.
    *(path("", include(module)) for label, module in _APP_URLS if label == FIRST),
    path("quan-tri/", admin.site.urls),
    path("captcha/", include("captcha.urls")),
]

urlpatterns += [
    path("", include(module))
    # A stable sort: the portal last, the others in their order.
    for label, module in sorted(_APP_URLS, key=lambda item: item[0] == LAST)
    if label != FIRST
]

if settings.SERVE_MEDIA:
    # Embedded mode: public media (photos, audio) served by Django; behind nginx, nginx serves it.
    # Confidential files never live under MEDIA_ROOT (see PRIVATE_ROOT).
    urlpatterns.append(
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )
