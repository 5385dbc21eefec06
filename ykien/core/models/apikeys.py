"""API keys: one kind of record for every key the platform gives out. Only a SHA-256 of the key
is stored; the key itself is shown once, when it is made."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ykien.core.fields import person_link, unit_link


class ApiKey(models.Model):
    class Kind(models.TextChoices):
        # A person's own key for the REST API (``Authorization: Bearer …``): it acts as them.
        PERSONAL = "personal", _("Khóa cá nhân")
        # An application's key for Open311 (``api_key``): its requests go to ``unit``.
        APPLICATION = "application", _("Khóa ứng dụng Open311")

    kind = models.CharField(_("loại khóa"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("tên"), max_length=120)
    prefix = models.CharField(_("tiền tố khóa"), max_length=8, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chủ khóa"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="api_keys",
    )
    unit = unit_link(_("đơn vị nhận đơn"), optional=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    created_by = person_link(_("người tạo"))
    last_used_at = models.DateTimeField(_("lần dùng gần nhất"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("khóa API")
        verbose_name_plural = _("khóa API")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="personal") & Q(user__isnull=False))
                | (Q(kind="application") & Q(unit__isnull=False)),
                name="apikey_personal_has_user_application_has_unit",
            ),
            # `ykien apikey revoke NAME` names an application's key.
            models.UniqueConstraint(
                fields=["name"], condition=Q(kind="application"), name="one_application_per_name"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def active(self) -> bool:
        return self.revoked_at is None
