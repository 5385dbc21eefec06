"""The codes of the reporting app, each listed once with its translated label: the error codes
its services raise, the audit actions (a submission moved along its lifecycle writes
``reporting.submission.<action>``, the action named after the state it leads to), the audit
details that are not named fields, and how the log writes the codes it stores (indicators,
periods, users, the units an indicator applies to)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class ErrorCode(models.TextChoices):
    """Why a service of the briefing refused (``DomainError.code``)."""

    UNIT_NOT_IN_PERIOD = "unit_not_in_period", _("Đơn vị không tồn tại trong kỳ báo cáo")
    DUE_BEFORE_END = "due_before_end", _("Hạn nộp không sau ngày kết thúc kỳ")
    PERIOD_NOT_OPEN = "period_not_open", _("Kỳ báo cáo chưa được mở")
    INVALID_MEASURE = "invalid_measure", _("Đơn vị đo không hợp lệ")
    INVALID_AGGREGATION = "invalid_aggregation", _("Cách tổng hợp không hợp lệ")
    INVALID_SOURCE = "invalid_source", _("Nguồn số liệu không hợp lệ")
    COMPUTED_WITHOUT_CODE = "computed_without_code", _("Chỉ tiêu tự tính thiếu mã chỉ tiêu")
    TOTAL_WITHOUT_PARTS = "total_without_parts", _("Chỉ tiêu tổng không có chỉ tiêu cộng dồn")
    WEIGHT_IS_ITSELF = "weight_is_itself", _("Chỉ tiêu làm trọng số của chính nó")
    UNKNOWN_INDICATOR = "unknown_indicator", _("Đơn vị không báo cáo chỉ tiêu này")
    INVALID_FIGURE = "invalid_figure", _("Số liệu không hợp lệ")
    NOT_A_NUMBER = "not_a_number", _("Số liệu không phải là số")
    TOO_LARGE = "too_large", _("Số liệu quá lớn")
    NEGATIVE = "negative", _("Số liệu âm")
    PERCENT_OVER_100 = "percent_over_100", _("Tỷ lệ phần trăm lớn hơn 100")
    NOT_AN_INTEGER = "not_an_integer", _("Số liệu phải là số nguyên")
    TOO_PRECISE = "too_precise", _("Số liệu quá 4 chữ số thập phân")
    LOCKED = "locked", _("Số liệu đã gửi hoặc đã duyệt, không sửa được")
    EXISTS = "exists", _("Đơn vị đã có số liệu trong kỳ")
    OUT_OF_SCOPE = "out_of_scope", _("Đơn vị ngoài phạm vi")
    INCOMPLETE = "incomplete", _("Chưa nhập đủ số liệu")
    REASON_REQUIRED = "reason", _("Trả lại số liệu mà không nêu lý do")
    INVALID_TRANSITION = "invalid_transition", _("Không chuyển được trạng thái của số liệu")
    UPLOAD_TOO_LARGE = "upload_too_large", _("Tệp số liệu quá lớn")
    UPLOAD_EMPTY = "upload_empty", _("Tệp số liệu trống")
    UPLOAD_FILE_TYPE = "upload_file_type", _("Tệp số liệu không phải bảng tính XLSX hoặc CSV")
    UPLOAD_ENCODING = "upload_encoding", _("Không đọc được bảng mã của tệp CSV")
    UPLOAD_TOO_MANY_ROWS = "upload_too_many_rows", _("Tệp số liệu có quá nhiều dòng")
    UPLOAD_STALE = "upload_stale", _("Số liệu đã thay đổi sau khi xem trước")


class AuditAction(models.TextChoices):
    """The actions the reporting app writes to the audit log."""

    PERIOD_CREATE = "reporting.period.create", _("Tạo kỳ báo cáo")
    PERIOD_DUE = "reporting.period.due", _("Đổi hạn nộp báo cáo")
    INDICATOR_SAVE = "reporting.indicator.save", _("Lưu chỉ tiêu")
    TARGET_SET = "reporting.target.set", _("Giao chỉ tiêu cho đơn vị")
    TARGET_DELETE = "reporting.target.delete", _("Xóa chỉ tiêu đã giao")
    SUBMISSION_SAVE = "reporting.submission.save", _("Lưu số liệu báo cáo")
    SUBMISSION_IMPORT = "reporting.submission.import", _("Nhập số liệu báo cáo đã duyệt từ trước")
    SUBMISSION_SUBMITTED = "reporting.submission.submitted", _("Gửi số liệu báo cáo")
    SUBMISSION_APPROVED = "reporting.submission.approved", _("Duyệt số liệu báo cáo")
    SUBMISSION_RETURNED = "reporting.submission.returned", _("Trả lại số liệu báo cáo")
    REMINDER = "reporting.reminder", _("Nhắc nộp báo cáo")


# Audit details that are not fields of the audited record.
AUDIT_DETAIL_LABELS = {
    "values": _("Số liệu"),
}
DELETED_INDICATOR = _("Chỉ tiêu đã xóa")


def indicator_values(value: Any) -> str | None:
    """A submission's figures (``{"PB-CHU-TRI": "3"}``) by the indicators' names."""
    from ykien.core.audit import memo
    from ykien.reporting.models import Indicator

    if not isinstance(value, dict):
        return None
    # Every indicator's name, read once per page or export of the log (``memo``).
    names = memo(
        "reporting.indicator_names", lambda: dict(Indicator.objects.values_list("code", "name"))
    )
    return "; ".join(
        f"{gettext(names[code]) if code in names else DELETED_INDICATOR}: {figure}"
        for code, figure in value.items()
    )


def period_title(value: Any) -> str | None:
    """A period stored by its code (``2026-Q1``) by its title ("quý I/2026")."""
    from ykien.reporting.models import Period

    if not isinstance(value, str):
        return None  # an id: the log names it as the record it points to
    period = Period.objects.filter(code=value).first()
    return period.title if period is not None else None


def usernames(value: Any) -> str | None:
    """Users stored by their usernames, by their full names."""
    from ykien.core.models import User

    if not isinstance(value, list):
        return None
    names = {
        user.username: user.full_name or user.username
        for user in User.objects.filter(username__in=[str(v) for v in value])
    }
    return ", ".join(names.get(str(v), str(v)) for v in value)


def applies_to(value: Any) -> str | None:
    """The units an indicator applies to (``["front/commune"]``) by kind and level."""
    from ykien.core.models import UnitKind, UnitLevel

    if not isinstance(value, list):
        return None
    shown = []
    for pair in value:
        kind, _sep, level = str(pair).partition("/")
        if kind not in UnitKind.values or level not in UnitLevel.values:
            return None
        shown.append(f"{UnitKind(kind).label} ({UnitLevel(level).label.lower()})")
    return "; ".join(shown)


def computed_source(value: Any) -> str | None:
    """The figure an app computes (``petitions.received``) by its name."""
    from ykien.core.indicators import all_computed

    computed = all_computed().get(str(value))
    return gettext(computed.name) if computed is not None else None


# How the log writes the codes it stores (``core.audit``).
VALUE_FORMATS = {
    ("reporting.submission", "period"): period_title,
    ("reporting.reminder", "period"): period_title,
    ("reporting.submission", "values"): indicator_values,
    ("reporting.reminder", "recipients"): usernames,
    ("reporting.indicator", "applies_to"): applies_to,
    ("reporting.indicator", "computed_code"): computed_source,
}
