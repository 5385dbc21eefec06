from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReceptionConfig(AppConfig):
    name = "ykien.reception"
    label = "reception"
    verbose_name = _("Tiếp công dân")

    def ready(self) -> None:
        from ykien.core import navigation

        navigation.register(_("Lịch tiếp công dân"), "reception:schedule", order=45)
        # The area of the heads' duty to meet the People (shared with ykien.dialogue).
        navigation.register_staff_area("dialogue", _("Tiếp dân, đối thoại"), order=35)
        navigation.register_staff(
            "dialogue",
            _("Giám sát việc tiếp công dân"),
            "reception:supervision",
            permission="reception.supervise",
            order=10,
        )
        navigation.register_staff(
            "dialogue",
            _("Lịch và sổ tiếp công dân"),
            "reception:office",
            permission="reception.manage",
            order=20,
        )
        for name, label in {
            "session": _("Buổi tiếp công dân"),
            "session_transition": _("Chuyển trạng thái buổi tiếp"),
            "entry_create": _("Ghi sổ tiếp công dân"),
            "entry_reveal": _("Xem danh tính người được tiếp"),
            "office_export": _("Lịch và sổ tiếp công dân"),
            "office_export_xlsx": _("Lịch và sổ tiếp công dân"),
        }.items():
            navigation.register_staff_page(f"reception:{name}", label)
