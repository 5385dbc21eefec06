"""Experts' opinions, the conference, the critique points, the critique document and the answers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ykien.core.fields import person_link
from ykien.core.storage import PrivateStorage

# Under PRIVATE_ROOT/consultations: served only through permission-checked views.
PRIVATE = PrivateStorage("consultations")


class InvitationStatus(models.TextChoices):
    SENT = "sent", _("Đã gửi")
    OPENED = "opened", _("Đã mở")
    ANSWERED = "answered", _("Đã trả lời")


class Invitation(models.Model):
    """An expert invited to a draft through a personal link (no account needed). Only the
    SHA-256 of the link's secret is stored. Sent → opened → answered (``lifecycle.INVITATION``)."""

    draft = models.ForeignKey(
        "consultations.Draft", on_delete=models.CASCADE, related_name="invitations"
    )
    expert = models.ForeignKey(
        "experts.Expert", verbose_name=_("chuyên gia"), on_delete=models.PROTECT, related_name="+"
    )
    expert_name = models.CharField(_("họ tên khi mời"), max_length=300)
    email = models.EmailField(_("thư điện tử"))
    digest = models.CharField(max_length=64, unique=True)
    message = models.TextField(_("lời mời"), blank=True)
    due = models.DateField(_("hạn gửi ý kiến"))
    invited_by = person_link()
    status = models.CharField(
        _("trạng thái"),
        max_length=12,
        choices=InvitationStatus.choices,
        default=InvitationStatus.SENT,
    )
    sent_at = models.DateTimeField(_("đã gửi lúc"), auto_now_add=True)
    opened_at = models.DateTimeField(_("đã mở lúc"), null=True, blank=True)
    answered_at = models.DateTimeField(_("đã trả lời lúc"), null=True, blank=True)
    signed_name = models.CharField(_("người ký"), max_length=300, blank=True)
    signature = models.CharField(_("mã xác nhận chữ ký"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("lời mời chuyên gia")
        verbose_name_plural = _("lời mời chuyên gia")
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "expert"], name="one_invitation_each"),
        ]

    def __str__(self) -> str:
        return f"{self.expert_name} — {self.draft}"

    @property
    def state(self) -> str:
        return self.status

    def get_state_display(self) -> str:
        return str(InvitationStatus(self.status).label)


class ExpertOpinion(models.Model):
    """A signed written opinion: overall (``node`` null) or on one node."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="opinions")
    draft = models.ForeignKey("consultations.Draft", on_delete=models.CASCADE, related_name="+")
    node = models.ForeignKey(
        "consultations.Node", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    text = models.TextField(_("ý kiến"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ý kiến chuyên gia")
        verbose_name_plural = _("ý kiến chuyên gia")
        ordering = ["invitation", "id"]

    def __str__(self) -> str:
        return f"{self.invitation.expert_name}: {self.text[:60]}"


class Conference(models.Model):
    """The critique conference or dialogue."""

    draft = models.ForeignKey(
        "consultations.Draft", on_delete=models.CASCADE, related_name="conferences"
    )
    form = models.CharField(
        _("hình thức"),
        max_length=12,
        choices=[
            ("conference", _("Hội nghị phản biện")),
            ("dialogue", _("Đối thoại trực tiếp")),
        ],
    )
    held_at = models.DateTimeField(_("thời gian"))
    place = models.CharField(_("địa điểm"), max_length=300)
    participants = models.TextField(_("thành phần tham dự"))
    minutes = models.TextField(_("biên bản"), blank=True)
    conclusions = models.TextField(_("kết luận"), blank=True)
    created_by = person_link()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hội nghị phản biện")
        verbose_name_plural = _("hội nghị phản biện")
        ordering = ["held_at"]

    def __str__(self) -> str:
        return f"{self.get_form_display()} {self.held_at:%d/%m/%Y}"


class ConferenceAttachment(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=PRIVATE, upload_to="conferences/%Y/%m/")
    filename = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = person_link()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tài liệu hội nghị")
        verbose_name_plural = _("tài liệu hội nghị")

    def __str__(self) -> str:
        return self.filename


class PointStatus(models.TextChoices):
    PENDING = "pending", _("Chờ trả lời")
    ANSWERED = "answered", _("Đã trả lời")
    PUBLISHED = "published", _("Đã công khai")


class Answer(models.TextChoices):
    ACCEPTED = "accepted", _("Tiếp thu")
    EXPLAINED = "explained", _("Giải trình")
    REJECTED = "rejected", _("Không tiếp thu")


class CritiquePoint(models.Model):
    """One point of the critique, linked to its clauses and its supporting comments and opinions;
    answered by the drafting body."""

    draft = models.ForeignKey(
        "consultations.Draft", on_delete=models.CASCADE, related_name="points"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    title = models.CharField(_("vấn đề"), max_length=300)
    text = models.TextField(_("nội dung phản biện, kiến nghị"))
    nodes = models.ManyToManyField("consultations.Node", blank=True, related_name="+")
    comments = models.ManyToManyField("consultations.Comment", blank=True, related_name="points")
    opinions = models.ManyToManyField(ExpertOpinion, blank=True, related_name="points")
    from_conference = models.BooleanField(_("từ kết luận hội nghị"), default=False)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=PointStatus.choices, default=PointStatus.PENDING
    )
    answer = models.CharField(_("kết quả"), max_length=10, choices=Answer.choices, blank=True)
    answer_text = models.TextField(_("nội dung trả lời"), blank=True)
    answered_by = person_link()
    answered_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("điểm phản biện")
        verbose_name_plural = _("điểm phản biện")
        ordering = ["draft", "position", "id"]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Chờ lãnh đạo duyệt")
    ISSUED = "issued", _("Đã ban hành")


class CritiqueDocument(models.Model):
    """The critique document (văn bản phản biện), Decree 30/2020 format."""

    draft = models.OneToOneField(
        "consultations.Draft", on_delete=models.CASCADE, related_name="document"
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )
    number_symbol = models.CharField(_("số, ký hiệu"), max_length=60)
    place = models.CharField(_("địa danh"), max_length=100)
    issue_date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    intro = models.TextField(_("phần mở đầu"))
    conclusion = models.TextField(_("phần kết luận"), blank=True)
    recipients = models.TextField(_("nơi nhận"), help_text=_("Mỗi dòng một nơi nhận."))
    signer_authority = models.CharField(_("thẩm quyền ký"), max_length=100, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=200)
    signer_name = models.CharField(_("người ký"), max_length=150)
    answer_days = models.PositiveSmallIntegerField(_("số ngày để trả lời"), default=30)
    answer_due = models.DateField(_("hạn trả lời"), null=True, blank=True)
    answer_basis = models.CharField(_("căn cứ thời hạn"), max_length=300, blank=True)
    return_reason = models.CharField(_("lý do trả lại"), max_length=500, blank=True)
    docx = models.FileField(storage=PRIVATE, upload_to="documents/%Y/", blank=True)
    prepared_by = person_link()
    issued_by = person_link()
    submitted_at = models.DateTimeField(null=True, blank=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("văn bản phản biện")
        verbose_name_plural = _("văn bản phản biện")

    def __str__(self) -> str:
        return f"{self.number_symbol} — {self.draft}"

    @property
    def answer_basis_text(self) -> str:
        """The basis of the answer period in the reader's language. ``answer_basis`` keeps the
        Vietnamese text written at issue, shown as is in Vietnamese; in another language it is
        described again from the rule table (``answer.default`` in force on the issue date, the
        document's number of days), whose texts the catalogue translates."""
        if not self.answer_basis or self.issue_date is None:
            return self.answer_basis
        if (get_language() or settings.LANGUAGE_CODE).split("-")[0] == settings.LANGUAGE_CODE:
            return self.answer_basis
        from ykien.core.calendar import describe_rule
        from ykien.core.errors import UnknownRule

        try:
            return describe_rule("answer.default", self.issue_date, length=self.answer_days)
        except UnknownRule:
            return self.answer_basis
