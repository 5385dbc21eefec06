from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def register_staff_menu() -> None:
    """The petitions' entries of the staff menu (the views check ``petitions.view_petition``)."""
    from ykien.core import navigation

    view = "petitions.view_petition"
    for order, (label, url_name, query) in enumerate(
        [
            (_("Đơn thư đã tiếp nhận"), "petitions:staff_list", ""),
            (_("Nhận đơn trực tiếp"), "petitions:staff_intake", ""),
            (_("Đơn tôi xử lý"), "petitions:staff_list", "mine=on"),
            (_("Sắp đến hạn và quá hạn"), "petitions:staff_due", ""),
            (_("Đơn đã chuyển cơ quan ngoài Mặt trận"), "petitions:staff_transferred", ""),
        ]
    ):
        navigation.register_staff(
            "petitions", label, url_name, permission=view, order=10 * (order + 1), query=query
        )
    for name, label in {
        "staff_detail": _("Hồ sơ đơn thư"),
        "staff_reveal": _("Xem danh tính người gửi"),
        "staff_attachment": _("Tệp đính kèm"),
        "staff_action": _("Xử lý đơn thư"),
        "staff_export": _("Xuất danh sách đơn thư"),
        "staff_export_xlsx": _("Xuất danh sách đơn thư"),
        "staff_bulk": _("Xử lý hàng loạt"),
    }.items():
        navigation.register_staff_page(f"petitions:{name}", label)


class PetitionsConfig(AppConfig):
    name = "ykien.petitions"
    label = "petitions"
    verbose_name = _("Phản ánh, kiến nghị, khiếu nại, tố cáo")

    def ready(self) -> None:
        from ykien.core import audit, fulltext, navigation, pii
        from ykien.petitions import lifecycle, services
        from ykien.petitions.models import Petition

        fulltext.register(Petition, "search_text")

        audit.register_value_labels(
            "refusal_ground", {g.code: g.label for g in lifecycle.REFUSAL_GROUNDS}
        )

        pii.register_rotation("petitions", services.identities_rotate, label=_("Số đơn thư"))
        pii.register_rotation(
            "attachments", services.attachments_rotate, label=_("Số tệp đính kèm")
        )

        navigation.register(_("Phản ánh, kiến nghị"), "petitions:home", order=30)
        register_staff_menu()
        navigation.register_home_section(
            "petitions", "petitions/_home_section.html", lambda request: {}, order=30
        )
