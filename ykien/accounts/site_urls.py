"""The accounts app's own pages (namespace ``accounts``)."""

from __future__ import annotations

from django.urls import path

from ykien.accounts import views

app_name = "accounts"

urlpatterns = [
    path("tai-khoan/xac-nhan/gui-lai/", views.resend_confirmation, name="resend"),
    path("tai-khoan/ho-so/", views.profile, name="profile"),
    path("tai-khoan/xoa/", views.delete_account, name="delete"),
    path("tai-khoan/da-xoa/", views.deleted, name="deleted"),
]
