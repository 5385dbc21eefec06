"""The national mode of a draft: the ballot period, the ballots (one per verified person), their
history, the comments per article, the queue the rollup counts from and the rolled-up counts.

Personal data kept on a ballot: the keyed hash of the person's identifier at the identity
provider (``ykien.identity``: HMAC-SHA256, never the identifier itself), and what the results
report by: the province (one of the 34 after the 2025 merger), the age band and the sex.

Stances per article are one byte each in ``Ballot.stances`` (``STANCE_CODES``), in the order of
``NationalMode.articles`` (the article numbers of the draft's version when the mode was set up):
a 120-article ballot is one row of ~200 bytes, not 120 rows. On PostgreSQL the ballot, history
and comment tables are partitioned by draft (migration 0002; docs/domains/national.md).
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ykien.core.fields import person_link


class Stance(models.TextChoices):
    NONE = "none", _("Không có ý kiến")
    AGREE = "agree", _("Đồng ý")
    DISAGREE = "disagree", _("Không đồng ý")


#: One byte per stance, as stored in ``Ballot.stances`` and ``Ballot.overall``.
STANCE_CODES: dict[str, int] = {Stance.NONE: 0, Stance.AGREE: 1, Stance.DISAGREE: 2}
STANCE_NAMES: tuple[str, ...] = (Stance.NONE, Stance.AGREE, Stance.DISAGREE)


class AgeBand(models.TextChoices):
    UNKNOWN = "", _("Không rõ")
    A16 = "16-24", _("16–24 tuổi")
    A25 = "25-34", _("25–34 tuổi")
    A35 = "35-44", _("35–44 tuổi")
    A45 = "45-54", _("45–54 tuổi")
    A55 = "55-64", _("55–64 tuổi")
    A65 = "65+", _("Từ 65 tuổi")


class Sex(models.TextChoices):
    UNKNOWN = "", _("Không rõ")
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class ModeStatus(models.TextChoices):
    PLANNED = "planned", _("Chuẩn bị lấy phiếu")
    OPEN = "open", _("Đang lấy phiếu")
    CLOSED = "closed", _("Đã kết thúc lấy phiếu")


class NationalMode(models.Model):
    """A draft opened for ballots across the country (one per draft)."""

    draft = models.OneToOneField(
        "consultations.Draft",
        verbose_name=_("dự thảo"),
        on_delete=models.PROTECT,
        related_name="national_mode",
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ModeStatus.choices, default=ModeStatus.PLANNED
    )
    start = models.DateField(_("bắt đầu lấy phiếu"))
    end = models.DateField(_("kết thúc lấy phiếu"))
    #: The article numbers of the draft's version at setup, in reading order: position i is
    #: byte i of ``Ballot.stances``.
    articles = models.JSONField(_("các điều"), default=list)
    version_number = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    #: When the counts were last rolled up (``services.rollup``) and how many ballots they hold.
    rolled_up_at = models.DateTimeField(null=True, blank=True)
    ballots = models.PositiveBigIntegerField(_("số phiếu"), default=0)
    created_by = person_link()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lấy phiếu toàn quốc")
        verbose_name_plural = _("lấy phiếu toàn quốc")

    def __str__(self) -> str:
        return str(self.draft)

    @property
    def unit(self):  # type: ignore[no-untyped-def]
        """The receiving unit of the draft (permissions, audit)."""
        return self.draft.unit

    def phase_on(self, day: dt.date) -> str:
        """``"upcoming"`` (planned, or open before ``start``), ``"open"``, ``"ended"`` (closed,
        or open after ``end``)."""
        if self.status == ModeStatus.CLOSED or day > self.end:
            return "ended"
        if self.status == ModeStatus.PLANNED or day < self.start:
            return "upcoming"
        return "open"

    @property
    def phase(self) -> str:
        return self.phase_on(timezone.localdate())


class Ballot(models.Model):
    """The current ballot of one person on one draft."""

    id = models.BigAutoField(primary_key=True)
    # A plain id, not a foreign key: the table is partitioned by it on PostgreSQL.
    draft_id = models.BigIntegerField(_("dự thảo"))
    subject_hash = models.CharField(max_length=64)
    province = models.CharField(_("tỉnh, thành phố"), max_length=2, blank=True)
    age_band = models.CharField(_("nhóm tuổi"), max_length=5, choices=AgeBand.choices, blank=True)
    sex = models.CharField(_("giới tính"), max_length=6, choices=Sex.choices, blank=True)
    overall = models.PositiveSmallIntegerField(_("ý kiến chung"), default=0)
    stances = models.BinaryField(_("ý kiến từng điều"))
    revision = models.PositiveIntegerField(default=1)
    first_at = models.DateTimeField()
    submitted_at = models.DateTimeField()

    class Meta:
        verbose_name = _("phiếu ý kiến")
        verbose_name_plural = _("phiếu ý kiến")
        constraints = [
            models.UniqueConstraint(fields=["draft_id", "subject_hash"], name="ballot_one_each"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} ({self.draft_id})"


class BallotHistory(models.Model):
    """A ballot replaced by a later one of the same person, as it was."""

    id = models.BigAutoField(primary_key=True)
    draft_id = models.BigIntegerField()
    ballot_id = models.BigIntegerField()
    subject_hash = models.CharField(max_length=64)
    province = models.CharField(max_length=2, blank=True)
    age_band = models.CharField(max_length=5, blank=True)
    sex = models.CharField(max_length=6, blank=True)
    overall = models.PositiveSmallIntegerField(default=0)
    stances = models.BinaryField()
    #: The comments of that ballot: ``{article number: text}``.
    comments = models.JSONField(default=dict)
    revision = models.PositiveIntegerField()
    submitted_at = models.DateTimeField()
    replaced_at = models.DateTimeField()

    class Meta:
        verbose_name = _("phiếu đã thay")
        verbose_name_plural = _("phiếu đã thay")
        indexes = [models.Index(fields=["draft_id", "subject_hash"], name="ballot_hist_subject")]

    def __str__(self) -> str:
        return f"#{self.ballot_id} r{self.revision} ({self.draft_id})"


class BallotComment(models.Model):
    """The comment of a current ballot on one article (rows only for articles with text)."""

    id = models.BigAutoField(primary_key=True)
    draft_id = models.BigIntegerField()
    ballot_id = models.BigIntegerField()
    article = models.CharField(_("điều"), max_length=40)
    text = models.TextField(_("góp ý"))
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("góp ý kèm phiếu")
        verbose_name_plural = _("góp ý kèm phiếu")
        indexes = [
            models.Index(fields=["draft_id", "ballot_id"], name="ballot_comment_ballot"),
            models.Index(fields=["draft_id", "article"], name="ballot_comment_article"),
        ]

    def __str__(self) -> str:
        return f"#{self.ballot_id}: {self.article}"


class TallyDelta(models.Model):
    """What a ballot adds to (``sign`` 1) or takes from (−1, the ballot it replaced) the counts,
    waiting for the rollup, which deletes the rows it counts in the transaction that adds them:
    no ballot updates a shared counter row."""

    id = models.BigAutoField(primary_key=True)
    draft_id = models.BigIntegerField()
    province = models.CharField(max_length=2, blank=True)
    sign = models.SmallIntegerField()
    overall = models.PositiveSmallIntegerField()
    stances = models.BinaryField()
    created_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["draft_id", "id"], name="tally_delta_draft")]

    def __str__(self) -> str:
        return f"{self.draft_id} {self.province} {self.sign:+d}"


class TallyCount(models.Model):
    """Rolled-up counts of one draft in one province for the whole draft (``article`` 0) or
    its article at position ``article`` (1-based, ``NationalMode.articles``)."""

    draft_id = models.BigIntegerField()
    province = models.CharField(max_length=2, blank=True)
    article = models.PositiveIntegerField()
    agree = models.BigIntegerField(default=0)
    disagree = models.BigIntegerField(default=0)
    none = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["draft_id", "province", "article"], name="tally_count_cell"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.draft_id} {self.province} {self.article}"
