"""The codes of the supervision app, each listed once with its translated label: the steps an
officer takes on an activity's page and the audit actions. (States are the models' choices.)"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityStep(models.TextChoices):
    """A step form on an activity's page (the ``<action>`` of ``activity_action``'s address)."""

    START = "start", _("Bắt đầu giám sát")
    DECIDE = "decide", _("Quyết định thành lập đoàn giám sát")
    NOTIFY = "notify", _("Gửi kế hoạch, thông báo đến đối tượng và ấn định ngày làm việc")
    SUBJECT_REPORT = "subject-report", _("Nhận báo cáo của đối tượng giám sát")
    SESSION = "session", _("Làm việc với đối tượng (biên bản, khảo sát thực tế)")
    REPORT = "report", _("Báo cáo kết quả giám sát")
    CLOSE = "close", _("Kết thúc cuộc giám sát")
    CANCEL = "cancel", _("Hủy cuộc giám sát")


class AuditAction(models.TextChoices):
    """The actions the supervision app writes to the audit log."""

    PROGRAMME_CREATE = "oversight.programme.create", _("Xây dựng chương trình giám sát")
    PROGRAMME_ITEM_ADD = "oversight.programme.item_add", _("Thêm nội dung chương trình giám sát")
    PROGRAMME_AGREE = "oversight.programme.agree", _("Thống nhất chương trình giám sát")
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
    RECOMMENDATION_ANSWER = "oversight.recommendation.answer", _("Trả lời kiến nghị")
    RECOMMENDATION_ESCALATE = (
        "oversight.recommendation.escalate",
        _("Chuyển kiến nghị cấp trên đôn đốc"),
    )
    RECOMMENDATION_REMIND = "oversight.recommendation.remind", _("Nhắc trả lời kiến nghị quá hạn")
    RECOMMENDATION_CLOSE = "oversight.recommendation.close", _("Kết thúc theo dõi kiến nghị")
    POSITION_CREATE = "oversight.position.create", _("Thêm chức danh lãnh đạo")
    FEEDBACK_SUBMIT = "oversight.feedback.submit", _("Tiếp nhận phản ánh theo Quy định 124")
    FEEDBACK_ASSIGN = "oversight.feedback.assign", _("Giao cán bộ xem xét phản ánh")
    FEEDBACK_STATUS = "oversight.feedback.status", _("Cập nhật kết quả xem xét phản ánh")
    FEEDBACK_ROTATE_KEYS = (
        "oversight.feedback.rotate_keys",
        _("Đổi khóa mã hóa thông tin người phản ánh"),
    )


# Values of the audit details that are not fields of the audited record.
AUDIT_DETAIL_LABELS = {
    "feedback": _("Số phản ánh"),
    "oversight_feedback": _("Số phản ánh theo Quy định 124"),
    "activity": _("Cuộc giám sát"),
    "recommendation": _("Kiến nghị"),
    "short_notice_confirmed_at": _("Thời điểm lãnh đạo xác nhận thông báo ngắn hạn"),
    "countersigned_at": _("Thời điểm xác nhận kiến nghị của Ban"),
}
