from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpertsConfig(AppConfig):
    name = "ykien.experts"
    label = "experts"
    verbose_name = _("Chuyên gia")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ykien.core import audit
        from ykien.experts import (
            codes,
            permissions,  # noqa: F401  (registers the rules)
        )

        audit.register_actions(codes.AuditAction.choices)
