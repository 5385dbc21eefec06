"""Deadline rules (with their legal basis) and the administrator's holiday overrides."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class HolidayOverride(models.Model):
    """A day the government moved: an extra day off (nghỉ bù) or a working Saturday (làm bù)."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Ngày nghỉ")
        WORKING_DAY = "working_day", _("Ngày làm việc")

    date = models.DateField(pgettext_lazy("nhãn trường ngày", "ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("tên"), max_length=200)
    basis = models.CharField(_("căn cứ"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("điều chỉnh ngày nghỉ")
        verbose_name_plural = _("điều chỉnh ngày nghỉ")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"


class DeadlineRule(models.Model):
    class Counting(models.TextChoices):
        CALENDAR = "calendar", _("ngày")
        WORKING = "working", _("ngày làm việc")

    class Direction(models.TextChoices):
        AFTER = "after", _("sau")
        BEFORE = "before", _("trước")

    code = models.CharField(_("mã"), max_length=60, db_index=True)
    name = models.CharField(_("tên"), max_length=255)
    length = models.PositiveSmallIntegerField(_("thời hạn"))
    counting = models.CharField(_("cách tính"), max_length=10, choices=Counting.choices)
    direction = models.CharField(
        _("chiều"), max_length=6, choices=Direction.choices, default=Direction.AFTER
    )
    variants = models.JSONField(
        _("biến thể"),
        default=dict,
        blank=True,
        help_text=_('Thời hạn cho trường hợp đặc biệt, ví dụ {"complex": 45, "remote": 45}.'),
    )
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=255)
    note = models.TextField(_("ghi chú"), blank=True)
    valid_from = models.DateField(_("áp dụng từ"), default=dt.date(2000, 1, 1))
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quy tắc thời hạn")
        verbose_name_plural = _("quy tắc thời hạn")
        ordering = ["code", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="deadline_rule_version"),
        ]

    def __str__(self) -> str:
        """Its name, length and legal basis in the reader's language (never its code)."""
        return (
            f"{self.name_text}: {self.length} {self.get_counting_display()} "
            f"({self.legal_basis_text})"
        )

    @property
    def name_text(self) -> str:
        """The name in the active language (stored in Vietnamese; ``calendar.translated``)."""
        from ykien.core.calendar import translated

        return translated(self.name)

    @property
    def legal_basis_text(self) -> str:
        """The legal basis in the active language (``calendar.translated``)."""
        from ykien.core.calendar import translated

        return translated(self.legal_basis)

    @classmethod
    def in_force(cls, code: str, day: dt.date) -> DeadlineRule | None:
        return (
            cls.objects.filter(code=code, valid_from__lte=day)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
            .order_by("-valid_from")
            .first()
        )
