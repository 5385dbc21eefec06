from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "ykien.participation"
    label = "participation"
    verbose_name = _("Theo dõi và thông báo")

    def ready(self) -> None:
        from ykien.core import events
        from ykien.participation import delivery

        events.subscribe("*", delivery.on_event)
