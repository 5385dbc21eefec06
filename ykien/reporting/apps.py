from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "ykien.reporting"
    label = "reporting"
    verbose_name = _("Giao ban, báo cáo")

    def ready(self) -> None:
        from ykien.core import events, navigation
        from ykien.reporting import services
        from ykien.reporting.lifecycle import SUBMISSION

        events.subscribe(f"{SUBMISSION.name}.*", services.on_submission_event)
        navigation.register(
            _("Giao ban"), "reporting:index", order=70, permission="reporting.view_briefing"
        )
