"""A draft received for critique, its uploaded versions and the nodes of a published version."""

from __future__ import annotations

import datetime as dt
import re
from functools import cached_property

from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ykien.core.fields import person_link, unit_link
from ykien.core.lists import fold_for_search
from ykien.core.storage import PrivateStorage

# Under PRIVATE_ROOT/consultations: served only through permission-checked views.
PRIVATE = PrivateStorage("consultations")


class DraftKind(models.TextChoices):
    LAW = "law", _("Luật")
    RESOLUTION = "resolution", _("Nghị quyết")
    DECISION = "decision", _("Quyết định")
    PLAN = "plan", _("Kế hoạch")
    PROJECT = "project", _("Đề án")


class CritiqueForm(models.TextChoices):
    CONFERENCE = "conference", _("Tổ chức hội nghị phản biện")
    WRITTEN = "written", _("Gửi dự thảo lấy ý kiến bằng văn bản")
    DIALOGUE = "dialogue", _("Tổ chức đối thoại trực tiếp")


class DraftStatus(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    REVIEW = "review", _("Đang rà soát văn bản")
    OPEN = "open", _("Đang lấy ý kiến")
    CLOSED = "closed", _("Đã hết hạn góp ý")
    CONSOLIDATING = "consolidating", _("Đang tổng hợp")
    ISSUED = "issued", _("Đã ban hành văn bản phản biện")
    ANSWERED = "answered", _("Đã công khai trả lời")


class Draft(models.Model):
    unit = unit_link(_("đơn vị tiếp nhận"))
    drafting_unit = unit_link(_("cơ quan soạn thảo"))
    title = models.CharField(_("tên dự thảo"), max_length=500)
    kind = models.CharField(_("loại văn bản"), max_length=12, choices=DraftKind.choices)
    form = models.CharField(_("hình thức phản biện"), max_length=12, choices=CritiqueForm.choices)
    received_on = models.DateField(_("ngày nhận"))
    comment_start = models.DateField(_("bắt đầu lấy ý kiến"), null=True, blank=True)
    comment_end = models.DateField(_("hết hạn góp ý"), null=True, blank=True)
    # The period announced above is kept when an officer ends it before ``comment_end``; the
    # early end is recorded beside it (cleared when the draft is reopened; the audit keeps it).
    closed_early_at = models.DateTimeField(_("kết thúc sớm lúc"), null=True, blank=True)
    closed_early_reason = models.CharField(_("lý do kết thúc sớm"), max_length=500, blank=True)
    summary = models.TextField(_("tóm tắt"), blank=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=DraftStatus.choices,
        default=DraftStatus.RECEIVED,
        db_index=True,
    )
    current_version = models.ForeignKey(
        "consultations.DraftVersion",
        verbose_name=_("phiên bản đang công khai"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(_("công khai lúc"), null=True, blank=True)
    created_by = person_link()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Title, summary and drafting body folded for the staff lists' search
    # (``core.lists.fold_for_search``), written by the services that set them.
    search_text = models.TextField(blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("dự thảo")
        verbose_name_plural = _("dự thảo")
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["unit", "received_on"])]

    def __str__(self) -> str:
        return self.title

    def fold_search_text(self) -> str:
        """What ``search_text`` holds for the draft as it is now."""
        return fold_for_search(self.title, self.summary, self.drafting_unit.name)

    @property
    def is_public(self) -> bool:
        return self.current_version_id is not None and self.status not in (
            DraftStatus.RECEIVED,
            DraftStatus.REVIEW,
        )

    @property
    def closed_early_on(self) -> dt.date | None:
        """The day (in Vietnam) the comment period was ended before its announced end."""
        return timezone.localdate(self.closed_early_at) if self.closed_early_at else None

    def phase_on(self, day: dt.date) -> str:
        """Where an open draft stands in its comment period on ``day``: ``"upcoming"`` (before
        ``comment_start``), ``"open"`` or ``"ended"`` (after ``comment_end``, even before an
        officer closes it, or from an early end); ``""`` when the draft is not open (its status
        says why)."""
        if self.status != DraftStatus.OPEN or self.current_version_id is None:
            return ""
        if self.closed_early_at is not None and day >= timezone.localdate(self.closed_early_at):
            return "ended"
        if self.comment_start is not None and day < self.comment_start:
            return "upcoming"
        if self.comment_end is not None and day > self.comment_end:
            return "ended"
        return "open"

    @property
    def participation_phase(self) -> str:
        """``phase_on`` today (for templates)."""
        return self.phase_on(timezone.localdate())


class VersionStatus(models.TextChoices):
    REVIEW = "review", _("Đang rà soát")
    PUBLISHED = "published", _("Đang công khai")
    SUPERSEDED = "superseded", _("Đã thay thế")


class DraftVersion(models.Model):
    """One uploaded text. ``tree`` is the splitter's JSON, corrected by the officer while the
    version is under review; publishing turns it into ``Node`` rows."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("phiên bản"))
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=VersionStatus.choices, default=VersionStatus.REVIEW
    )
    file = models.FileField(_("tệp"), storage=PRIVATE, upload_to="drafts/%Y/%m/")
    filename = models.CharField(_("tên tệp"), max_length=255)
    source_type = models.CharField(_("loại tệp"), max_length=8)
    sha256 = models.CharField(max_length=64)
    text = models.TextField(_("văn bản"))
    tree = models.JSONField(_("cấu trúc"), default=list)
    warnings = models.JSONField(_("cảnh báo"), default=list, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    created_by = person_link()
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("phiên bản dự thảo")
        verbose_name_plural = _("phiên bản dự thảo")
        ordering = ["draft", "number"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "number"], name="draft_version_number"),
        ]

    def __str__(self) -> str:
        return f"{self.draft} — v{self.number}"


class NodeKind(models.TextChoices):
    PREAMBLE = "preamble", _("Phần mở đầu")
    PART = "part", _("Phần")
    CHAPTER = "chapter", _("Chương")
    SECTION = "section", _("Mục")
    ARTICLE = "article", _("Điều")
    CLAUSE = "clause", _("Khoản")
    POINT = "point", _("Điểm")
    CLOSING = "closing", _("Phần kết")


# Kind words as they appear in stored labels ("Điều 3, khoản 1", "Phần mở đầu"), longest first.
_LABEL_WORDS = re.compile(
    r"(?<!\w)(Phần mở đầu|Phần kết|Phần|Chương|Mục|Điều|Khoản|khoản|Điểm|điểm)(?!\w)"
)
_LABEL_KINDS = {
    "phần mở đầu": "preamble",
    "phần kết": "closing",
    "phần": "part",
    "chương": "chapter",
    "mục": "section",
    "điều": "article",
    "khoản": "clause",
    "điểm": "point",
}


def label_in_language(label: str) -> str:
    """A stored Vietnamese position label ("Điều 3, khoản 1") in the active language: the kind
    words are replaced by their translations ("Article 3, clause 1"); unchanged in Vietnamese.
    Labels are stored in Vietnamese as the law writes them (and the critique document, always
    Vietnamese, prints them so)."""
    if (get_language() or "vi").startswith("vi"):
        return label

    def word(match: re.Match[str]) -> str:
        found = match.group(1)
        translated = str(NodeKind(_LABEL_KINDS[found.lower()]).label)
        return translated[:1].lower() + translated[1:] if found[:1].islower() else translated

    return _LABEL_WORDS.sub(word, label)


class Node(models.Model):
    """A unit of a published version's text, in reading order (``position``)."""

    version = models.ForeignKey(DraftVersion, on_delete=models.CASCADE, related_name="nodes")
    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="+")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    position = models.PositiveIntegerField()
    depth = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("loại"), max_length=10, choices=NodeKind.choices)
    number = models.CharField(_("số"), max_length=40, blank=True)
    title = models.CharField(_("tiêu đề"), max_length=1000, blank=True)
    text = models.TextField(_("nội dung"), blank=True)
    label = models.CharField(_("vị trí"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("điều, khoản")
        verbose_name_plural = _("điều, khoản")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="node_position"),
        ]

    def __str__(self) -> str:
        return self.label_text

    @property
    def label_text(self) -> str:
        """The position label in the active language (stored in Vietnamese)."""
        return label_in_language(self.label) if self.label else str(self.get_kind_display())

    @property
    def commentable(self) -> bool:
        """Điều, khoản and điểm take comments; so does a text with no structure at all, kept
        as the one node of its version (the splitter's "no_articles" block)."""
        if self.kind in {NodeKind.ARTICLE, NodeKind.CLAUSE, NodeKind.POINT}:
            return True
        return self.kind == NodeKind.PREAMBLE and self.parent_id is None and self.is_whole_text

    @cached_property
    def is_whole_text(self) -> bool:
        """True if this is the only node of its version (one query unless set beforehand, as
        ``selectors.version_rows`` does)."""
        return not Node.objects.filter(version_id=self.version_id).exclude(pk=self.pk).exists()
