"""A citizen's profile: the commune they live in and the language they read."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ykien.core.models import Unit


class Language(models.TextChoices):
    VI = "vi", _("Tiếng Việt")
    EN = "en", _("English")


class Profile(models.Model):
    """One per account (created at sign-up or on the first visit to the profile page). The
    name stays on ``User.full_name``; the e-mail addresses are allauth's ``EmailAddress``."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="profile",
    )
    commune = models.ForeignKey(
        Unit,
        verbose_name=_("xã, phường nơi sinh sống"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(
        _("ngôn ngữ"), max_length=8, choices=Language.choices, blank=True, default=""
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("hồ sơ cá nhân")
        verbose_name_plural = _("hồ sơ cá nhân")

    def __str__(self) -> str:
        return str(self.user)
