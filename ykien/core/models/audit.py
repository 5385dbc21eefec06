"""The audit log: every state change made through a service, every read of confidential data."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ykien.core.fields import person_link


class AuditEvent(models.Model):
    class Kind(models.TextChoices):
        CHANGE = "change", _("Thay đổi")
        READ = "read", _("Xem dữ liệu mật")
        LOGIN = "login", _("Đăng nhập")

    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = person_link(_("người thực hiện"))
    kind = models.CharField(_("loại"), max_length=8, choices=Kind.choices, default=Kind.CHANGE)
    action = models.CharField(_("hành động"), max_length=80, db_index=True)
    object_type = models.CharField(_("loại đối tượng"), max_length=80, blank=True, db_index=True)
    object_id = models.CharField(_("mã đối tượng"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("đối tượng"), max_length=255, blank=True)
    unit = models.ForeignKey(
        "core.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    before = models.JSONField(_("trước"), null=True, blank=True)
    after = models.JSONField(_("sau"), null=True, blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    # The record's name, the reason and the person's name folded for the log's search
    # (``core.lists.fold_for_search``: lower case, no diacritics), written with the event.
    search_text = models.TextField(blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("nhật ký")
        verbose_name_plural = _("nhật ký")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["unit", "at"]), models.Index(fields=["actor", "at"])]

    def __str__(self) -> str:
        """When (Vietnam's time), what (its label, never its code) and on what."""
        from django.utils import timezone

        from ykien.core.audit import action_label

        label = action_label(self.action, self.object_type)
        return f"{timezone.localtime(self.at):%d/%m/%Y %H:%M} {label} {self.object_repr}"
