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
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ykien.consultations import (
            codes,
            lifecycle,
            permissions,  # noqa: F401  (registers the rules)
        )
        from ykien.consultations.worklist import provider
        from ykien.core import audit, navigation, worklist

        audit.register_actions(codes.AuditAction.choices)
        for declared in lifecycle.LIFECYCLES:
            audit.register_lifecycle(declared, codes.LIFECYCLE_LABELS.get(declared.name, {}))
        audit.register_detail_labels(codes.AUDIT_DETAIL_LABELS)
        audit.register_detail_labels(codes.TREE_EDIT_LABELS, actions=codes.TREE_EDIT_ACTIONS)
        for key in ("path", "other"):
            audit.register_value_format(
                key, codes.structure_place, object_type="consultations.draftversion"
            )
        audit.register_value_format(
            "kind", codes.node_kind, object_type="consultations.draftversion"
        )
        worklist.register(provider)
        navigation.register(_("Dự thảo"), "consultations:drafts", order=20)
        navigation.register_home_section(
            "consultations",
            "consultations/home_section.html",
            home_context,
            order=10,
        )
