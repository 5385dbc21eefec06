"""Configurable categories (Open311 services beyond the four kinds). Open311 clients hold an
application key of ``core.apikeys``."""

from __future__ import annotations

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
