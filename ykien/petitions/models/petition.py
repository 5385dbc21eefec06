"""Petitions (phản ánh, kiến nghị, khiếu nại, tố cáo), their steps and attachments.

The sender's identity is never stored in plain text: ``identity_ciphertext`` holds it encrypted
(see ``core.pii``) and ``sender_hash`` a keyed hash for "same sender" matching.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ykien.core import tracking
from ykien.core.calendar import stored_description_text
from ykien.core.fields import person_link, unit_link
from ykien.petitions.codes import (
    MERGED_FROM,
    REROUTED,
    TRANSFERRED_LATE,
    TRANSFERRED_TO_SUCCESSOR,
    PetitionAction,
    StepText,
)


class Kind(models.TextChoices):
    REPORT = "report", _("Phản ánh")
    # In context: without it the catalogue shares "Kiến nghị" with supervision's recommendations.
    REQUEST = "request", pgettext_lazy("loại đơn thư", "Kiến nghị")
    COMPLAINT = "complaint", _("Khiếu nại")
    DENUNCIATION = "denunciation", _("Tố cáo")


class Status(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận, chờ thụ lý")
    ACCEPTED = "accepted", _("Đã thụ lý, đang giải quyết")
    REFUSED = "refused", _("Không thụ lý")
    SETTLED = "settled", _("Đã giải quyết, chờ trả lời")
    ANSWERED = "answered", _("Đã trả lời")
    MERGED = "merged", _("Đã gộp vào đơn khác")

    @classmethod
    def open_values(cls) -> list[str]:
        return [cls.RECEIVED.value, cls.ACCEPTED.value, cls.SETTLED.value]


class Channel(models.TextChoices):
    WEB = "web", _("Cổng thông tin")
    RECEPTION = "reception", _("Tiếp công dân")
    POST = "post", _("Bưu chính")
    OPEN311 = "open311", _("Ứng dụng (Open311)")


class PetitionQuerySet(models.QuerySet["Petition"]):
    def open(self) -> PetitionQuerySet:
        return self.filter(status__in=Status.open_values())

    def overdue(self, today: dt.date) -> PetitionQuerySet:
        return self.open().filter(due_date__lt=today)

    def due_soon(self, today: dt.date, days: int) -> PetitionQuerySet:
        return self.open().filter(due_date__gte=today, due_date__lte=today + dt.timedelta(days))


class Petition(models.Model):
    code = models.CharField(_("mã tra cứu"), max_length=9, unique=True, editable=False)
    kind = models.CharField(_("loại đơn"), max_length=16, choices=Kind.choices)
    submitted_kind = models.CharField(_("loại người gửi chọn"), max_length=16, choices=Kind.choices)
    as_information = models.BooleanField(
        _("tiếp nhận như thông tin"),
        default=False,
        help_text=_("Tố cáo nặc danh: không xử lý như tố cáo (Luật Tố cáo 2018, Điều 25)."),
    )
    category = models.ForeignKey(
        "petitions.ServiceCategory",
        verbose_name=_("lĩnh vực"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="petitions",
    )
    subject = models.CharField(_("tiêu đề"), max_length=200)
    content = models.TextField(_("nội dung"))
    unit = unit_link(_("đơn vị xử lý"), related_name="petitions")
    place_address = models.CharField(_("địa điểm xảy ra"), max_length=255, blank=True)
    lat = models.DecimalField(_("vĩ độ"), max_digits=9, decimal_places=6, null=True, blank=True)
    lng = models.DecimalField(_("kinh độ"), max_digits=9, decimal_places=6, null=True, blank=True)
    publish = models.BooleanField(
        _("đồng ý công khai nội dung"),
        default=False,
        help_text=_("Nội dung và câu trả lời được công khai, không kèm thông tin cá nhân."),
    )
    channel = models.CharField(_("kênh tiếp nhận"), max_length=12, choices=Channel.choices)
    reception_date = models.DateField(
        _("ngày tiếp công dân / ngày nhận đơn"), null=True, blank=True
    )
    reception_place = models.CharField(_("nơi tiếp"), max_length=255, blank=True)
    reception_note = models.TextField(_("ghi chú buổi tiếp"), blank=True)
    recorded_by = person_link(_("cán bộ ghi nhận"))
    # The Open311 application that sent it (its ``core.apikeys`` application key).
    api_client = models.ForeignKey(
        "core.ApiKey",
        verbose_name=_("ứng dụng Open311"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # Sender: anonymous, or encrypted identity + keyed hash.
    is_anonymous = models.BooleanField(_("nặc danh"), default=False)
    identity_ciphertext = models.TextField(blank=True, editable=False)
    sender_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    # The citizen's own account: set when they send it signed in, or attach it on "my page" with
    # its tracking code and their e-mail (``services.petition_attach``). Never shown to staff, never
    # copied into the audit log (``lifecycle.PETITION.audit_exclude``): it would name the sender.
    sender_account = person_link(_("tài khoản người gửi"), related_name="+")

    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.RECEIVED
    )
    handler = person_link(_("cán bộ xử lý"), related_name="handled_petitions")
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("gộp vào"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_petitions",
    )
    is_second_complaint = models.BooleanField(_("khiếu nại lần hai"), default=False)
    is_remote = models.BooleanField(_("vùng sâu, vùng xa, đi lại khó khăn"), default=False)

    received_on = models.DateField(_("ngày tiếp nhận"))
    accepted_on = models.DateField(_("ngày thụ lý"), null=True, blank=True)
    settled_on = models.DateField(_("ngày giải quyết"), null=True, blank=True)
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)

    accept_due = models.DateField(_("hạn thụ lý"), null=True, blank=True)
    accept_rule = models.CharField(max_length=60, blank=True)
    accept_variant = models.CharField(max_length=20, blank=True)
    settle_due = models.DateField(_("hạn giải quyết"), null=True, blank=True)
    settle_rule = models.CharField(max_length=60, blank=True)
    settle_variant = models.CharField(max_length=20, blank=True)
    settle_length = models.PositiveSmallIntegerField(null=True, blank=True)
    notify_due = models.DateField(_("hạn thông báo thụ lý"), null=True, blank=True)
    extensions = models.PositiveSmallIntegerField(_("số lần gia hạn"), default=0)
    # The due date of the step now open, with its legal basis (for due-soon / overdue lists).
    due_date = models.DateField(_("hạn bước hiện tại"), null=True, blank=True, db_index=True)
    due_basis = models.CharField(_("căn cứ thời hạn"), max_length=255, blank=True)

    refusal_ground = models.CharField(_("lý do không thụ lý"), max_length=40, blank=True)
    conclusion = models.TextField(_("kết quả giải quyết (nội bộ)"), blank=True)
    answer = models.TextField(_("trả lời người gửi"), blank=True)
    rating = models.PositiveSmallIntegerField(_("mức hài lòng"), null=True, blank=True)
    rating_comment = models.TextField(_("ý kiến về kết quả"), blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)

    # Subject and content folded for the staff list's search (``core.lists.fold_for_search``:
    # lower case, no diacritics), written by the intake service with the text.
    search_text = models.TextField(blank=True, default="", editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PetitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn thư")
        verbose_name_plural = _("đơn thư")
        ordering = ["-received_on", "-id"]
        indexes = [
            # The staff list's filters (unit, state, kind, due date, handler) and its default
            # sort are answered from this one index, without reading the rows.
            models.Index(
                fields=["unit", "status", "kind", "due_date", "received_on", "handler"],
                name="petition_list_cover",
            ),
            models.Index(fields=["unit", "received_on"]),
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["received_on", "id"], name="petition_received_id"),
            models.Index(fields=["handler", "status"], name="petition_handler_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="petition_rating_1_5",
            ),
        ]

    def __str__(self) -> str:
        # Never the subject or the sender: str() ends up in audit rows and logs.
        return f"{self.get_kind_display()} #{self.pk}"

    def __repr__(self) -> str:
        return f"<Petition #{self.pk} {self.kind} {self.status}>"

    @property
    def display_code(self) -> str:
        return tracking.grouped(self.code)

    @property
    def is_open(self) -> bool:
        return self.status in Status.open_values()

    @property
    def is_denunciation(self) -> bool:
        return self.kind == Kind.DENUNCIATION

    def is_overdue(self, today: dt.date) -> bool:
        return self.is_open and self.due_date is not None and self.due_date < today

    @property
    def due_basis_text(self) -> str:
        """``due_basis`` (stored in Vietnamese) in the reader's language."""
        return stored_description_text(self.due_basis)

    @property
    def settled_on_time(self) -> bool | None:
        if self.settled_on is None or self.settle_due is None:
            return None
        return self.settled_on <= self.settle_due


class PetitionEvent(models.Model):
    """One step of a petition. What the sender sees on the status page is stored as a code and
    its values (``text_code``, ``params``) and written out in the reader's language (``text``);
    ``public_text`` holds a text stored before the codes, shown as stored. ``note`` is internal
    and never shown publicly."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    on = models.DateField(pgettext_lazy("nhãn trường ngày", "ngày"))
    action = models.CharField(_("bước"), max_length=20, choices=PetitionAction.choices)
    status = models.CharField(max_length=12, choices=Status.choices)
    actor = person_link()
    unit = models.ForeignKey(
        "core.Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    public = models.BooleanField(default=True)
    text_code = models.CharField(max_length=30, blank=True, choices=StepText.choices)
    params = models.JSONField(default=dict, blank=True)
    public_text = models.TextField(blank=True)
    note = models.TextField(_("ghi chú nội bộ"), blank=True)
    due = models.DateField(null=True, blank=True)
    basis = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = _("bước xử lý")
        verbose_name_plural = _("bước xử lý")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} #{self.petition_id}"

    @property
    def basis_text(self) -> str:
        """``basis`` (stored in Vietnamese) in the reader's language."""
        return stored_description_text(self.basis)

    @property
    def text(self) -> str:
        """What the step says to the sender, in the reader's language."""
        if self.text_code:
            return step_text(self.text_code, self.params or {})
        return self.public_text or str(self.get_action_display())

    @property
    def note_text(self) -> str:
        """The internal note: what the officer typed, and the sentences the step adds from its
        values (a late transfer, a petition merged into this one), in the reader's language."""
        params = self.params or {}
        parts = [self.note] if self.note else []
        if params.get("merged_from"):
            parts.append(str(MERGED_FROM) % {"id": params["merged_from"]})
        if params.get("late_due"):
            parts.append(str(TRANSFERRED_LATE) % {"due": _date(params["late_due"])})
        return " ".join(parts)


def _date(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
    except (TypeError, ValueError):
        return str(value)


def step_text(code: str, params: dict) -> str:
    """The text of ``code`` (a ``StepText``) with ``params`` written in, in the active language:
    a kind or a refusal ground stored as its code is shown by its label, a date as dd/mm/yyyy."""
    from ykien.petitions.lifecycle import GROUNDS_BY_CODE

    try:
        template = str(StepText(code).label)
    except ValueError:
        return ""
    values = dict(params)
    if values.get("kind") in Kind.values:
        values["kind"] = str(Kind(values["kind"]).label)
    if "due" in values:
        values["due"] = _date(values["due"])
    if "ground" in values:
        ground = GROUNDS_BY_CODE.get(values["ground"])
        if ground is not None:
            values["ground"], values["basis"] = str(ground.label), str(ground.basis)
    try:
        text = template % values if "%(" in template else template
    except (KeyError, TypeError, ValueError):
        text = template
    if values.get("rerouted_to"):
        text += " " + str(REROUTED) % {"unit": values["rerouted_to"]}
    if values.get("successor_of"):
        text += " " + str(TRANSFERRED_TO_SUCCESSOR) % {"unit": values["successor_of"]}
    return text


class Attachment(models.Model):
    """A file sent with a petition, encrypted at rest under ``settings.PRIVATE_ROOT``.

    ``is_identity`` marks files that identify the sender (signature, handwriting, a scanned
    denunciation letter): they are shown only under the reveal rule. The original file name
    is kept inside ``name_ciphertext``.
    """

    class FileType(models.TextChoices):
        PDF = "pdf", "PDF"
        JPEG = "jpeg", "JPEG"
        PNG = "png", "PNG"

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="attachments")
    path = models.CharField(max_length=255, editable=False)
    file_type = models.CharField(max_length=8, choices=FileType.choices)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    name_ciphertext = models.TextField(blank=True, editable=False)
    is_identity = models.BooleanField(_("chứa thông tin nhận dạng người gửi"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.get_file_type_display()} #{self.pk}"

    @property
    def content_type(self) -> str:
        return {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}[self.file_type]
