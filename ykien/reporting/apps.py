from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "ykien.reporting"
    label = "reporting"
    verbose_name = _("Giao ban, báo cáo")
    default_auto_field = "django.db.models.BigAutoField"
