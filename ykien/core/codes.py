"""The codes of the core app, each listed once with its translated label: the audit actions of
units, roles, the calendar and sign-in, and the words the audit log uses for what other apps do
not label themselves."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


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
