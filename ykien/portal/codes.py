"""The codes of the portal app, each listed once with its translated label: the error codes its
services raise, the audit actions (an article or a reader's feedback moved along its lifecycle
writes ``portal.article.<action>`` / ``portal.feedback.<action>``, an action that changes the
state named after the state it leads to), the audit details without a name of their own, and
how the log writes an article's links."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class ErrorCode(models.TextChoices):
    """Why a service of the portal refused (``DomainError.code``)."""

    SCHEDULE_PAST = "schedule_past", _("Thời điểm hẹn đăng không ở tương lai")
    ARTICLE_NOT_PUBLIC = "article_not_public", _("Tin bài không nhận ý kiến")
    PHOTO_TOO_LARGE = "photo_too_large", _("Ảnh quá lớn")
    PHOTO_NOT_IMAGE = "photo_not_image", _("Tệp tải lên không phải là ảnh")


class AuditAction(models.TextChoices):
    """The actions the portal app writes to the audit log."""

    ARTICLE_CREATE = "portal.article.create", _("Tạo tin bài")
    ARTICLE_UPDATE = "portal.article.update", _("Sửa tin bài")
    ARTICLE_DRAFT = "portal.article.draft", _("Chuyển tin bài về bản nháp")
    ARTICLE_SCHEDULED = "portal.article.scheduled", _("Hẹn giờ đăng tin bài")
    ARTICLE_PUBLISHED = "portal.article.published", _("Đăng tin bài")
    ARTICLE_WITHDRAWN = "portal.article.withdrawn", _("Gỡ tin bài")
    PHOTO_ADD = "portal.photo.add", _("Thêm ảnh vào tin bài")
    PHOTO_REMOVE = "portal.photo.remove", _("Xóa ảnh của tin bài")
    FEEDBACK_SUBMIT = "portal.feedback.submit", _("Bạn đọc gửi ý kiến")
    FEEDBACK_PUBLISHED = "portal.feedback.published", _("Đăng ý kiến bạn đọc")
    FEEDBACK_REJECTED = "portal.feedback.rejected", _("Không đăng ý kiến bạn đọc")
    FEEDBACK_REPLY = "portal.feedback.reply", _("Trả lời ý kiến bạn đọc")
    FEEDBACK_REPLY_PUBLISH = "portal.feedback.reply_publish", _("Trả lời và đăng ý kiến bạn đọc")


# Audit details that are fields without a name of their own.
AUDIT_DETAIL_LABELS = {
    "width": _("Chiều rộng (điểm ảnh)"),
    "height": _("Chiều cao (điểm ảnh)"),
    "moderated_by": _("Người kiểm duyệt"),
    "replied_by": _("Người trả lời"),
    "reply_unit": _("Đơn vị trả lời"),
}

OTHER_DOCUMENT = _("Tài liệu")


def article_links(value: Any) -> str | None:
    """An article's links (``[{"kind": "draft", "key": "3"}]``) by what they point to:
    "Dự thảo: <title>", or the kind and number when the document is no longer public."""
    from ykien.portal.models import SearchEntry
    from ykien.portal.selectors import KIND_LABELS

    if not isinstance(value, list) or not all(isinstance(link, dict) for link in value):
        return None
    shown = []
    for link in value:
        kind, key = str(link.get("kind", "")), str(link.get("key", ""))
        entry = SearchEntry.objects.filter(kind=kind, key=key).only("title").first()
        what = KIND_LABELS.get(kind, OTHER_DOCUMENT)
        shown.append(f"{what}: {entry.title}" if entry is not None else f"{what} #{key}")
    return "; ".join(shown)


# How the log writes what it stores under a key (``core.audit``).
VALUE_FORMATS = {("portal.article", "links"): article_links}
