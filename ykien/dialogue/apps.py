from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _organises(user: object) -> bool:
    """What the officers' dialogue pages check: a superuser, or a role at a front committee."""
    from ykien.dialogue.selectors import front_units_for

    return bool(front_units_for(user=user))  # type: ignore[arg-type]


def _answers_commitments(user: object) -> bool:
    from ykien.core.models import Role
    from ykien.core.selectors import role_grants_valid

    return role_grants_valid(
        user=user,  # type: ignore[arg-type]
        roles=[Role.HEAD_OFFICE, Role.RESPONDENT],
    ).exists()


def register_staff_menu() -> None:
    """The dialogue entries of the staff menu and the titles of the pages under them."""
    from ykien.core import navigation

    # The area of the heads' duty to meet the People, shared with ykien.reception (same words).
    navigation.register_staff_area("dialogue", _("Tiếp dân, đối thoại"), order=35)
    navigation.register_staff(
        "dialogue", _("Cuộc đối thoại trực tiếp"), "dialogue:desk", visible=_organises, order=30
    )
    navigation.register_staff(
        "dialogue", _("Lập kế hoạch đối thoại"), "dialogue:create", visible=_organises, order=40
    )
    navigation.register_staff(
        "dialogue",
        _("Cam kết cần báo cáo"),
        "dialogue:to_answer",
        visible=_answers_commitments,
        order=50,
    )
    page = navigation.register_staff_page
    page("dialogue:desk_export", _("Cuộc đối thoại trực tiếp"), parent="dialogue:desk")
    page("dialogue:desk_export_xlsx", _("Cuộc đối thoại trực tiếp"), parent="dialogue:desk")
    page("dialogue:manage", _("Cuộc đối thoại"), parent="dialogue:desk")
    page("dialogue:action", _("Cuộc đối thoại"), parent="dialogue:desk")
    page("dialogue:grouped", _("Câu hỏi đã nhóm"), parent="dialogue:desk")
    page("dialogue:grouped_document", _("Câu hỏi đã nhóm"), parent="dialogue:desk")
    page("dialogue:raise", _("Ghi câu hỏi nêu tại buổi đối thoại"), parent="dialogue:desk")
    page("dialogue:question_action", _("Câu hỏi"), parent="dialogue:desk")
    page(
        "dialogue:commitment_create",
        _("Ghi nhận cam kết của người đứng đầu"),
        parent="dialogue:desk",
    )
    page("dialogue:commitment_action", _("Cam kết"), parent="dialogue:desk")
    page("dialogue:commitment_answer", _("Báo cáo thực hiện cam kết"), parent="dialogue:to_answer")


class DialogueConfig(AppConfig):
    name = "ykien.dialogue"
    label = "dialogue"
    verbose_name = _("Đối thoại")

    def ready(self) -> None:
        from ykien.core import navigation
        from ykien.dialogue.views.public import board_section_context

        navigation.register(_("Đối thoại"), "dialogue:list", order=46)
        register_staff_menu()
        navigation.register_board_section(
            "dialogue.commitments",
            "dialogue/_board_section.html",
            board_section_context,
            order=50,
        )
