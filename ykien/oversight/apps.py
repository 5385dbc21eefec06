from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def _runs_supervision(user: object) -> bool:
    """What the officers' supervision pages check: a superuser, or a role at a front committee."""
    from ykien.oversight.selectors import front_units_for

    return bool(getattr(user, "is_superuser", False) or front_units_for(user=user))  # type: ignore[arg-type]


def _front_units(user: object) -> bool:
    from ykien.oversight.selectors import front_units_for

    return bool(front_units_for(user=user))  # type: ignore[arg-type]


def _answers_recommendations(user: object) -> bool:
    from ykien.core.models import Role
    from ykien.core.selectors import role_grants_valid

    return role_grants_valid(user=user, roles=[Role.RESPONDENT]).exists()  # type: ignore[arg-type]


def register_staff_menu() -> None:
    """Supervision's entries of the staff menu and the titles of the pages under them."""
    from ykien.core import navigation

    entry = navigation.register_staff
    entry(
        "oversight",
        _("Chương trình và cuộc giám sát"),
        "oversight:dashboard",
        visible=_runs_supervision,
        order=10,
    )
    entry(
        "oversight",
        _("Lập chương trình giám sát"),
        "oversight:programme_create",
        visible=_front_units,
        order=20,
    )
    entry(
        "oversight",
        _("Tạo cuộc giám sát"),
        "oversight:activity_create",
        visible=_front_units,
        order=30,
    )
    entry(
        "oversight",
        _("Kiến nghị sau giám sát"),
        "oversight:recommendation_list",
        visible=_runs_supervision,
        order=40,
    )
    entry(
        "oversight",
        _("Phản ánh theo Quy định 124"),
        "oversight:feedback_inbox",
        permission="oversight.view_feedback_inbox",
        order=50,
    )
    entry(
        "oversight", _("Báo cáo định kỳ"), "oversight:period_report", visible=_front_units, order=60
    )
    entry(
        "oversight",
        _("Chức danh người đứng đầu"),
        "oversight:positions",
        visible=_runs_supervision,
        order=70,
    )
    entry(
        "oversight",
        _("Kiến nghị cần trả lời"),
        "oversight:respondent_list",
        visible=_answers_recommendations,
        order=80,
    )
    page = navigation.register_staff_page
    for name, label in {
        "programme_detail": _("Chương trình giám sát"),
        "programme_item_add": _("Thêm nội dung giám sát"),
        "programme_agree": _("Thống nhất chương trình"),
        "programme_item_edit": _("Sửa nội dung chương trình giám sát"),
        "programme_item_cancel": _("Hủy nội dung chương trình giám sát"),
        "activity_detail": _("Cuộc giám sát"),
        "activity_report_file": _("Báo cáo kết quả giám sát"),
        "activity_action": _("Cuộc giám sát"),
        "activity_document": _("Tài liệu cuộc giám sát"),
        "recommendation_detail": pgettext_lazy("đường dẫn", "Kiến nghị"),
        "recommendation_action": pgettext_lazy("đường dẫn", "Kiến nghị"),
        "feedback_detail": pgettext_lazy("đường dẫn", "Phản ánh"),
        "recommendation_export": _("Xuất danh sách"),
        "recommendation_remind": _("Nhắc trả lời kiến nghị quá hạn"),
        "feedback_inbox_export": _("Xuất danh sách"),
        "positions_export": _("Xuất danh sách"),
    }.items():
        page(f"oversight:{name}", label)
    page("oversight:answer", _("Trả lời kiến nghị"), parent="oversight:respondent_list")
    page("oversight:respondent_export", _("Xuất danh sách"), parent="oversight:respondent_list")
    # Open to any signed-in person: its title where the reader's menu has no such entry.
    page("oversight:respondent_list", _("Kiến nghị cần trả lời"))
    page("oversight:board_detail", _("Ban giám sát"), parent="oversight:dashboard")


class OversightConfig(AppConfig):
    name = "ykien.oversight"
    label = "oversight"
    verbose_name = _("Giám sát")

    def ready(self) -> None:
        from ykien.core import feeds, fulltext, navigation, pii
        from ykien.oversight.models import ConductFeedback, Recommendation
        from ykien.oversight.services import feedback_rotate_keys
        from ykien.oversight.views.public import home_section_context

        fulltext.register(ConductFeedback, "search_text")
        fulltext.register(Recommendation, "search_text")

        pii.register_rotation(
            "oversight_feedback", feedback_rotate_keys, label=_("Số phản ánh theo Quy định 124")
        )
        navigation.register(_("Trách nhiệm giải trình"), "oversight:board", order=40)
        register_staff_menu()
        feeds.register_unit_feed(_("Kết quả giám sát (Atom)"), "oversight:unit_feed")
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
