from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "ykien.accounts"
    label = "accounts"
    verbose_name = _("Tài khoản công dân")

    def ready(self) -> None:
        from django.contrib.auth import signals

        from ykien.accounts import middleware

        # Core's sign-in page (core.views.LoginView) knows nothing of profiles: the language of
        # a citizen's profile is applied when they sign in, whatever page signed them in.
        signals.user_logged_in.connect(
            middleware.remember_profile_language, dispatch_uid="accounts.profile_language"
        )
