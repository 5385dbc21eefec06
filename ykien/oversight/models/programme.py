"""A front committee's yearly supervision programme (chương trình giám sát) and its items."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ykien.core.fields import person_link, unit_link


class Programme(models.Model):
    """Made in the fourth quarter for the next year and agreed with the authorities at the
    same level (NQLT 403/2017, Điều 4; Luật MTTQ 2015, Điều 27)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        AGREED = "agreed", _("Đã thống nhất, ban hành")

    unit = unit_link(_("đơn vị"))
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên chương trình"), max_length=255)
    made_on = models.DateField(_("ngày xây dựng"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    agreed_with = models.CharField(
        _("thống nhất với"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Thường trực HĐND, UBND tỉnh (hội nghị liên tịch)."),
    )
    agreed_on = models.DateField(_("ngày thống nhất"), null=True, blank=True)
    created_by = person_link(blank=False)

    class Meta:
        verbose_name = _("chương trình giám sát")
        verbose_name_plural = _("chương trình giám sát")
        ordering = ["-year", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="oversight_programme_unit_year")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def made_in_fourth_quarter(self) -> bool:
        return self.made_on.year == self.year - 1 and self.made_on.month >= 10


class ProgrammeItem(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("chương trình"), on_delete=models.CASCADE, related_name="items"
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    content = models.TextField(_("nội dung giám sát"))
    form = models.CharField(_("hình thức"), max_length=20)  # ActivityForm values
    subject = unit_link(_("đối tượng giám sát"))
    time_text = models.CharField(
        _("thời gian"), max_length=120, help_text=_("Ví dụ: Quý II/2026, tháng 5/2026.")
    )
    planned_quarter = models.PositiveSmallIntegerField(_("quý dự kiến"), null=True, blank=True)
    lead_unit = unit_link(_("đơn vị chủ trì"))
    participants = models.TextField(_("tổ chức phối hợp"), blank=True)

    class Meta:
        verbose_name = _("nội dung chương trình giám sát")
        verbose_name_plural = _("nội dung chương trình giám sát")
        ordering = ["programme", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.order}. {self.content[:80]}"

    def get_form_display(self) -> str:
        from ykien.oversight.models.activity import ActivityForm

        return str(dict(ActivityForm.choices).get(self.form, self.form))
