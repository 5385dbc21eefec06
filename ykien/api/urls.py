"""The REST API (django-ninja) at /api/v1/: OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs.

Each app with an ``api.py`` that defines ``router`` (a ``ninja.Router``) is mounted at
``/api/v1/<app>/``.
"""

from __future__ import annotations

import importlib
import importlib.util

from django.apps import apps
from django.urls import path
from ninja import NinjaAPI

api = NinjaAPI(
    title="Ý Kiến API",
    version="1.0",
    description="API của nền tảng Ý Kiến: dữ liệu công khai và quy trình nghiệp vụ của cán bộ.",
    urls_namespace="api",
)


@api.get("/health", tags=["core"], summary="Tình trạng dịch vụ")
def health(request):  # type: ignore[no-untyped-def]
    return {"status": "ok"}


for config in apps.get_app_configs():
    if not config.name.startswith("ykien.") or config.label == "api":
        continue
    module_name = f"{config.name}.api"
    if importlib.util.find_spec(module_name) is None:
        continue
    module = importlib.import_module(module_name)
    router = getattr(module, "router", None)
    if router is not None:
        api.add_router(f"/{config.label}/", router, tags=[config.label])

urlpatterns = [path("api/v1/", api.urls)]
