"""The codes of the reception app, each listed once with its translated label: the error codes
its services raise and its audit actions (a session moved along its lifecycle writes
``reception.session.<action>``, named after the state it leads to)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ErrorCode(models.TextChoices):
    """Why a service of the reception app refused (``DomainError.code``)."""

    NO_SESSION = "no_session", _("Không có buổi tiếp theo lịch vào ngày này")
    ALREADY_REGISTERED = "already_registered", _("Đã đăng ký buổi tiếp này")
    SESSION_CLOSED = "session_closed", _("Buổi tiếp không còn nhận đăng ký")
    HEAD_NOT_IN_OFFICE = "head_not_in_office", _("Người tiếp không giữ chức vụ vào ngày này")
    DEPUTY_MISSING = "deputy_missing", _("Chưa ghi cấp phó được ủy quyền")
    IDENTITY_MISSING = "identity_missing", _("Chưa ghi họ tên và cách liên hệ")
    GROUP_INVALID = "group_invalid", _("Số người hoặc người đại diện không hợp lệ")
    NOT_YET = "not_yet", _("Chưa đến ngày của buổi tiếp")
    REASON_MISSING = "reason_missing", _("Chưa ghi lý do")
    DUPLICATE_SESSION = "duplicate_session", _("Trùng buổi tiếp đã có trong lịch")
    PAST_DAY = "past_day", _("Ngày đã qua")
    REGISTRATION_MISSING = "registration_missing", _("Chưa gắn với đăng ký trước")


class AuditAction(models.TextChoices):
    """The actions the reception app writes to the audit log."""

    HEAD_CREATE = "reception.head.create", _("Thêm người đứng đầu tiếp công dân")
    SESSION_CREATE = "reception.session.create", _("Lên lịch buổi tiếp công dân")
    SESSION_HELD = "reception.session.held", _("Ghi nhận đã tiếp công dân")
    SESSION_DELEGATED = "reception.session.delegated", _("Ghi nhận ủy quyền cấp phó tiếp")
    SESSION_MISSED = "reception.session.missed", _("Ghi nhận không tiếp theo lịch")
    SESSION_CANCELLED = "reception.session.cancelled", _("Hủy lịch tiếp công dân")
    SESSION_SCHEDULED = "reception.session.scheduled", _("Khôi phục lịch tiếp công dân")
    REGISTRATION_SUBMIT = "reception.registration.submit", _("Công dân đăng ký tiếp")
    ENTRY_CREATE = "reception.entry.create", _("Ghi sổ tiếp công dân")
