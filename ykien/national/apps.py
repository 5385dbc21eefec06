from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NationalConfig(AppConfig):
    name = "ykien.national"
    label = "national"
    verbose_name = _("Lấy ý kiến toàn quốc")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ykien.core import navigation

        navigation.register(_("Lấy ý kiến toàn quốc"), "national:list", order=25)
        # Reached from the staff page of a draft ({% national_manage_link %}).
        navigation.register_staff_page(
            "national:manage", _("Lấy ý kiến toàn quốc"), parent="consultations:staff_list"
        )
