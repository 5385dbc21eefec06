from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "ykien.reporting"
    label = "reporting"
    verbose_name = _("Giao ban, báo cáo")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ykien.core import navigation, worklist
        from ykien.reporting import permissions  # noqa: F401  (registers the rules)
        from ykien.reporting.worklist import work_items

        worklist.register(work_items)
        navigation.register(_("Giao ban"), "reporting:index", order=70)
