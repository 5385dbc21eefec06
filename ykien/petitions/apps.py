from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "ykien.petitions"
    label = "petitions"
    verbose_name = _("Phản ánh, kiến nghị, khiếu nại, tố cáo")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ykien.core import navigation, worklist
        from ykien.petitions import permissions  # noqa: F401  (registers the rules)
        from ykien.petitions.worklist import petition_work_items

        navigation.register(_("Phản ánh, kiến nghị"), "petitions:home", order=30)
        navigation.register_home_section(
            "petitions", "petitions/_home_section.html", lambda request: {}, order=30
        )
        worklist.register(petition_work_items)
