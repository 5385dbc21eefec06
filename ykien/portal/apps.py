from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "ykien.portal"
    label = "portal"
    verbose_name = _("Cổng thông tin")

    def ready(self) -> None:
        from ykien.core import audio, navigation, search
        from ykien.portal import services
        from ykien.portal.tasks import on_search_changed

        navigation.register(_("Tin tức"), "portal:article_list", order=20)
        navigation.register(_("Tìm kiếm"), "portal:search", order=90)
        navigation.register_staff(
            "portal",
            _("Tin bài"),
            "portal:manage_list",
            permission="portal.manage_article",
            order=10,
        )
        navigation.register_staff(
            "portal",
            _("Viết tin mới"),
            "portal:manage_create",
            permission="portal.manage_article",
            order=20,
        )
        navigation.register_staff(
            "portal",
            _("Ý kiến bạn đọc"),
            "portal:moderation",
            permission="portal.moderate_feedback",
            order=30,
        )
        for name, label in {
            "manage_edit": _("Sửa tin bài"),
            "manage_preview": _("Xem trước tin bài"),
            "manage_photo_add": _("Thêm ảnh"),
            "manage_photo_remove": _("Xoá ảnh"),
            "manage_transition": _("Chuyển trạng thái tin bài"),
            "moderate": _("Kiểm duyệt ý kiến bạn đọc"),
            "moderation_bulk": _("Kiểm duyệt ý kiến bạn đọc"),
            "manage_export": _("Xuất danh sách"),
            "manage_export_xlsx": _("Xuất danh sách"),
            "moderation_export": _("Xuất danh sách"),
            "moderation_export_xlsx": _("Xuất danh sách"),
        }.items():
            navigation.register_staff_page(f"portal:{name}", label)
        search.register_listener(on_search_changed)
        # The portal stores, speaks and serves the audio every app asks for (core.audio).
        audio.register_store(lambda key, text: services.audio_request(key=key, text=text))
