"""The codes of the core app, each listed once with its translated label: the error codes core
raises, the audit actions of units, roles, the calendar and sign-in, and the words the audit log
uses for what other apps do not label themselves."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ErrorCode(models.TextChoices):
    """The ``code`` of every ``DomainError`` core raises: its services, the lifecycle engine and
    the permission policy, the calendar, text and file checks, backups. Other apps list their own
    in their ``codes.ErrorCode`` and use these shared ones as they are."""

    # The kinds of domain error (core.errors) when no more precise code is given.
    DOMAIN_ERROR = "domain_error", _("Thao tác không hợp lệ")
    INVALID = "invalid", _("Giá trị không hợp lệ")
    FORBIDDEN = "forbidden", _("Không có quyền thực hiện thao tác")
    NOT_FOUND = "not_found", _("Không tìm thấy")
    INVALID_TRANSITION = "invalid_transition", _("Thao tác không được phép ở trạng thái hiện tại")
    UNKNOWN_ACTION = "unknown_action", _("Thao tác không có trong quy trình")
    # Text and contact details (core.text, core.validation).
    REQUIRED = "required", _("Thiếu thông tin bắt buộc")
    TOO_SHORT = "too_short", _("Nội dung quá ngắn")
    TOO_LONG = "too_long", _("Nội dung quá dài")
    FORBIDDEN_CHARACTER = "forbidden_character", _("Nội dung có ký tự không được phép")
    BAD_PHONE = "bad_phone", _("Số điện thoại không hợp lệ")
    BAD_EMAIL = "bad_email", _("Địa chỉ thư điện tử không hợp lệ")
    DUPLICATE = "duplicate", _("Đã có bản ghi trùng tên")
    # Dates and deadlines (core.calendar).
    INVALID_DATE = "invalid_date", _("Ngày không hợp lệ")
    INVALID_PERIOD = "invalid_period", _("Kỳ không hợp lệ")
    END_BEFORE_START = "end_before_start", _("Ngày kết thúc trước ngày bắt đầu")
    UNKNOWN_RULE = "unknown_rule", _("Không có quy tắc thời hạn")
    UNKNOWN_VARIANT = "unknown_variant", _("Quy tắc thời hạn không có trường hợp này")
    INVALID_LENGTH = "invalid_length", _("Thời hạn không phải số ngày dương")
    INVALID_COUNTING = "invalid_counting", _("Cách tính thời hạn không hợp lệ")
    # Units and roles.
    INVALID_LEVEL = "invalid_level", _("Cấp đơn vị không hợp lệ")
    INVALID_KIND = "invalid_kind", _("Loại không hợp lệ")
    DUPLICATE_CODE = "duplicate_code", _("Mã đơn vị đã tồn tại")
    CYCLE = "cycle", _("Đơn vị không thể đặt dưới chính nó")
    INVALID_ROLE = "invalid_role", _("Vai trò không hợp lệ")
    # Sign-in with two factors.
    OTP_THROTTLED = "otp_throttled", _("Nhập sai mã xác thực, phải chờ rồi thử lại")
    BAD_TOKEN = "bad_token", _("Mã xác thực không đúng hoặc đã hết hạn")
    # Uploaded archives (.docx, .xlsx: core.files).
    ARCHIVE_TOO_MANY_MEMBERS = "archive_too_many_members", _("Tệp nén có quá nhiều thành phần")
    ARCHIVE_TOO_LARGE = "archive_too_large", _("Tệp nén giải nén ra quá lớn")
    # Backups (core.backup).
    MISSING_TOOL = "missing_tool", _("Thiếu công cụ sao lưu của hệ quản trị cơ sở dữ liệu")
    BACKUP_FAILED = "backup_failed", _("Sao lưu thất bại")
    RESTORE_FAILED = "restore_failed", _("Khôi phục thất bại")
    UNSUPPORTED = "unsupported", _("Hệ quản trị cơ sở dữ liệu không được hỗ trợ")
    NOT_BACKUP = "not_backup", _("Tệp không phải bản sao lưu của Ý Kiến")
    UNSUPPORTED_VERSION = "unsupported_version", _("Phiên bản bản sao lưu không được hỗ trợ")
    BAD_MANIFEST = "bad_manifest", _("Danh mục của bản sao lưu không hợp lệ")
    CHECKSUM = "checksum", _("Tệp trong bản sao lưu bị hỏng")
    NO_KEYS = "no_keys", _("Không có khóa dữ liệu cá nhân để xuất")
    KEYS_EXIST = "keys_exist", _("Tệp khóa đã có")
    KEYS_INSIDE = "keys_inside", _("Tệp khóa nằm trong bản sao lưu")
    NOT_EMPTY = "not_empty", _("Nơi khôi phục không trống")
    VENDOR_MISMATCH = "vendor_mismatch", _("Bản sao lưu của hệ quản trị cơ sở dữ liệu khác")


class AuditAction(models.TextChoices):
    """The actions the core app writes to the audit log."""

    UNIT_CREATE = "unit.create", _("Tạo đơn vị")
    UNIT_UPDATE = "unit.update", _("Sửa thông tin đơn vị")
    UNIT_MOVE = "unit.move", _("Chuyển đơn vị sang đơn vị cấp trên khác")
    UNIT_MERGE = "unit.merge", _("Sáp nhập đơn vị")
    ROLE_GRANT = "role.grant", _("Phân quyền")
    ROLE_REVOKE = "role.revoke", _("Thu hồi quyền")
    CALENDAR_OVERRIDE = "calendar.override", _("Điều chỉnh ngày nghỉ, ngày làm việc")
    CALENDAR_RULE = "calendar.rule", _("Sửa quy tắc thời hạn")
    OTP_ENABLE = "otp.enable", _("Bật xác thực hai bước")
    CONFIDENTIAL_READ = "confidential.read", _("Xem thông tin bảo mật")
    APIKEY_CREATE = "apikey.create", _("Cấp khóa API")
    APIKEY_REVOKE = "apikey.revoke", _("Thu hồi khóa API")
    PII_ROTATE_KEYS = "pii.rotate_keys", _("Đổi khóa mã hóa thông tin cá nhân")
    LOGIN = "auth.login", _("Đăng nhập vào hệ thống")
    LOGOUT = "auth.logout", _("Đăng xuất khỏi hệ thống")
    LOGIN_FAILED = "auth.login_failed", _("Đăng nhập không thành công")
    MY_DATA_EXPORT = "account.export", _("Tải về dữ liệu của mình")


# Actions written from the Django admin: ``admin.<verb>.<model>``.
ADMIN_ACTIONS = {
    "add": _("Thêm trong trang quản trị: %(object)s"),
    "change": _("Sửa trong trang quản trị: %(object)s"),
    "delete": _("Xóa trong trang quản trị: %(object)s"),
}

# When an app has not labelled an action, the log names it by its last word and the record's
# kind ("Tạo mới: Dự thảo") rather than show the code.
ACTION_VERBS = {
    "create": _("Tạo mới"),
    "add": _("Thêm"),
    "register": _("Đăng ký"),
    "update": _("Cập nhật"),
    "save": _("Lưu"),
    "change": _("Sửa"),
    "delete": _("Xóa"),
    "remove": _("Xóa"),
    "revoke": _("Thu hồi"),
    "submit": _("Gửi"),
    "send": _("Gửi"),
    "issue": _("Ban hành"),
    "publish": _("Công bố"),
    "answer": _("Trả lời"),
    "reply": _("Trả lời"),
    "approve": _("Phê duyệt"),
    "approved": _("Phê duyệt"),
    "return": _("Trả lại"),
    "open": _("Mở"),
    "close": _("Kết thúc"),
    "import": _("Nhập dữ liệu"),
    "request": _("Yêu cầu"),
    "propose": _("Đề xuất"),
    "attach": _("Đính kèm"),
    "pending": _("Chờ duyệt"),
}
OTHER_ACTION = _("Thay đổi")

# Labels of audit details that are not fields of the audited record (each app adds its own
# through ``core.audit.register_detail_labels``).
DETAIL_LABELS = {
    "fields": _("Thông tin đã xem"),
    "successor": _("Đơn vị kế thừa"),
    "predecessor": _("Đơn vị được sáp nhập"),
    "created_by": _("Người tạo"),
    "granted_by": _("Người phân quyền"),
    "uploaded_by": _("Người tải lên"),
    "uploaded_at": _("Thời điểm tải lên"),
    "content_type": _("Kiểu tệp"),
    "last_used_at": _("Lần dùng gần nhất"),
    "device": _("Thiết bị xác thực"),
    "status": _("Trạng thái"),
    "number": _("Số"),
    "name": _("Tên"),
    "filename": _("Tên tệp"),
    "size": _("Dung lượng (byte)"),
    "due": _("Hạn"),
    "period": _("Kỳ báo cáo"),
    "recipients": _("Người nhận"),
    "reports": _("Số lượt báo cáo vi phạm"),
    "nodes": _("Số điều, khoản"),
    "points": _("Số nội dung"),
    "opinions": _("Số ý kiến"),
    "expert": _("Chuyên gia"),
    "prefix": _("Tiền tố khóa"),
    "signature": _("Chữ ký"),
    "kind": _("Loại"),
    "path": _("Vị trí"),
}

# The personal data named by a confidential read (``audit_confidential_read``'s ``fields``).
PERSONAL_FIELDS = {
    "name": _("Họ và tên"),
    "id_number": _("Số định danh cá nhân"),
    "phone": _("Điện thoại"),
    "email": _("Thư điện tử"),
    "address": _("Địa chỉ"),
    "attachments": _("Tệp đính kèm"),
}

# The cases of a deadline rule (``DeadlineRule.variants``), shown instead of their codes.
RULE_VARIANTS = {
    "complex": _("Vụ việc phức tạp"),
    "very_complex": _("Vụ việc đặc biệt phức tạp"),
    "remote": _("Vùng sâu, vùng xa, đi lại khó khăn"),
    "remote_complex": _("Vùng sâu, vùng xa, vụ việc phức tạp"),
    "extended": _("Đã gia hạn"),
}
