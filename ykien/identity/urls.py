"""The citizens' sign-in with the national identity, and the demo provider (answering only when
settings.IDENTITY_DEMO_PROVIDER is on)."""

from __future__ import annotations

from django.urls import path

from ykien.identity import views
from ykien.identity.config import DEMO_PREFIX

app_name = "identity"

urlpatterns = [
    path("dinh-danh/", views.status, name="status"),
    path("dinh-danh/dang-nhap/", views.sign_in, name="sign_in"),
    path("dinh-danh/xac-thuc/", views.callback, name="callback"),
    path("dinh-danh/dang-xuat/", views.sign_out, name="sign_out"),
    path(
        f"{DEMO_PREFIX}/.well-known/openid-configuration",
        views.demo_discovery,
        name="demo_discovery",
    ),
    path(f"{DEMO_PREFIX}/jwks", views.demo_jwks, name="demo_jwks"),
    path(f"{DEMO_PREFIX}/authorize", views.demo_authorize, name="demo_authorize"),
    path(f"{DEMO_PREFIX}/token", views.demo_token, name="demo_token"),
]
