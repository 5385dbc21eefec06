from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "ykien.oversight"
    label = "oversight"
    verbose_name = _("Giám sát")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ykien.core import audit, navigation, pii, worklist
        from ykien.oversight import (
            codes,
            lifecycle,
            permissions,  # noqa: F401  (registers the rules)
        )
        from ykien.oversight.services import feedback_rotate_keys
        from ykien.oversight.views.public import home_section_context
        from ykien.oversight.worklist import provider

        pii.register_rotation(
            "oversight_feedback", feedback_rotate_keys, label=_("Số phản ánh theo Quy định 124")
        )
        audit.register_actions(codes.AuditAction.choices)
        audit.register_actions(codes.LEGACY_AUDIT_ACTIONS.items())
        for cycle in lifecycle.LIFECYCLES:  # every edge's action is listed in codes.AuditAction
            audit.register_lifecycle(
                cycle,
                {
                    e.action: codes.AuditAction(cycle.event_name(e.action)).label
                    for e in cycle.edges
                },
            )
        audit.register_detail_labels(codes.AUDIT_DETAIL_LABELS)
        worklist.register(provider)
        navigation.register(_("Trách nhiệm giải trình"), "oversight:board", order=40)
        navigation.register_workspace_link(
            _("Phản ánh theo Quy định 124"),
            "oversight:feedback_inbox",
            lambda user: user.has_perm("oversight.view_feedback_inbox"),
            order=45,
        )
        navigation.register_home_section(
            "oversight.accountability",
            "oversight/_home_section.html",
            home_section_context,
            order=40,
        )
