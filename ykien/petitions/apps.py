from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "ykien.petitions"
    label = "petitions"
    verbose_name = _("Phản ánh, kiến nghị, khiếu nại, tố cáo")
    default_auto_field = "django.db.models.BigAutoField"
