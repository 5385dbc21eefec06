from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "ykien.portal"
    label = "portal"
    verbose_name = _("Cổng thông tin")
    default_auto_field = "django.db.models.BigAutoField"
