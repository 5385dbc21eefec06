"""Recommendations after supervision (kiến nghị), the addressee's answers and the status history."""

from __future__ import annotations

import datetime as dt
import re

from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ykien.core.calendar import stored_description_text
from ykien.core.fields import person_link, unit_link
from ykien.core.storage import PrivateStorage

# Under PRIVATE_ROOT/oversight: served only through permission-checked views.
PRIVATE = PrivateStorage("oversight")

# The note ``recommendation_issue`` stores, in Vietnamese (its msgid, filled in).
_ISSUE_NOTE_RE = re.compile(r"Hạn trả lời (?P<due>\d{2}/\d{2}/\d{4}) — (?P<basis>.+)", re.DOTALL)
# The note ``recommendation_escalate`` stores, in Vietnamese, then what the officer typed.
_ESCALATE_NOTE_RE = re.compile(r"Chuyển (?P<unit>.+?) đôn đốc\.(?: (?P<typed>.*))?", re.DOTALL)


class RecommendationStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã gửi, chờ trả lời")
    ESCALATED = "escalated", _("Đã chuyển cấp trên đôn đốc")
    DONE = "done", _("Tiếp thu, đã thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện theo kế hoạch")
    EXPLAINED = "explained", _("Đã giải trình")
    REJECTED = "rejected", _("Không tiếp thu")
    CLOSED = "closed", _("Kết thúc theo dõi")

    @classmethod
    def awaiting(cls) -> frozenset[str]:
        """Statuses in which the addressee owes an answer."""
        return frozenset({cls.ISSUED.value, cls.ESCALATED.value})

    @classmethod
    def answered(cls) -> frozenset[str]:
        return frozenset(
            {cls.DONE.value, cls.IN_PROGRESS.value, cls.EXPLAINED.value, cls.REJECTED.value}
        )


class AnswerKind(models.TextChoices):
    DONE = "done", _("Tiếp thu và đã thực hiện")
    IN_PROGRESS = "in_progress", _("Tiếp thu, đang thực hiện (có kế hoạch, thời hạn)")
    EXPLAINED = "explained", _("Giải trình")
    REJECTED = "rejected", _("Không tiếp thu")


class Recommendation(models.Model):
    activity = models.ForeignKey(
        "oversight.Activity",
        verbose_name=_("cuộc giám sát"),
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    finding = models.ForeignKey(
        "oversight.Finding",
        verbose_name=_("căn cứ (phát hiện qua giám sát)"),
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    issuer = unit_link(_("đơn vị kiến nghị"))
    addressee = unit_link(_("cơ quan nhận kiến nghị"))
    addressee_position = models.ForeignKey(
        "oversight.OfficialPosition",
        verbose_name=_("chức danh người có trách nhiệm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    text = models.TextField(_("nội dung kiến nghị"))
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.DRAFT,
        db_index=True,
    )
    is_public = models.BooleanField(_("công khai"), default=True)
    answer_days = models.PositiveSmallIntegerField(_("số ngày trả lời"), default=30)
    issued_on = models.DateField(_("ngày gửi"), null=True, blank=True)
    answer_due = models.DateField(_("hạn trả lời"), null=True, blank=True, db_index=True)
    countersigned_by = person_link(_("xác nhận của Ban Thường trực UBMTTQ xã"))
    countersigned_at = models.DateTimeField(null=True, blank=True)
    escalated_to = unit_link(_("chuyển đến"), optional=True)
    escalated_on = models.DateField(_("ngày chuyển cấp trên"), null=True, blank=True)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("kiến nghị lần trước về cùng nội dung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="repeats",
    )
    last_reminded_on = models.DateField(_("ngày nhắc gần nhất"), null=True, blank=True)
    closed_on = models.DateField(_("ngày kết thúc theo dõi"), null=True, blank=True)
    created_by = person_link(blank=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # The staff lists' search: the folded code, text, addressee, issuer and activity
    # (``fold_search_text``), written when the recommendation is created (none of them changes).
    search_text = models.TextField(blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("kiến nghị")
        verbose_name_plural = _("kiến nghị")
        ordering = ["-issued_on", "-pk"]
        indexes = [
            models.Index(fields=["addressee", "issued_on"]),
            models.Index(fields=["issuer", "issued_on"]),
        ]

    def __str__(self) -> str:
        return f"KN-{self.pk}: {self.text[:70]}"

    @property
    def code(self) -> str:
        return f"KN-{self.pk:05d}" if self.pk else "KN-?"

    def fold_search_text(self) -> str:
        """What ``search_text`` holds: the number as written ("KN-00007", "KN7", "7"), the text,
        the addressee's and the issuer's names and the activity's title."""
        from ykien.core.lists import fold_for_search

        return fold_for_search(
            f"KN-{self.pk:05d} KN{self.pk} {self.pk}",
            self.text,
            self.addressee.name,
            self.issuer.name,
            self.activity.title,
        )

    def latest_answer(self) -> Answer | None:
        return self.answers.order_by("-answered_on", "-pk").first()

    def is_overdue(self, today: dt.date) -> bool:
        """Awaiting an answer past its answer date, or promised "in progress" past the planned date."""
        if self.status in RecommendationStatus.awaiting():
            return self.answer_due is not None and today > self.answer_due
        if self.status == RecommendationStatus.IN_PROGRESS:
            answer = self.latest_answer()
            return bool(answer and answer.planned_date and today > answer.planned_date)
        return False


class Answer(models.Model):
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="answers"
    )
    kind = models.CharField(_("kết quả trả lời"), max_length=12, choices=AnswerKind.choices)
    text = models.TextField(_("nội dung trả lời"))
    plan = models.TextField(_("kế hoạch thực hiện"), blank=True)
    planned_date = models.DateField(_("thời hạn hoàn thành"), null=True, blank=True)
    answered_on = models.DateField(_("ngày trả lời"))
    document_number = models.CharField(_("số văn bản trả lời"), max_length=60, blank=True)
    unit = unit_link(_("cơ quan trả lời"))
    respondent = person_link(_("người trả lời"), blank=False)
    on_time = models.BooleanField(_("đúng hạn"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("trả lời kiến nghị")
        verbose_name_plural = _("trả lời kiến nghị")
        ordering = ["recommendation", "answered_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.answered_on:%d/%m/%Y})"


class AnswerDocument(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("tệp"), storage=PRIVATE, upload_to="answers/%Y/")
    name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveIntegerField(_("dung lượng"))
    content_type = models.CharField(max_length=100)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("văn bản trả lời")
        verbose_name_plural = _("văn bản trả lời")

    def __str__(self) -> str:
        return self.name


class RecommendationEvent(models.Model):
    """The status history of a recommendation (public with the recommendation)."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="events"
    )
    on = models.DateField(pgettext_lazy("nhãn trường ngày", "ngày"))
    at = models.DateTimeField(auto_now_add=True)
    actor = person_link(blank=False)
    from_status = models.CharField(
        _("từ"), max_length=12, choices=RecommendationStatus.choices, blank=True
    )
    to_status = models.CharField(_("sang"), max_length=12, choices=RecommendationStatus.choices)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("diễn biến kiến nghị")
        verbose_name_plural = _("diễn biến kiến nghị")
        ordering = ["recommendation", "on", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.on:%d/%m/%Y} {self.from_status} → {self.to_status}"

    @property
    def note_text(self) -> str:
        """``note`` in the reader's language when it is the answer date written at issue or the
        referral written at escalation (kept in Vietnamese); a note someone typed is shown as
        typed."""
        if self.to_status == RecommendationStatus.ESCALATED:
            escalated = _ESCALATE_NOTE_RE.fullmatch(self.note)
            if escalated is None:
                return self.note
            text = gettext("Chuyển %(unit)s đôn đốc.") % {"unit": escalated["unit"]}
            return f"{text} {escalated['typed']}" if escalated["typed"] else text
        match = _ISSUE_NOTE_RE.fullmatch(self.note)
        if self.to_status != RecommendationStatus.ISSUED or match is None:
            return self.note
        basis = stored_description_text(match["basis"])
        return gettext("Hạn trả lời %(due)s — %(basis)s") % {"due": match["due"], "basis": basis}
