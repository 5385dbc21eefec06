from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "ykien.oversight"
    label = "oversight"
    verbose_name = _("Giám sát")

    def ready(self) -> None:
        from ykien.core import feeds, navigation, pii
        from ykien.oversight.services import feedback_rotate_keys
        from ykien.oversight.views.public import home_section_context

        pii.register_rotation(
            "oversight_feedback", feedback_rotate_keys, label=_("Số phản ánh theo Quy định 124")
        )
        navigation.register(_("Trách nhiệm giải trình"), "oversight:board", order=40)
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
