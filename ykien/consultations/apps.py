from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def home_context(request: Any = None) -> dict[str, Any]:
    """The "open drafts" block of the public home page (callable with or without a request)."""
    from ykien.consultations.selectors import drafts_open
    from ykien.core.selectors import today

    return {"drafts": drafts_open(on=today(), limit=5)}


def _staff_units(user: Any) -> list[Any]:
    from ykien.core.models import Role
    from ykien.core.selectors import user_units

    return list(user_units(user=user, roles=[Role.OFFICER, Role.LEADER]))


def register_staff_menu() -> None:
    """The drafts' entries of the staff menu (each shown as its view decides) and the titles of
    the pages under them (breadcrumbs)."""
    from ykien.core import navigation
    from ykien.core.models import Role
    from ykien.core.selectors import holds_role, today

    navigation.register_staff(
        "drafts",
        _("Dự thảo đã tiếp nhận"),
        "consultations:staff_list",
        visible=lambda user: user.is_superuser or bool(_staff_units(user)),
        order=10,
    )
    navigation.register_staff(
        "drafts",
        _("Tiếp nhận dự thảo mới"),
        "consultations:register",
        visible=lambda user: any(u.is_valid_on(today()) for u in _staff_units(user)),
        order=20,
    )
    navigation.register_staff(
        "drafts",
        _("Trả lời phản biện"),
        "consultations:respondent_list",
        visible=lambda user: holds_role(user=user, roles=[Role.RESPONDENT]),
        order=80,
    )
    draft_pages = {
        "staff_draft": _("Hồ sơ dự thảo"),
        "edit": _("Sửa thông tin dự thảo"),
        "transition": _("Chuyển trạng thái dự thảo"),
        "upload": _("Tải lên phiên bản mới"),
        "review": _("Rà soát phiên bản"),
        "moderation": _("Kiểm duyệt góp ý"),
        "moderate_comment": _("Kiểm duyệt góp ý"),
        "moderate_statement": _("Kiểm duyệt nhận định"),
        "moderation_bulk": _("Kiểm duyệt góp ý"),
        "moderation_export": _("Xuất danh sách góp ý"),
        "moderation_export_xlsx": _("Xuất danh sách góp ý"),
        "staff_export": _("Xuất danh sách"),
        "staff_export_xlsx": _("Xuất danh sách"),
        "statements_bulk": _("Kiểm duyệt nhận định"),
        "experts": _("Mời chuyên gia"),
        "conference": _("Hội nghị phản biện"),
        "conference_edit": _("Hội nghị phản biện"),
        "attachment": _("Tài liệu hội nghị"),
        "points": _("Điểm phản biện"),
        "point_edit": _("Điểm phản biện"),
        "document": _("Văn bản phản biện"),
    }
    for name, label in draft_pages.items():
        navigation.register_staff_page(f"consultations:{name}", label)
    for name in ("analysis", "analysis_status", "analysis_topic_point"):
        navigation.register_staff_page(
            f"consultations:{name}", _("Phân tích góp ý"), parent="consultations:staff_list"
        )
    navigation.register_staff_page(
        "consultations:respondent_draft",
        _("Trả lời điểm phản biện"),
        parent="consultations:respondent_list",
    )


class ConsultationsConfig(AppConfig):
    name = "ykien.consultations"
    label = "consultations"
    verbose_name = _("Phản biện xã hội")

    def ready(self) -> None:
        from ykien.consultations import codes
        from ykien.core import audit, navigation

        audit.register_detail_labels(codes.TREE_EDIT_LABELS, actions=codes.TREE_EDIT_ACTIONS)
        navigation.register(_("Dự thảo"), "consultations:drafts", order=20)
        register_staff_menu()
        navigation.register_home_section(
            "consultations",
            "consultations/home_section.html",
            home_context,
            order=10,
        )
