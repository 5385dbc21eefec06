from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    name = "ykien.identity"
    label = "identity"
    verbose_name = _("Định danh công dân")

    def ready(self) -> None:
        from django.core.signals import setting_changed

        from ykien.identity import config

        # A test that changes the provider's settings gets a new client and key cache.
        setting_changed.connect(config.settings_changed, dispatch_uid="identity.settings_changed")
