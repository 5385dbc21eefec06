"""The codes of the accounts app, each with its translated label."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ErrorCode(models.TextChoices):
    STAFF_CANNOT_DELETE = (
        "staff_cannot_delete",
        _("Tài khoản cán bộ không tự xóa được: việc cán bộ làm là hồ sơ công vụ"),
    )
    WRONG_PASSWORD = "wrong_password", _("Mật khẩu không đúng")
    BAD_COMMUNE = "bad_commune", _("Xã, phường không có trong danh sách hiện hành")


class AuditAction(models.TextChoices):
    """The actions the accounts app writes to the audit log."""

    PROFILE_UPDATE = "account.profile_update", _("Cập nhật hồ sơ cá nhân")
    ACCOUNT_DELETE = "account.delete", _("Xóa tài khoản và dữ liệu cá nhân")
