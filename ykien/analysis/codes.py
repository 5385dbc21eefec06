"""The codes of the analysis app, each listed once with its translated label: the audit actions
(a run requested, then done or failed: ``analysis.<status>``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    """The actions the analysis app writes to the audit log."""

    REQUEST = "analysis.request", _("Yêu cầu phân tích góp ý")
    DONE = "analysis.done", _("Hoàn thành phân tích góp ý")
    FAILED = "analysis.failed", _("Phân tích góp ý bị lỗi")


# Audit details that are fields without a name of their own.
AUDIT_DETAIL_LABELS = {
    "requested_by": _("Người yêu cầu"),
}
