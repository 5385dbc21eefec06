from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "ykien.oversight"
    label = "oversight"
    verbose_name = _("Giám sát")
    default_auto_field = "django.db.models.BigAutoField"
