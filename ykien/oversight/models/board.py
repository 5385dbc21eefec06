"""Members of a commune's people's inspection board or community investment supervision board
(the boards themselves are ``core.Unit`` of kind ``inspection_board`` / ``investment_board``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ykien.core.fields import unit_link


class BoardMember(models.Model):
    class Position(models.TextChoices):
        HEAD = "head", _("Trưởng ban")
        DEPUTY = "deputy", _("Phó Trưởng ban")
        MEMBER = "member", _("Thành viên")

    board = unit_link(_("Ban"))
    full_name = models.CharField(_("họ và tên"), max_length=150)
    position = models.CharField(
        _("chức danh"), max_length=10, choices=Position.choices, default=Position.MEMBER
    )
    note = models.CharField(
        _("ghi chú"), max_length=255, blank=True, help_text=_("Ví dụ: ấp, tổ dân phố cư trú.")
    )
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("thành viên Ban")
        verbose_name_plural = _("thành viên Ban")
        ordering = ["board", "position", "full_name"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_position_display()})"
