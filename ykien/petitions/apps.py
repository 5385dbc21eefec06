from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "ykien.petitions"
    label = "petitions"
    verbose_name = _("Phản ánh, kiến nghị, khiếu nại, tố cáo")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ykien.core import audit, navigation, pii, worklist
        from ykien.petitions import (
            codes,
            lifecycle,
            permissions,  # noqa: F401  (registers the rules)
            services,
        )
        from ykien.petitions.worklist import petition_work_items

        audit.register_lifecycle(lifecycle.PETITION, codes.STEP_AUDIT_LABELS)
        audit.register_actions(codes.AuditAction.choices)
        audit.register_actions(codes.FORMER_AUDIT_ACTIONS.items())
        audit.register_detail_labels(codes.AUDIT_DETAIL_LABELS)
        audit.register_value_labels(
            "refusal_ground", {g.code: g.label for g in lifecycle.REFUSAL_GROUNDS}
        )

        pii.register_rotation("petitions", services.identities_rotate, label=_("Số đơn thư"))
        pii.register_rotation(
            "attachments", services.attachments_rotate, label=_("Số tệp đính kèm")
        )

        navigation.register(_("Phản ánh, kiến nghị"), "petitions:home", order=30)
        navigation.register_home_section(
            "petitions", "petitions/_home_section.html", lambda request: {}, order=30
        )
        worklist.register(petition_work_items)
