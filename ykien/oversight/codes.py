"""The codes of the supervision app, each listed once with its translated label: the errors its
services raise and the audit actions. (States are the models' choices; the steps of each lifecycle
are its edges, in ``lifecycle.py``.)"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ErrorCode(models.TextChoices):
    """The ``code`` of every ``DomainError`` the supervision services raise (besides a value
    refused, ``ValidationFailed``'s own ``invalid``, and the engine's ``forbidden``,
    ``invalid_transition`` and ``unknown_action``); the label says what went wrong."""

    NOT_FRONT = "not_front", _("Đơn vị không phải Ủy ban MTTQ")
    INVALID_YEAR = "invalid_year", _("Năm của chương trình không hợp lệ")
    DUPLICATE = "duplicate", _("Đơn vị đã có chương trình giám sát năm này")
    PROGRAMME_AGREED = "programme_agreed", _("Chương trình đã thống nhất, không thể sửa")
    EMPTY = "empty", _("Chương trình chưa có nội dung")
    NO_CHANGE = "no_change", _("Không có thay đổi")
    ITEM_HAS_ACTIVITY = "item_has_activity", _("Nội dung chương trình đã có cuộc giám sát")
    INVALID_DATE = "invalid_date", _("Ngày không hợp lệ so với các bước trước")
    FUTURE_DATE = "future_date", _("Ngày trong tương lai")
    INVALID_BOARD = "invalid_board", _("Ban không thuộc Ủy ban MTTQ chủ trì")
    NOT_BOARD = "not_board", _("Không phải Ban Thanh tra nhân dân hoặc Ban Giám sát đầu tư")
    STEP_NOT_IN_FORM = "step_not_in_form", _("Hình thức giám sát không có bước này")
    SHORT_NOTICE = "short_notice", _("Thời hạn thông báo ngắn hơn quy định")
    LEADER_REQUIRED = "leader_required", _("Cần lãnh đạo xác nhận")
    REASON_REQUIRED = "reason_required", _("Thiếu lý do xác nhận")
    NOT_NOTIFIED = "not_notified", _("Chưa gửi thông báo đến đối tượng")
    SUBJECT_REPORT_RECORDED = (
        "subject_report_recorded",
        _("Đã ghi nhận báo cáo của đối tượng giám sát"),
    )
    NO_FINDINGS = "no_findings", _("Chưa có kết quả (phát hiện) giám sát")
    DRAFT_RECOMMENDATIONS = "draft_recommendations", _("Còn kiến nghị dự thảo chưa gửi")
    FINDINGS_CLOSED = "findings_closed", _("Cuộc giám sát không còn nhận kết quả, kiến nghị")
    ALREADY_COUNTERSIGNED = "already_countersigned", _("Kiến nghị đã được xác nhận")
    COUNTERSIGN_REQUIRED = "countersign_required", _("Kiến nghị của Ban chưa được xác nhận")
    NOT_ISSUED = "not_issued", _("Kiến nghị chưa được gửi")
    NOT_ADDRESSEE = "not_addressee", _("Không phải người trả lời của cơ quan nhận kiến nghị")
    NOT_OVERDUE = "not_overdue", _("Kiến nghị chưa quá hạn")
    REMINDED_RECENTLY = "reminded_recently", _("Kiến nghị vừa được nhắc trong tuần")
    NO_SUPERIOR = "no_superior", _("Không có Ủy ban MTTQ cấp trên")
    NO_ANSWER = "no_answer", _("Kiến nghị chưa được trả lời")
    IN_PROGRESS = "in_progress", _("Kiến nghị đang được thực hiện theo kế hoạch")
    INACTIVE = "inactive", _("Chức danh không còn sử dụng")
    SENDER_REQUIRED = "sender_required", _("Thiếu thông tin người phản ánh")
    NO_FRONT = "no_front", _("Không xác định được Ủy ban MTTQ tiếp nhận")
    NOT_HANDLER = "not_handler", _("Người được giao không phải cán bộ xử lý đơn thư")
    FILE_TOO_LARGE = "file_too_large", _("Tệp vượt dung lượng cho phép")
    FILE_TYPE = "file_type", _("Loại tệp không được nhận")


class AuditAction(models.TextChoices):
    """The actions the supervision app writes to the audit log."""

    PROGRAMME_CREATE = "oversight.programme.create", _("Xây dựng chương trình giám sát")
    PROGRAMME_ITEM_ADD = "oversight.programme.item_add", _("Thêm nội dung chương trình giám sát")
    PROGRAMME_AGREE = "oversight.programme.agree", _("Thống nhất chương trình giám sát")
    PROGRAMME_ITEM_EDIT = "oversight.programme_item.edit", _("Sửa nội dung chương trình giám sát")
    PROGRAMME_ITEM_CANCEL = (
        "oversight.programme_item.cancel",
        _("Hủy nội dung chương trình giám sát"),
    )
    ACTIVITY_CREATE = "oversight.activity.create", _("Lập kế hoạch cuộc giám sát")
    ACTIVITY_START = "oversight.activity.start", _("Bắt đầu cuộc giám sát")
    ACTIVITY_DECIDE = "oversight.activity.decide", _("Quyết định thành lập đoàn giám sát")
    ACTIVITY_NOTIFY = "oversight.activity.notify", _("Thông báo đến đối tượng giám sát")
    ACTIVITY_SHORT_NOTICE = (
        "oversight.activity.short_notice_confirmed",
        _("Lãnh đạo xác nhận thời hạn thông báo ngắn hơn quy định"),
    )
    ACTIVITY_SUBJECT_REPORT = (
        "oversight.activity.subject_report",
        _("Nhận báo cáo của đối tượng giám sát"),
    )
    ACTIVITY_SESSION = "oversight.activity.session", _("Ghi nhận buổi làm việc với đối tượng")
    ACTIVITY_REPORT = "oversight.activity.report", _("Báo cáo kết quả giám sát")
    ACTIVITY_CLOSE = "oversight.activity.close", _("Kết thúc cuộc giám sát")
    ACTIVITY_CANCEL = "oversight.activity.cancel", _("Hủy cuộc giám sát")
    ACTIVITY_DOCUMENT_ADD = "oversight.activity.document_add", _("Thêm tài liệu cuộc giám sát")
    FINDING_ADD = "oversight.finding.add", _("Ghi kết quả (phát hiện) giám sát")
    BOARD_MEMBER_ADD = "oversight.board.member_add", _("Thêm thành viên Ban")
    RECOMMENDATION_CREATE = "oversight.recommendation.create", _("Soạn kiến nghị sau giám sát")
    RECOMMENDATION_COUNTERSIGN = (
        "oversight.recommendation.countersign",
        _("Xác nhận kiến nghị của Ban"),
    )
    RECOMMENDATION_ISSUE = "oversight.recommendation.issue", _("Gửi kiến nghị")
    # One action per kind of answer (the lifecycle's edges), one label: the row shows the status.
    RECOMMENDATION_ANSWER_DONE = "oversight.recommendation.answer_done", _("Trả lời kiến nghị")
    RECOMMENDATION_ANSWER_IN_PROGRESS = (
        "oversight.recommendation.answer_in_progress",
        _("Trả lời kiến nghị"),
    )
    RECOMMENDATION_ANSWER_EXPLAINED = (
        "oversight.recommendation.answer_explained",
        _("Trả lời kiến nghị"),
    )
    RECOMMENDATION_ANSWER_REJECTED = (
        "oversight.recommendation.answer_rejected",
        _("Trả lời kiến nghị"),
    )
    RECOMMENDATION_ESCALATE = (
        "oversight.recommendation.escalate",
        _("Chuyển kiến nghị cấp trên đôn đốc"),
    )
    RECOMMENDATION_REMIND = "oversight.recommendation.remind", _("Nhắc trả lời kiến nghị quá hạn")
    RECOMMENDATION_CLOSE = "oversight.recommendation.close", _("Kết thúc theo dõi kiến nghị")
    POSITION_CREATE = "oversight.position.create", _("Thêm chức danh lãnh đạo")
    FEEDBACK_SUBMIT = "oversight.feedback.submit", _("Tiếp nhận phản ánh theo Quy định 124")
    FEEDBACK_ASSIGN = "oversight.feedback.assign", _("Giao cán bộ xem xét phản ánh")
    FEEDBACK_REVIEW = "oversight.feedback.review", _("Cập nhật kết quả xem xét phản ánh")
    FEEDBACK_CONCLUDE = "oversight.feedback.conclude", _("Cập nhật kết quả xem xét phản ánh")
    FEEDBACK_DISMISS = "oversight.feedback.dismiss", _("Cập nhật kết quả xem xét phản ánh")
    FEEDBACK_ROTATE_KEYS = (
        "oversight.feedback.rotate_keys",
        _("Đổi khóa mã hóa thông tin người phản ánh"),
    )


# Actions written before the lifecycle engine (#10): no longer written, still labelled so that the
# rows already in the log read as before.
FORMER_AUDIT_ACTIONS = {
    "oversight.recommendation.answer": _("Trả lời kiến nghị"),
    "oversight.feedback.status": _("Cập nhật kết quả xem xét phản ánh"),
}

# Values of the audit details that are not fields of the audited record.
AUDIT_DETAIL_LABELS = {
    "feedback": _("Số phản ánh"),
    "oversight_feedback": _("Số phản ánh theo Quy định 124"),
    "activity": _("Cuộc giám sát"),
    "recommendation": _("Kiến nghị"),
    "short_notice_confirmed_at": _("Thời điểm lãnh đạo xác nhận thông báo ngắn hạn"),
    "countersigned_at": _("Thời điểm xác nhận kiến nghị của Ban"),
}
