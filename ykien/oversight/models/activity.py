"""Supervision activities by form (Luật MTTQ 2015, Điều 27; NQLT 403/2017), their documents and
findings."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ykien.core.fields import person_link, unit_link
from ykien.core.storage import PrivateStorage

# Under PRIVATE_ROOT/oversight: served only through permission-checked views.
PRIVATE = PrivateStorage("oversight")


class ActivityForm(models.TextChoices):
    DOCUMENT_REVIEW = "document_review", _("Nghiên cứu, xem xét văn bản")
    TEAM = "team", _("Đoàn giám sát")
    BOARD = "board", _("Thông qua Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng")
    JOINT = "joint", _("Tham gia giám sát với cơ quan có thẩm quyền")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Kế hoạch")
    DECIDED = "decided", _("Đã thành lập đoàn")
    NOTIFIED = "notified", _("Đã thông báo đối tượng")
    SESSION_HELD = "session_held", _("Đã làm việc")
    IN_PROGRESS = "in_progress", _("Đang giám sát")
    REPORTED = "reported", _("Đã báo cáo kết quả")
    CLOSED = "closed", _("Kết thúc")
    CANCELLED = "cancelled", _("Hủy")


class Activity(models.Model):
    """One supervision: the front committee that runs it (``unit``), its form, its subject.

    The supervision team's timeline (NQLT 403/2017, Điều 7–8): founding decision, notice to the
    subject at least 15 days before the working session, the subject's report at least 7 days
    before it, the session with minutes and field visits, the team's report within 15 days after.
    """

    unit = unit_link(_("đơn vị chủ trì"))
    programme_item = models.ForeignKey(
        "oversight.ProgrammeItem",
        verbose_name=_("theo chương trình"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    follows = models.ForeignKey(
        "self",
        verbose_name=_("giám sát lại cuộc"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followups",
    )
    form = models.CharField(_("hình thức"), max_length=20, choices=ActivityForm.choices)
    status = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=ActivityStatus.choices,
        default=ActivityStatus.PLANNED,
    )
    title = models.CharField(_("tên cuộc giám sát"), max_length=255)
    content = models.TextField(_("nội dung giám sát"))
    subject = unit_link(_("đối tượng giám sát"))
    board = unit_link(_("Ban thực hiện"), optional=True)
    led_by = models.CharField(
        _("cơ quan chủ trì"),
        max_length=255,
        blank=True,
        help_text=_("Khi tham gia giám sát do cơ quan có thẩm quyền chủ trì."),
    )
    planned_on = models.DateField(_("ngày lập kế hoạch"))
    plan = models.TextField(_("kế hoạch"), blank=True)
    started_on = models.DateField(_("ngày bắt đầu"), null=True, blank=True)

    # Supervision team
    decision_number = models.CharField(_("số quyết định thành lập đoàn"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    team_members = models.TextField(_("thành phần đoàn"), blank=True)
    session_date = models.DateField(_("ngày làm việc với đối tượng"), null=True, blank=True)
    notice_sent_on = models.DateField(_("ngày gửi thông báo, kế hoạch"), null=True, blank=True)
    subject_report_received_on = models.DateField(
        _("ngày nhận báo cáo của đối tượng"), null=True, blank=True
    )
    short_notice_confirmed_by = person_link(_("lãnh đạo xác nhận thời hạn thông báo ngắn"))
    short_notice_confirmed_at = models.DateTimeField(null=True, blank=True)
    short_notice_reason = models.TextField(_("lý do"), blank=True)
    session_held_on = models.DateField(_("ngày đã làm việc"), null=True, blank=True)
    minutes = models.TextField(_("biên bản làm việc"), blank=True)
    field_visits = models.TextField(_("khảo sát thực tế"), blank=True)

    # Results
    report_date = models.DateField(_("ngày báo cáo kết quả"), null=True, blank=True)
    report_number = models.CharField(_("số, ký hiệu báo cáo"), max_length=60, blank=True)
    report_summary = models.TextField(_("tóm tắt kết quả"), blank=True)
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)

    created_by = person_link(blank=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cuộc giám sát")
        verbose_name_plural = _("cuộc giám sát")
        ordering = ["-planned_on", "-pk"]
        indexes = [models.Index(fields=["unit", "planned_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def issuer(self):  # type: ignore[no-untyped-def]
        """The unit whose name the recommendations carry: the board for a board activity."""
        return self.board if self.form == ActivityForm.BOARD and self.board_id else self.unit


class ActivityDocument(models.Model):
    class Kind(models.TextChoices):
        PLAN = "plan", _("Kế hoạch")
        DECISION = "decision", _("Quyết định thành lập đoàn")
        NOTICE = "notice", _("Thông báo, đề cương gửi đối tượng")
        SUBJECT_REPORT = "subject_report", _("Báo cáo của đối tượng")
        MINUTES = "minutes", _("Biên bản làm việc")
        REPORT = "report", _("Báo cáo kết quả")
        OTHER = "other", _("Tài liệu khác")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("tệp"), storage=PRIVATE, upload_to="activities/%Y/")
    name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveIntegerField(_("dung lượng"))
    content_type = models.CharField(max_length=100)
    uploaded_by = person_link(blank=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tài liệu cuộc giám sát")
        verbose_name_plural = _("tài liệu cuộc giám sát")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name


class Finding(models.Model):
    """What the supervision found (kết quả giám sát): the ground of its recommendations."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="findings")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    text = models.TextField(_("nội dung phát hiện"))

    class Meta:
        verbose_name = _("phát hiện qua giám sát")
        verbose_name_plural = _("phát hiện qua giám sát")
        ordering = ["activity", "order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]
