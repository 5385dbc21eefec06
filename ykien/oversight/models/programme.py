"""A front committee's yearly supervision programme (chương trình giám sát) and its items."""

from __future__ import annotations

from typing import Any

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
    """One item of a programme. It may be edited or cancelled after it was written, agreed or
    not (``lifecycle.PROGRAMME_ITEM``); each change is in its history (``ProgrammeItemEvent``)
    and the audit log."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Trong chương trình")
        CANCELLED = "cancelled", _("Đã hủy")

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
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    cancelled_on = models.DateField(_("ngày hủy"), null=True, blank=True)
    cancel_reason = models.TextField(_("lý do hủy"), blank=True)

    class Meta:
        verbose_name = _("nội dung chương trình giám sát")
        verbose_name_plural = _("nội dung chương trình giám sát")
        ordering = ["programme", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.order}. {self.content[:80]}"

    def get_form_display(self) -> str:
        from ykien.oversight.models.activity import ActivityForm

        return str(dict(ActivityForm.choices).get(self.form, self.form))

    @property
    def unit(self) -> Any:
        """The programme's front committee: whose officers manage the item."""
        return self.programme.unit

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED


class ProgrammeItemEvent(models.Model):
    """The history of a programme item: each edit (the fields changed, before and after) and its
    cancellation (with the reason)."""

    class Kind(models.TextChoices):
        EDIT = "edit", _("Sửa nội dung")
        CANCEL = "cancel", _("Hủy nội dung")

    item = models.ForeignKey(ProgrammeItem, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("thao tác"), max_length=10, choices=Kind.choices)
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    actor = person_link(blank=False)
    changes = models.JSONField(_("thay đổi"), default=list, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("diễn biến nội dung chương trình")
        verbose_name_plural = _("diễn biến nội dung chương trình")
        ordering = ["item", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.item_id} {self.kind}"

    @property
    def change_rows(self) -> list[tuple[str, str, str]]:
        """Each change as (field, before, after) in the reader's language: ``changes`` keeps the
        field's name and, for the form, its code."""
        from ykien.oversight.models.activity import ActivityForm

        forms = dict(ActivityForm.choices)
        labels = {f.name: str(f.verbose_name) for f in ProgrammeItem._meta.fields}

        def shown(name: str, value: Any) -> str:
            if value in (None, ""):
                return "—"
            return str(forms.get(value, value)) if name == "form" else str(value)

        return [
            (labels[name], shown(name, change.get("before")), shown(name, change.get("after")))
            for change in self.changes
            if (name := change.get("field", "")) in labels  # a field since removed: left out
        ]
