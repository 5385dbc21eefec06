from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpertsConfig(AppConfig):
    name = "ykien.experts"
    label = "experts"
    verbose_name = _("Chuyên gia")

    def ready(self) -> None:
        from ykien.core import navigation

        navigation.register_staff(
            "drafts", _("Chuyên gia"), "experts:list", permission="experts.view_roster", order=30
        )
        navigation.register_staff_page("experts:create", _("Thêm chuyên gia"))
        navigation.register_staff_page("experts:edit", _("Sửa thông tin chuyên gia"))
        for name in ("export", "export_xlsx"):
            navigation.register_staff_page(f"experts:{name}", _("Xuất danh sách"))
