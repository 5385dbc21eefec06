from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "ykien.portal"
    label = "portal"
    verbose_name = _("Cổng thông tin")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ykien.core import audio, audit, navigation, search, worklist
        from ykien.portal import (
            codes,
            permissions,  # noqa: F401  (registers the rules)
            services,
        )
        from ykien.portal.tasks import on_search_changed
        from ykien.portal.worklist import feedback_to_moderate

        audit.register_actions(codes.AuditAction.choices)
        audit.register_detail_labels(codes.AUDIT_DETAIL_LABELS)
        audit.register_value_format("links", codes.article_links, object_type="portal.article")

        navigation.register(_("Tin tức"), "portal:article_list", order=20)
        navigation.register(_("Tìm kiếm"), "portal:search", order=90)
        search.register_listener(on_search_changed)
        # The portal stores, speaks and serves the audio every app asks for (core.audio).
        audio.register_store(lambda key, text: services.audio_request(key=key, text=text))
        worklist.register(feedback_to_moderate)
