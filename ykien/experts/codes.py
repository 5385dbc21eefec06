"""The codes of the experts app, each listed once with its translated label: the audit actions."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    """The actions the experts app writes to the audit log."""

    CREATE = "expert.create", _("Thêm chuyên gia vào danh sách")
    UPDATE = "expert.update", _("Sửa thông tin chuyên gia")
