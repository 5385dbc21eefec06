from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "ykien.petitions"
    label = "petitions"
    verbose_name = _("Phản ánh, kiến nghị, khiếu nại, tố cáo")

    def ready(self) -> None:
        from ykien.core import audit, navigation, pii
        from ykien.petitions import lifecycle, services

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
