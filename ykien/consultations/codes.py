"""The codes of the consultations app, each listed once with its translated label: the audit
actions, the audit details that are not named fields, and how the log writes the codes it
stores (a node kind, a place in the draft's structure)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    """The actions the consultations app writes to the audit log."""

    DRAFT_REGISTER = "draft.register", _("Tiếp nhận dự thảo")
    DRAFT_UPDATE = "draft.update", _("Sửa thông tin dự thảo")
    DRAFT_REVIEW = "draft.review", _("Chuyển dự thảo sang rà soát văn bản")
    DRAFT_OPEN = "draft.open", _("Mở lấy ý kiến dự thảo")
    DRAFT_CLOSED = "draft.closed", _("Kết thúc lấy ý kiến dự thảo")
    DRAFT_CONSOLIDATING = "draft.consolidating", _("Bắt đầu tổng hợp ý kiến dự thảo")
    DRAFT_ISSUED = "draft.issued", _("Dự thảo đã có văn bản phản biện")
    DRAFT_ANSWERED = "draft.answered", _("Dự thảo đã công khai trả lời")
    VERSION_UPLOAD = "draft.version_upload", _("Tải lên phiên bản dự thảo")
    VERSION_PUBLISH = "draft.version_publish", _("Công khai phiên bản dự thảo")
    TREE_MERGE = "draft.tree_merge", _("Gộp hai phần của dự thảo khi rà soát cấu trúc")
    TREE_SPLIT = "draft.tree_split", _("Tách một phần của dự thảo khi rà soát cấu trúc")
    TREE_RETYPE = "draft.tree_retype", _("Sửa loại, số hiệu, tiêu đề một phần của dự thảo")
    COMMENT_PENDING = "comment.pending", _("Tạm ẩn góp ý bị báo cáo vi phạm")
    COMMENT_VISIBLE = "comment.visible", _("Hiển thị góp ý")
    COMMENT_HIDDEN = "comment.hidden", _("Ẩn góp ý")
    STATEMENT_PROPOSE = "statement.propose", _("Đề xuất nhận định biểu quyết")
    STATEMENT_ACTIVE = "statement.active", _("Đưa nhận định ra biểu quyết")
    STATEMENT_REJECTED = "statement.rejected", _("Không đưa nhận định ra biểu quyết")
    API_TOKEN_CREATE = "api_token.create", _("Cấp khóa API")
    API_TOKEN_REVOKE = "api_token.revoke", _("Thu hồi khóa API")
    INVITATION_SEND = "invitation.send", _("Mời chuyên gia góp ý")
    INVITATION_OPEN = "invitation.open", _("Chuyên gia mở lời mời")
    INVITATION_ANSWER = "invitation.answer", _("Chuyên gia gửi ý kiến")
    CONFERENCE_SAVE = "conference.save", _("Lưu thông tin hội nghị phản biện")
    CONFERENCE_ATTACH = "conference.attach", _("Đính kèm tài liệu hội nghị phản biện")
    POINT_SAVE = "point.save", _("Lưu điểm phản biện")
    POINT_REMOVE = "point.remove", _("Xóa điểm phản biện")
    POINT_ANSWER = "point.answer", _("Ghi trả lời của cơ quan soạn thảo")
    POINTS_PUBLISH = "points.publish", _("Công khai trả lời các điểm phản biện")
    DOCUMENT_SAVE = "document.save", _("Lưu văn bản phản biện")
    DOCUMENT_SUBMIT = "document.submit", _("Trình lãnh đạo duyệt văn bản phản biện")
    DOCUMENT_RETURN = "document.return", _("Trả lại văn bản phản biện để sửa")
    DOCUMENT_ISSUE = "document.issue", _("Ban hành văn bản phản biện")


# Audit details that are not fields of the audited record, or fields without a name of their own.
AUDIT_DETAIL_LABELS = {
    "other": _("Phần được gộp"),
    "offset": _("Vị trí tách (ký tự thứ)"),
    "sha256": _("Mã kiểm tra SHA-256"),
    "author": _("Người viết"),
    "participant": _("Mã ẩn danh của người tham gia"),
    "report_count": _("Số lượt báo cáo vi phạm"),
    "moderated_by": _("Người kiểm duyệt"),
    "moderated_at": _("Thời điểm kiểm duyệt"),
    "by_officer": _("Do cán bộ đề xuất"),
    "digest": _("Mã băm"),
    "revoked_at": _("Thời điểm thu hồi"),
    "invited_by": _("Người mời"),
    "answered_by": _("Người trả lời"),
    "answered_at": _("Thời điểm trả lời"),
    "published_at": _("Thời điểm công khai"),
    "prepared_by": _("Người soạn"),
    "issued_by": _("Người ban hành"),
    "submitted_at": _("Thời điểm trình duyệt"),
    "issued_at": _("Thời điểm ban hành"),
    "docx": _("Tệp văn bản (DOCX)"),
    "file": _("Tệp"),
}

# What a correction of the structure (``draft.tree_<op>``) records: the part edited and its new
# kind and number, not the version's.
TREE_EDIT_LABELS = {
    "path": _("Phần được sửa"),
    "kind": _("Loại"),
    "number": _("Số hiệu"),
}
TREE_EDIT_ACTIONS = (
    AuditAction.TREE_MERGE.value,
    AuditAction.TREE_SPLIT.value,
    AuditAction.TREE_RETYPE.value,
)


def structure_place(value: Any) -> str | None:
    """A place in the draft's structure (child indexes from the root, ``[2, 0]``) as people
    count: "3 › 1"."""
    if isinstance(value, list) and value and all(isinstance(i, int) for i in value):
        return " › ".join(str(i + 1) for i in value)
    return None


def node_kind(value: Any) -> str | None:
    """A node kind (``article``) by its label ("Điều")."""
    from ykien.consultations.models import NodeKind

    return str(NodeKind(value).label) if value in NodeKind.values else None
