from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysisConfig(AppConfig):
    name = "ykien.analysis"
    label = "analysis"
    verbose_name = _("Phân tích văn bản")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ykien.analysis import codes
        from ykien.core import audit

        audit.register_actions(codes.AuditAction.choices)
        audit.register_detail_labels(codes.AUDIT_DETAIL_LABELS)
