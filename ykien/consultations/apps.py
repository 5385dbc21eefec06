from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def home_context(request: Any = None) -> dict[str, Any]:
    """The "open drafts" block of the public home page (callable with or without a request)."""
    from ykien.consultations.selectors import drafts_open
    from ykien.core.selectors import today

    return {"drafts": drafts_open(on=today(), limit=5)}


class ConsultationsConfig(AppConfig):
    name = "ykien.consultations"
    label = "consultations"
    verbose_name = _("Phản biện xã hội")

    def ready(self) -> None:
        from ykien.consultations import codes
        from ykien.core import audit, navigation

        audit.register_detail_labels(codes.TREE_EDIT_LABELS, actions=codes.TREE_EDIT_ACTIONS)
        navigation.register(_("Dự thảo"), "consultations:drafts", order=20)
        navigation.register_home_section(
            "consultations",
            "consultations/home_section.html",
            home_context,
            order=10,
        )
