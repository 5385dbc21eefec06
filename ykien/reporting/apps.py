from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "ykien.reporting"
    label = "reporting"
    verbose_name = _("Giao ban, báo cáo")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ykien.core import audit, events, navigation, worklist
        from ykien.reporting import (
            codes,
            permissions,  # noqa: F401  (registers the rules)
            services,
        )
        from ykien.reporting.lifecycle import SUBMISSION
        from ykien.reporting.worklist import work_items

        audit.register_actions(codes.AuditAction.choices)
        events.subscribe(f"{SUBMISSION.name}.*", services.on_submission_event)
        audit.register_detail_labels(codes.AUDIT_DETAIL_LABELS)
        for model in ("reporting.submission", "reporting.reminder"):
            audit.register_value_format("period", codes.period_title, object_type=model)
        audit.register_value_format(
            "values", codes.indicator_values, object_type="reporting.submission"
        )
        audit.register_value_format("recipients", codes.usernames, object_type="reporting.reminder")
        audit.register_value_format(
            "applies_to", codes.applies_to, object_type="reporting.indicator"
        )
        audit.register_value_format(
            "computed_code", codes.computed_source, object_type="reporting.indicator"
        )

        worklist.register(work_items)
        navigation.register(
            _("Giao ban"), "reporting:index", order=70, permission="reporting.view_briefing"
        )
