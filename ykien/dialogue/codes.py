"""The codes of the dialogue app, each listed once with its translated label: the errors its
services raise and the audit actions that are not lifecycle edges (those are labelled by their
edges, in ``lifecycle.py``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ErrorCode(models.TextChoices):
    """The ``code`` of every ``DomainError`` the dialogue services raise."""

    NOT_FRONT = "not_front", _("Đơn vị tổ chức không phải Ủy ban MTTQ")
    NOT_OPEN = "not_open", _("Cuộc đối thoại không nhận câu hỏi")
    EMPTY_QUESTION = "empty_question", _("Câu hỏi trống")
    NOT_HELD = "not_held", _("Cuộc đối thoại chưa được tổ chức")
    NO_ADDRESSEE = "no_addressee", _("Thiếu cơ quan thực hiện cam kết")
    DUE_BEFORE_SESSION = "due_before_session", _("Hạn thực hiện không sau ngày đối thoại")
    NOT_OVERDUE = "not_overdue", _("Cam kết chưa quá hạn")
    NO_SUPERIOR = "no_superior", _("Không có Ủy ban MTTQ cấp trên")
    NO_MINUTES = "no_minutes", _("Thiếu nội dung biên bản")
    NOT_YET = "not_yet", _("Chưa đến ngày đối thoại")
    DUPLICATE_QUESTION = "duplicate_question", _("Câu hỏi đã gửi")
    MINUTES_ISSUED = "minutes_issued", _("Biên bản đối thoại đã ban hành")
    DUPLICATE_COMMITMENT = "duplicate_commitment", _("Cam kết đã được ghi nhận")
    UNANSWERED = "unanswered", _("Còn câu hỏi chưa được trả lời")


class AuditAction(models.TextChoices):
    """Actions of the dialogue app written to the audit log besides its lifecycle edges."""

    DIALOGUE_CREATE = "dialogue.dialogue.create", _("Lập kế hoạch đối thoại")
    QUESTION_SUBMIT = "dialogue.question.submit", _("Nhận câu hỏi đối thoại")
    COMMITMENT_CREATE = "dialogue.commitment.create", _("Ghi nhận cam kết tại đối thoại")


AUDIT_DETAIL_LABELS = {
    "dialogue": _("Cuộc đối thoại"),
    "commitment": _("Cam kết"),
}
