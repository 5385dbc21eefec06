"""Readers' feedback under an article, held for moderation, answered by the unit."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from ykien.core.fields import person_link


class FeedbackStatus(models.TextChoices):
    PENDING = "pending", _("Chờ duyệt")
    PUBLISHED = "published", _("Đã đăng")
    REJECTED = "rejected", _("Không đăng")


class Feedback(models.Model):
    article = models.ForeignKey(
        "portal.Article",
        verbose_name=_("tin bài"),
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    # As the reader typed it; blank once an account that sent it is deleted (``display_name``).
    name = models.CharField(_("họ và tên"), max_length=120, blank=True)
    title = models.CharField(_("tiêu đề"), max_length=200)
    content = models.TextField(_("nội dung"), max_length=5000)
    # The reader's link to follow their feedback: unguessable, the only way to find it back.
    token = models.CharField(max_length=43, unique=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=FeedbackStatus.choices,
        default=FeedbackStatus.PENDING,
    )
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)
    moderated_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    moderated_by = person_link()
    moderation_note = models.CharField(_("lý do không đăng"), max_length=255, blank=True)
    reply = models.TextField(_("trả lời của đơn vị"), blank=True)
    replied_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)
    replied_by = person_link()
    reply_unit = models.ForeignKey(
        "core.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The account of a reader who was signed in when sending it (``None``: sent without an
    # account, or the account was deleted). Never copied into the audit log, never shown to staff.
    author = person_link(_("tài khoản người gửi"))
    # Title and content folded for the moderation list's search (``core.lists.fold_for_search``);
    # never the sender's name.
    search_text = models.TextField(blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("ý kiến bạn đọc")
        verbose_name_plural = _("ý kiến bạn đọc")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["article", "status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def display_name(self) -> str:
        """The name shown with the feedback: as typed, or "a reader" once it was erased."""
        return self.name or pgettext("người gửi ý kiến đã xóa tên", "Bạn đọc")

    @property
    def unit(self):  # type: ignore[no-untyped-def]
        """The unit that moderates and answers: the article's (used by the permission rules)."""
        return self.article.unit
