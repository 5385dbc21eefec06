"""Public participation: comments on a clause, reports against comments, statements and votes."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ykien.core.fields import person_link


class Stance(models.TextChoices):
    AGREE = "agree", _("Đồng ý")
    DISAGREE = "disagree", _("Không đồng ý")
    REWORD = "reword", _("Đề xuất cách viết khác")


class AuthorKind(models.TextChoices):
    ANONYMOUS = "anonymous", _("Người dân (ẩn danh)")
    CITIZEN = "citizen", _("Công dân có tài khoản")
    OFFICER = "officer", _("Cán bộ")
    EXPERT = "expert", _("Chuyên gia")


class CommentStatus(models.TextChoices):
    VISIBLE = "visible", _("Đang hiển thị")
    PENDING = "pending", _("Tạm ẩn chờ xem xét")
    HIDDEN = "hidden", _("Đã ẩn")


class Comment(models.Model):
    """A comment on a node of one version (``node`` null: on the whole draft). Stored as typed
    (NFC), always displayed escaped; never deleted, only hidden with a reason."""

    draft = models.ForeignKey("consultations.Draft", on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(
        "consultations.DraftVersion", on_delete=models.CASCADE, related_name="+"
    )
    node = models.ForeignKey(
        "consultations.Node", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    stance = models.CharField(_("ý kiến"), max_length=10, choices=Stance.choices)
    proposed_wording = models.TextField(_("đề xuất cách viết"), blank=True)
    reasons = models.TextField(_("lý do"), blank=True)
    author = person_link()
    author_kind = models.CharField(_("người góp ý"), max_length=10, choices=AuthorKind.choices)
    # "u:<user id>" or "a:<hash of the anonymous session>": the analysis' author key.
    participant = models.CharField(max_length=80, db_index=True)
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=CommentStatus.choices, default=CommentStatus.VISIBLE
    )
    report_count = models.PositiveIntegerField(default=0)
    reviewed = models.BooleanField(_("đã xem xét"), default=False)
    moderation_reason = models.CharField(_("lý do xử lý"), max_length=500, blank=True)
    moderated_by = person_link()
    moderated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Proposed wording and reasons folded for the moderation list's search
    # (``core.lists.fold_for_search``: " word word "), written with the comment at intake.
    search_text = models.TextField(blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("góp ý")
        verbose_name_plural = _("góp ý")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The public pages' order (newest first) and their keyset pages read this index
            # backwards, ``id`` breaking ties of one instant.
            models.Index(fields=["draft", "status", "created_at", "id"]),
            models.Index(fields=["node", "status", "created_at"]),
            models.Index(fields=["version", "status"]),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_stance_display()}"


class CommentCount(models.Model):
    """How many visible comments a node has (``node`` null: comments on the whole draft),
    kept exact by comment intake (in the comment's own statement) and by every change of a
    comment's status (``lifecycle.COMMENT``), so that the draft page reads a few hundred rows
    instead of counting the comments. A node's count is spread over ``COUNT_SLOTS`` rows (the
    comment's id modulo the slots) so that simultaneous comments on one clause do not queue
    on one row; a count is the sum of its rows (``counts``)."""

    draft = models.ForeignKey("consultations.Draft", on_delete=models.CASCADE, related_name="+")
    node = models.ForeignKey(
        "consultations.Node", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    slot = models.PositiveSmallIntegerField()
    visible = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["node", "slot"],
                condition=models.Q(node__isnull=False),
                name="comment_count_node_slot",
            ),
            models.UniqueConstraint(
                fields=["draft", "slot"],
                condition=models.Q(node__isnull=True),
                name="comment_count_draft_slot",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.draft_id}/{self.node_id}/{self.slot}: {self.visible}"


class CommentReport(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    participant = models.CharField(max_length=80)
    reason = models.CharField(_("lý do"), max_length=300, blank=True)
    #: A keyed hash of the reporter's address (never the address itself): reports from one
    #: address within ``services.REPORT_ADDRESS_WINDOW`` count once toward hiding the comment.
    address_hash = models.CharField(max_length=64, blank=True, default="")
    #: Whether this report was counted in ``Comment.report_count``.
    counted = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("báo cáo vi phạm")
        verbose_name_plural = _("báo cáo vi phạm")
        constraints = [
            models.UniqueConstraint(fields=["comment", "participant"], name="one_report_each"),
        ]

    def __str__(self) -> str:
        return f"#{self.comment_id} ← {self.participant}"


class StatementStatus(models.TextChoices):
    PENDING = "pending", _("Chờ duyệt")
    ACTIVE = "active", _("Đang biểu quyết")
    REJECTED = "rejected", _("Không đưa ra biểu quyết")


class Statement(models.Model):
    """A short statement about the draft on which everyone votes agree / disagree / pass."""

    draft = models.ForeignKey(
        "consultations.Draft", on_delete=models.CASCADE, related_name="statements"
    )
    text = models.CharField(_("nhận định"), max_length=300)
    author = person_link()
    participant = models.CharField(max_length=80)
    by_officer = models.BooleanField(default=False)
    status = models.CharField(
        _("trạng thái"),
        max_length=8,
        choices=StatementStatus.choices,
        default=StatementStatus.PENDING,
    )
    moderation_reason = models.CharField(_("lý do"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("nhận định biểu quyết")
        verbose_name_plural = _("nhận định biểu quyết")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text


class Vote(models.Model):
    class Value(models.IntegerChoices):
        AGREE = 1, _("Đồng ý")
        DISAGREE = -1, _("Không đồng ý")
        PASS = 0, _("Bỏ qua")

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="votes")
    draft = models.ForeignKey("consultations.Draft", on_delete=models.CASCADE, related_name="+")
    participant = models.CharField(max_length=80)
    value = models.SmallIntegerField(_("biểu quyết"), choices=Value.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("biểu quyết")
        verbose_name_plural = _("biểu quyết")
        constraints = [
            models.UniqueConstraint(fields=["statement", "participant"], name="one_vote_each"),
        ]
        indexes = [models.Index(fields=["draft", "updated_at"])]

    def __str__(self) -> str:
        return f"{self.participant}: {self.value} #{self.statement_id}"
