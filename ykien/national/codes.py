"""The codes of the national app, each listed once with its translated label: the error codes its
services raise and its audit actions (the national mode moved along its lifecycle writes
``national.mode.<action>``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ErrorCode(models.TextChoices):
    """Why a service of the national app refused (``DomainError.code``)."""

    NOT_NATIONAL = "not_national", _("Dự thảo không lấy phiếu toàn quốc")
    NOT_STARTED = "ballot_not_started", _("Chưa đến thời gian lấy phiếu")
    ENDED = "ballot_ended", _("Đã hết thời gian lấy phiếu")
    UNKNOWN_ARTICLE = "unknown_article", _("Dự thảo không có điều này")
    TOO_MANY_ARTICLES = "too_many_articles", _("Phiếu nêu nhiều điều hơn dự thảo có")
    BAD_STANCE = "bad_stance", _("Ý kiến không hợp lệ")
    COMMENT_TOO_LONG = "comment_too_long", _("Góp ý quá dài")
    NOT_VERIFIED = "not_verified", _("Chưa xác thực danh tính")
    NO_ARTICLES = "no_articles", _("Dự thảo không có điều nào")
    NOT_PUBLIC = "not_public", _("Dự thảo chưa công khai")
    ALREADY_NATIONAL = "already_national", _("Dự thảo đã được lấy phiếu toàn quốc")
    BAD_PERIOD = "bad_period", _("Thời gian lấy phiếu không hợp lệ")


class AuditAction(models.TextChoices):
    """The actions the national app writes to the audit log."""

    MODE_SETUP = "national.mode.setup", _("Chuẩn bị lấy phiếu toàn quốc")
    MODE_OPEN = "national.mode.open", _("Mở lấy phiếu toàn quốc")
    MODE_CLOSE = "national.mode.close", _("Kết thúc lấy phiếu toàn quốc")
    MODE_REOPEN = "national.mode.reopen", _("Mở lại lấy phiếu toàn quốc")
