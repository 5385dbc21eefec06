from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "ykien.core"
    label = "core"
    verbose_name = _("Lõi hệ thống")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ykien.core import navigation, permissions  # noqa: F401  (registers the rules)

        navigation.register(_("Đơn vị"), "core:unit_list", order=80)
        navigation.register(
            _("Bàn làm việc"), "core:workspace", order=95, permission="core.view_workspace"
        )
