"""The accounts' pages under Vietnamese paths, next to core's sign-in (/tai-khoan/dang-nhap/).

django-allauth's views keep their URL names (``account_signup`` …), which allauth reverses without
a namespace: they are mounted here without one, only those the platform uses. The app's own pages
are in ``site_urls`` under the namespace ``accounts``."""

from __future__ import annotations

from allauth.account import views as allauth_views
from django.conf import settings
from django.urls import include, path, re_path

from ykien.accounts import views
from ykien.core import views as core_views

urlpatterns = [
    # First: "xac-nhan/gui-lai/" must not be taken for a confirmation key.
    path("", include("ykien.accounts.site_urls")),
    path("tai-khoan/dang-ky/", views.signup, name="account_signup"),
    path(
        "tai-khoan/xac-nhan/da-gui/",
        allauth_views.EmailVerificationSentView.as_view(
            extra_context={"confirmation_days": settings.ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS}
        ),
        name="account_email_verification_sent",
    ),
    re_path(
        r"^tai-khoan/xac-nhan/(?P<key>[-:\w]+)/$",
        views.confirm_email,
        name="account_confirm_email",
    ),
    path("tai-khoan/quen-mat-khau/", views.password_reset, name="account_reset_password"),
    path(
        "tai-khoan/quen-mat-khau/da-gui/",
        allauth_views.password_reset_done,
        name="account_reset_password_done",
    ),
    path(
        "tai-khoan/quen-mat-khau/xong/",
        allauth_views.password_reset_from_key_done,
        name="account_reset_password_from_key_done",
    ),
    re_path(
        r"^tai-khoan/quen-mat-khau/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        views.password_reset_from_key,
        name="account_reset_password_from_key",
    ),
    path("tai-khoan/ngung-hoat-dong/", allauth_views.account_inactive, name="account_inactive"),
    # allauth links to these names; core's patterns for the same paths come first and serve them.
    path("tai-khoan/dang-nhap/", core_views.LoginView.as_view(), name="account_login"),
    path("tai-khoan/dang-xuat/", allauth_views.logout, name="account_logout"),
]
