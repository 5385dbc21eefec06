"""Direct dialogues (đối thoại trực tiếp) the Front organises between a head and the People: the
dialogue, the questions sent ahead or raised on the spot, and the commitments the head makes."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ykien.core.fields import person_link, unit_link

# A question longer than this is accepted whole and flagged for the officer (never cut, never lost).
QUESTION_SOFT_LIMIT = 2000


class DialogueStatus(models.TextChoices):
    PLANNED = "planned", _("Kế hoạch")
    ANNOUNCED = "announced", _("Đã thông báo")
    OPEN = "open", _("Đang nhận câu hỏi")
    HELD = "held", _("Đã tổ chức đối thoại")
    MINUTES = "minutes", _("Đã ban hành biên bản")
    CLOSED = "closed", _("Kết thúc")
    CANCELLED = "cancelled", _("Đã hủy")

    @classmethod
    def public(cls) -> frozenset[str]:
        """Statuses in which the dialogue is shown on the public pages."""
        return frozenset(
            {
                cls.ANNOUNCED.value,
                cls.OPEN.value,
                cls.HELD.value,
                cls.MINUTES.value,
                cls.CLOSED.value,
            }
        )


class Dialogue(models.Model):
    unit = unit_link(_("Ủy ban MTTQ tổ chức"), related_name="dialogues")
    head_unit = unit_link(_("cơ quan của người đứng đầu"))
    head_name = models.CharField(_("người đứng đầu"), max_length=150)
    head_title = models.CharField(_("chức vụ"), max_length=200)
    topic = models.CharField(_("chủ đề đối thoại"), max_length=300)
    description = models.TextField(_("nội dung"), blank=True)
    held_on = models.DateField(_("ngày đối thoại"), db_index=True)
    place = models.CharField(_("địa điểm"), max_length=300)
    invited_groups = models.TextField(_("thành phần mời"), blank=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=DialogueStatus.choices,
        default=DialogueStatus.PLANNED,
        db_index=True,
    )
    announced_on = models.DateField(_("ngày thông báo"), null=True, blank=True)
    minutes_number = models.CharField(_("số biên bản"), max_length=60, blank=True)
    minutes_summary = models.TextField(_("tóm tắt diễn biến"), blank=True)
    minutes_issued_on = models.DateField(_("ngày ban hành biên bản"), null=True, blank=True)
    created_by = person_link(blank=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # The officers' list search: folded topic, head, place, units (``core.lists``; not audited).
    search_text = models.TextField(blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("cuộc đối thoại")
        verbose_name_plural = _("cuộc đối thoại")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.topic} ({self.held_on:%d/%m/%Y})"

    def folded(self) -> str:
        """The words the officers' list searches (``core.lists.fold_for_search``)."""
        from ykien.core.lists import fold_for_search

        return fold_for_search(
            self.code,
            self.topic,
            self.head_name,
            self.head_title,
            self.place,
            self.unit.name,
            self.head_unit.name,
            self.invited_groups,
        )

    @property
    def code(self) -> str:
        return f"DT-{self.pk:05d}" if self.pk else "DT-?"

    @property
    def is_public(self) -> bool:
        return self.status in DialogueStatus.public()


class QuestionStatus(models.TextChoices):
    RECEIVED = "received", _("Đã nhận")
    ANSWERED = "answered", _("Đã trả lời")
    HIDDEN = "hidden", _("Không đưa ra đối thoại")


class QuestionSource(models.TextChoices):
    ADVANCE = "advance", _("Gửi trước")
    SESSION = "session", _("Nêu tại buổi đối thoại")


class Question(models.Model):
    dialogue = models.ForeignKey(
        Dialogue,
        verbose_name=_("cuộc đối thoại"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    text = models.TextField(_("câu hỏi"))
    source = models.CharField(
        _("nguồn"), max_length=8, choices=QuestionSource.choices, default=QuestionSource.ADVANCE
    )
    asker = person_link(_("người hỏi (tài khoản)"))
    # An anonymous asker's optional address, encrypted (core.pii); read only to notify them.
    email_ciphertext = models.TextField(blank=True)
    too_long = models.BooleanField(_("dài hơn giới hạn"), default=False)
    not_vietnamese = models.BooleanField(_("không phải tiếng Việt"), default=False)
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=QuestionStatus.choices,
        default=QuestionStatus.RECEIVED,
        db_index=True,
    )
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    hidden_reason = models.TextField(_("lý do"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("câu hỏi đối thoại")
        verbose_name_plural = _("câu hỏi đối thoại")
        ordering = ["dialogue", "created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def flagged(self) -> bool:
        return self.too_long or self.not_vietnamese


class CommitmentStatus(models.TextChoices):
    OPEN = "open", _("Đang chờ thực hiện")
    ESCALATED = "escalated", _("Quá hạn, đã chuyển cấp trên đôn đốc")
    KEPT = "kept", _("Đã thực hiện")
    NOT_KEPT = "not_kept", _("Không thực hiện")
    CLOSED = "closed", _("Kết thúc theo dõi")

    @classmethod
    def awaiting(cls) -> frozenset[str]:
        return frozenset({cls.OPEN.value, cls.ESCALATED.value})


class Commitment(models.Model):
    dialogue = models.ForeignKey(
        Dialogue,
        verbose_name=_("cuộc đối thoại"),
        on_delete=models.CASCADE,
        related_name="commitments",
    )
    question = models.ForeignKey(
        Question,
        verbose_name=_("câu hỏi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commitments",
    )
    text = models.TextField(_("nội dung cam kết"))
    addressee = unit_link(_("cơ quan thực hiện"))
    due_on = models.DateField(_("hạn thực hiện"), db_index=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=CommitmentStatus.choices,
        default=CommitmentStatus.OPEN,
        db_index=True,
    )
    answer = models.TextField(_("kết quả thực hiện"), blank=True)
    answered_on = models.DateField(_("ngày báo cáo kết quả"), null=True, blank=True)
    # The fate the addressee reported (None: not yet), kept after the follow-up is closed.
    kept = models.BooleanField(_("đã thực hiện"), null=True, blank=True)
    escalated_to = unit_link(_("chuyển đến"), optional=True)
    escalated_on = models.DateField(_("ngày chuyển cấp trên"), null=True, blank=True)
    closed_on = models.DateField(_("ngày kết thúc theo dõi"), null=True, blank=True)
    created_by = person_link(blank=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # The public list search: folded number, text, addressee, dialogue (``core.lists``).
    search_text = models.TextField(blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("cam kết tại đối thoại")
        verbose_name_plural = _("cam kết tại đối thoại")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.code}: {self.text[:70]}"

    @property
    def code(self) -> str:
        return f"CK-{self.pk:05d}" if self.pk else "CK-?"

    def folded(self) -> str:
        """The words the public list of commitments searches (``core.lists.fold_for_search``)."""
        from ykien.core.lists import fold_for_search

        return fold_for_search(
            self.code,
            self.text,
            self.addressee.name,
            self.dialogue.topic,
            self.dialogue.head_title,
            self.dialogue.unit.name,
        )

    def is_overdue(self, today: dt.date) -> bool:
        return self.status in CommitmentStatus.awaiting() and today > self.due_on

    @property
    def on_time(self) -> bool | None:
        """Kept by its due date (None while not kept)."""
        if self.answered_on is None or not self.kept:
            return None
        return self.answered_on <= self.due_on


class CommitmentEvent(models.Model):
    """The public history of a commitment: one row per move of its status."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="events")
    on = models.DateField(pgettext_lazy("nhãn trường ngày", "ngày"))
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_status = models.CharField(
        _("từ"), max_length=10, choices=CommitmentStatus.choices, blank=True
    )
    to_status = models.CharField(_("sang"), max_length=10, choices=CommitmentStatus.choices)

    class Meta:
        verbose_name = _("diễn biến cam kết")
        verbose_name_plural = _("diễn biến cam kết")
        ordering = ["commitment", "on", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.on:%d/%m/%Y} {self.from_status} → {self.to_status}"
