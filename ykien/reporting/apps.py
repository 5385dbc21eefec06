from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _briefing_staff(user: object) -> bool:
    """What the briefing index checks: a superuser, or a staff role at a unit."""
    from ykien.core.selectors import user_units
    from ykien.reporting.permissions import VIEW_ROLES

    return bool(getattr(user, "is_superuser", False) or user_units(user=user, roles=VIEW_ROLES))  # type: ignore[arg-type]


def register_staff_menu() -> None:
    """The briefings' entry of the staff menu (periods, entry, approval and reports start from
    the index, which needs no unit or period) and the titles of the pages under it."""
    from ykien.core import navigation

    navigation.register_staff(
        "briefings", _("Số liệu giao ban"), "reporting:index", visible=_briefing_staff, order=10
    )
    for name, label in {
        "period": _("Tình hình nộp số liệu của kỳ"),
        "entry": _("Nhập và duyệt số liệu"),
        "decide": _("Duyệt số liệu"),
        "dashboard": _("Báo cáo giao ban"),
        "download": _("Báo cáo giao ban"),
        "upload": _("Nhập số liệu từ tệp"),
        "upload_confirm": _("Nhập số liệu từ tệp"),
        "upload_template": _("Nhập số liệu từ tệp"),
        "period_export": _("Xuất danh sách"),
        "period_bulk": _("Duyệt số liệu"),
        "open_data": _("Dữ liệu mở"),
        "targets": _("Giao chỉ tiêu cho đơn vị"),
    }.items():
        navigation.register_staff_page(f"reporting:{name}", label)


class ReportingConfig(AppConfig):
    name = "ykien.reporting"
    label = "reporting"
    verbose_name = _("Giao ban, báo cáo")

    def ready(self) -> None:
        from ykien.core import events, navigation
        from ykien.reporting import services
        from ykien.reporting.lifecycle import SUBMISSION

        events.subscribe(f"{SUBMISSION.name}.*", services.on_submission_event)
        navigation.register(
            _("Giao ban"), "reporting:index", order=70, permission="reporting.view_briefing"
        )
        register_staff_menu()
