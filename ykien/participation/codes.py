"""The codes of the participation app, each listed once with its translated label."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ErrorCode(models.TextChoices):
    """Why a service of the participation app refused (``DomainError.code``)."""

    NOT_FOLLOWABLE = "not_followable", _("Không có nội dung công khai này để theo dõi")
    BAD_LINK = "bad_link", _("Đường dẫn không hợp lệ hoặc đã bị sửa đổi")
    EXPIRED_LINK = "expired_link", _("Đường dẫn xác nhận không hợp lệ hoặc đã hết hạn")
    BAD_DELIVERY = "bad_delivery", _("Cách nhận thông báo không hợp lệ")
    NO_NOTIFICATION = "no_notification", _("Không có thông báo này")
