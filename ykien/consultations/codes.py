"""The codes of the consultations app, each listed once with its translated label: the error
codes its services raise, the audit actions (those of the lifecycles by action, in
``LIFECYCLE_LABELS``), the audit details that are not named fields, and how the log writes the
codes it stores (a node kind, a place in the draft's structure)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class ErrorCode(models.TextChoices):
    """The codes of the errors the consultations services raise (``DomainError.code``, in the
    API's ``"code: message"``), beside the generic ones (``invalid``, ``required``,
    ``too_long``, ``forbidden``, ``not_found``, ``invalid_transition``) and the reader's own
    (``extract.ERROR_MESSAGES``). For the corrections of the split the label is the message."""

    UNIT_NOT_IN_FORCE = "unit_not_in_force", _("Cơ quan soạn thảo không có hiệu lực vào ngày nhận")
    END_BEFORE_START = "end_before_start", _("Ngày hết hạn góp ý phải sau ngày bắt đầu.")
    RECEIVED_AFTER_START = "received_after_start", _("Ngày nhận sau ngày bắt đầu lấy ý kiến")
    START_ANNOUNCED = "start_announced", _("Đổi ngày bắt đầu đã công bố khi đã lấy ý kiến")
    END_IN_PAST = "end_in_past", _("Hạn góp ý trước hôm nay")
    REASON_REQUIRED = "reason_required", _("Kết thúc lấy ý kiến trước hạn mà không nêu lý do")
    UNKNOWN_MOVE = "unknown_move", _("Thao tác không hợp lệ.")
    EMPTY_TEXT = "empty_text", _("Tệp không có nội dung văn bản.")
    NOT_STARTED = "not_started", _("Dự thảo chưa đến thời gian lấy ý kiến")
    DRAFT_CLOSED = "draft_closed", _("Dự thảo không còn trong thời gian lấy ý kiến.")
    OLD_VERSION = "old_version", _("Điều, khoản thuộc phiên bản cũ của dự thảo")
    NOT_COMMENTABLE = (
        "not_commentable",
        _("Phần này không nhận góp ý; hãy góp ý vào một điều, khoản hoặc điểm."),
    )
    STATEMENT_INACTIVE = "statement_inactive", _("Nhận định này không được đưa ra biểu quyết.")
    BAD_LINK = "bad_link", _("Đường dẫn mời góp ý không đúng hoặc đã bị thu hồi.")
    ALREADY_ANSWERED = (
        "already_answered",
        _("Ý kiến theo lời mời này đã được gửi; mỗi đường dẫn chỉ dùng một lần."),
    )
    LINK_EXPIRED = "link_expired", _("Đã hết hạn gửi ý kiến theo lời mời")
    CLOSED_EARLY = "closed_early", _("Việc lấy ý kiến dự thảo đã kết thúc sớm")
    TOO_LARGE = "too_large", _("Tệp vượt quá dung lượng cho phép")
    UNSUPPORTED_TYPE = "unsupported_type", _("Chỉ nhận tệp PDF, DOCX, PNG hoặc JPEG.")
    NOT_CONSOLIDATING = (
        "not_consolidating",
        _("Chỉ lập điểm phản biện khi dự thảo đang được tổng hợp."),
    )
    DOCUMENT_SUBMITTED = (
        "document_submitted",
        _("Văn bản phản biện đã trình lãnh đạo; không sửa điểm phản biện."),
    )
    NO_POINTS = "no_points", _("Văn bản phản biện cần ít nhất một điểm phản biện.")
    NUMBER_MISSING = "number_missing", _("Văn bản chưa có số, ký hiệu theo sổ đăng ký văn bản")
    # The corrections of the split (``splitter.TreeEditError``): the label is the message.
    BAD_PATH = "bad_path", _("Không tìm thấy phần văn bản được chọn.")
    BAD_OFFSET = "bad_offset", _("Vị trí tách không hợp lệ: hãy chọn một dòng ở giữa nội dung.")
    NOT_ADJACENT = (
        "not_adjacent",
        _(
            "Chỉ gộp được một phần với phần liền sau nó trong cùng phần chứa, hoặc với phần con "
            "đầu tiên của nó."
        ),
    )
    HIGHER_LEVEL = (
        "higher_level",
        _(
            "Không gộp được: phần liền sau thuộc cấp cao hơn phần được chọn (thứ bậc từ cao xuống "
            "thấp: Phần, Chương, Mục, Điều, Khoản, Điểm)."
        ),
    )
    BAD_HIERARCHY = (
        "bad_hierarchy",
        _(
            "Thao tác làm sai thứ bậc của văn bản: mỗi phần chỉ chứa được phần thuộc cấp thấp hơn nó "
            "(thứ bậc từ cao xuống thấp: Phần, Chương, Mục, Điều, Khoản, Điểm); phần mở đầu và phần "
            "kết không chứa phần nào."
        ),
    )
    BAD_KIND = "bad_kind", _("Loại phần văn bản không hợp lệ ở vị trí này.")


#: The codes of the corrections of the split, whose label is the message shown.
TREE_ERROR_CODES = (
    ErrorCode.BAD_PATH,
    ErrorCode.BAD_OFFSET,
    ErrorCode.NOT_ADJACENT,
    ErrorCode.HIGHER_LEVEL,
    ErrorCode.BAD_HIERARCHY,
    ErrorCode.BAD_KIND,
)


#: How the audit log names the actions of the lifecycles (``lifecycle.py``), where the edge's
#: own label (a button's words) would not say what was moved.
LIFECYCLE_LABELS: dict[str, dict[str, Any]] = {
    "consultations.draft": {
        "upload": _("Chuyển dự thảo sang rà soát văn bản"),
        "publish": _("Mở lấy ý kiến dự thảo"),
        "close": _("Kết thúc lấy ý kiến dự thảo"),
        "reopen": _("Mở lại lấy ý kiến dự thảo"),
        "consolidate": _("Bắt đầu tổng hợp ý kiến dự thảo"),
        "issue": _("Dự thảo đã có văn bản phản biện"),
        "answer": _("Dự thảo đã công khai trả lời"),
    },
    "consultations.comment": {"approve": _("Hiển thị góp ý"), "hide": _("Ẩn góp ý")},
    "consultations.statement": {
        "approve": _("Đưa nhận định ra biểu quyết"),
        "withdraw": _("Không đưa nhận định ra biểu quyết"),
    },
    "consultations.document": {
        "submit": _("Trình lãnh đạo duyệt văn bản phản biện"),
        "return": _("Trả lại văn bản phản biện để sửa"),
        "issue": _("Ban hành văn bản phản biện"),
    },
    "consultations.point": {"answer": _("Ghi trả lời của cơ quan soạn thảo")},
}


class AuditAction(models.TextChoices):
    """The actions the consultations app writes to the audit log outside its lifecycles (the
    creations and corrections), and those written before the lifecycle engine (#10), kept so
    that older entries of the log still read in words."""

    DRAFT_REGISTER = "draft.register", _("Tiếp nhận dự thảo")
    DRAFT_UPDATE = "draft.update", _("Sửa thông tin dự thảo")
    # Written before the lifecycle engine; now ``consultations.<entity>.<action>``.
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
    # The analyses of a draft's comments (a run requested, then done or failed).
    ANALYSIS_REQUEST = "analysis.request", _("Yêu cầu phân tích góp ý")
    ANALYSIS_DONE = "analysis.done", _("Hoàn thành phân tích góp ý")
    ANALYSIS_FAILED = "analysis.failed", _("Phân tích góp ý bị lỗi")


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
    "requested_by": _("Người yêu cầu"),
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


# How the log writes what a correction of the structure stores (``core.audit``).
VALUE_FORMATS = {
    ("consultations.draftversion", "path"): structure_place,
    ("consultations.draftversion", "other"): structure_place,
    ("consultations.draftversion", "kind"): node_kind,
}
