from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "ykien.consultations"
    label = "consultations"
    verbose_name = _("Phản biện xã hội")
    default_auto_field = "django.db.models.BigAutoField"
