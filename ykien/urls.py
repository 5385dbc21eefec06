"""Root URLs. Each app with a ``urls.py`` is mounted automatically under its namespace, so apps
add pages without editing this file; ``portal`` owns the site root."""

from __future__ import annotations

import importlib
import importlib.util

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from ykien.core import views as core_views

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
    path("", include("ykien.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
    path("captcha/", include("captcha.urls")),
]

for app in (
    "core",
    "experts",
    "consultations",
    "petitions",
    "oversight",
    "reporting",
    "analysis",
    "portal",
):
    module = f"ykien.{app}.urls"
    if importlib.util.find_spec(module) is not None:
        urlpatterns.append(path("", include(module)))

if settings.SERVE_MEDIA:
    # Embedded mode: public media (photos, audio) served by Django; behind nginx, nginx serves it.
    # Confidential files never live under MEDIA_ROOT (see PRIVATE_ROOT).
    urlpatterns.append(
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )
