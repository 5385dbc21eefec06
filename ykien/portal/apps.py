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
        search.register_listener(on_search_changed)
        # The portal stores, speaks and serves the audio every app asks for (core.audio).
        audio.register_store(lambda key, text: services.audio_request(key=key, text=text))
