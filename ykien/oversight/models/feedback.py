"""Official positions in units, and the people's feedback on the ethics and lifestyle of those
who hold them (Quy định 124-QĐ/TW 2018).

Feedback names a *position in a unit*, never a free-text person. The sender's identity is
encrypted and decrypted by the petitions app's services (the same keys, rotation and reveal rule
as a denouncer's); this app never sees a key.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ykien.core.fields import person_link, unit_link
from ykien.core.lists import fold_for_search


class OfficialPosition(models.Model):
    unit = unit_link(_("đơn vị"))
    title = models.CharField(
        _("chức danh"), max_length=200, help_text=_("Ví dụ: Chủ tịch Ủy ban nhân dân tỉnh.")
    )
    active = models.BooleanField(_("đang sử dụng"), default=True)

    class Meta:
        verbose_name = _("chức danh lãnh đạo")
        verbose_name_plural = _("chức danh lãnh đạo")
        ordering = ["unit__name", "title"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "title"], name="oversight_position_unique")
        ]

    def __str__(self) -> str:
        return f"{self.title} — {self.unit.name}"


class ConductFeedback(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", _("Đã tiếp nhận")
        REVIEWING = "reviewing", _("Đang xem xét, xác minh")
        CONCLUDED = "concluded", _("Đã tổng hợp, báo cáo cấp có thẩm quyền")
        DISMISSED = "dismissed", _("Không đủ căn cứ xem xét")

    position = models.ForeignKey(
        OfficialPosition,
        verbose_name=_("chức danh được phản ánh"),
        on_delete=models.PROTECT,
        related_name="feedback",
    )
    front = unit_link(_("Ủy ban MTTQ tiếp nhận"))
    content = models.TextField(_("nội dung phản ánh"))
    received_on = models.DateField(_("ngày tiếp nhận"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.RECEIVED
    )
    conclusion = models.TextField(_("kết quả xem xét"), blank=True)
    # Encrypted by the petitions app (``petitions.services.confidential_sender_store``); the
    # audit log never copies a field whose name contains "ciphertext".
    sender_ciphertext = models.TextField(blank=True, editable=False)
    sender_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    tracking_code = models.CharField(_("mã tra cứu"), max_length=20, unique=True)
    handler = person_link(_("cán bộ được giao xem xét"))
    # The day the front committee should have reviewed it (rule ``conduct_feedback.review`` from
    # ``received_on``), fixed when it is received as a petition's due dates are: the inbox's
    # and the dashboard's "due" filters count it in SQL.
    review_due = models.DateField(_("hạn xem xét"), null=True, blank=True, editable=False)
    # The inbox's search: the folded tracking code, position and its unit, never the content
    # (``core.lists.fold_for_search``), written when the feedback is received.
    search_text = models.TextField(blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("phản ánh về đạo đức, lối sống của cán bộ")
        verbose_name_plural = _("phản ánh về đạo đức, lối sống của cán bộ")
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["front", "received_on"], name="feedback_inbox_received"),
            models.Index(fields=["front", "status", "review_due"], name="feedback_inbox_due"),
        ]

    def __str__(self) -> str:
        # Never the tracking code: str() ends up in audit rows, and the code lets its holder
        # follow the feedback.
        return f"#{self.pk}: {self.position}"

    def fold_search_text(self) -> str:
        """What ``search_text`` holds: the tracking code (with and without its dashes), the
        position and its unit."""
        return fold_for_search(
            self.tracking_code,
            self.tracking_code.replace("-", ""),
            self.position.title,
            self.position.unit.name,
        )

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.RECEIVED, self.Status.REVIEWING)

    @property
    def unit(self):  # type: ignore[no-untyped-def]
        """The unit that handles it (the petitions app's reveal rule reads ``unit``)."""
        return self.front


class FeedbackStep(models.Model):
    """A public step of a Regulation 124 feedback: the day its status moved and where to. The
    sender follows these by the tracking code; no note, no handler, no sender is kept here."""

    feedback = models.ForeignKey(ConductFeedback, on_delete=models.CASCADE, related_name="steps")
    on = models.DateField(_("ngày"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ConductFeedback.Status.choices
    )

    class Meta:
        verbose_name = _("bước xử lý phản ánh")
        verbose_name_plural = _("bước xử lý phản ánh")
        ordering = ["feedback", "on", "pk"]

    def __str__(self) -> str:
        return f"{self.feedback_id} {self.on:%d/%m/%Y} {self.status}"
