"""Configurable categories (Open311 services beyond the four kinds) and Open311 API clients."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceCategory(models.Model):
    """A field of petitions (roads, environment, land, social policy …). In Open311 each active
    category is a service whose requests are reports (phản ánh) routed to ``default_unit``."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=120)
    description = models.TextField(_("mô tả"), blank=True)
    group = models.CharField(_("nhóm"), max_length=60, blank=True)
    keywords = models.CharField(_("từ khóa"), max_length=255, blank=True)
    default_unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("đơn vị tiếp nhận mặc định"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    active = models.BooleanField(_("đang dùng"), default=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=50)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class ApiClient(models.Model):
    """An application allowed to POST Open311 requests. Only a SHA-256 of the key is stored;
    the key itself is printed once by ``ykien apikey create NAME``."""

    name = models.CharField(_("tên ứng dụng"), max_length=120, unique=True)
    prefix = models.CharField(max_length=8, db_index=True, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("đơn vị nhận đơn"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    active = models.BooleanField(_("đang dùng"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("khóa API Open311")
        verbose_name_plural = _("khóa API Open311")

    def __str__(self) -> str:
        return self.name
