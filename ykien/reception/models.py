"""Citizen reception (tiếp công dân): the heads who must receive citizens, the legal minimum
frequency of their receptions, the sessions of their calendar, citizens' advance registrations
and the reception log (sổ tiếp công dân). Personal data (who was received, who registered, the
representatives of a group) is stored encrypted (``core.pii``) with a keyed hash for matching."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ykien.core.fields import person_link, unit_link
from ykien.core.models import UnitLevel


class Office(models.TextChoices):
    PARTY_SECRETARY = "party_secretary", _("Bí thư cấp ủy")
    PC_CHAIR = "pc_chair", _("Chủ tịch Ủy ban nhân dân")


class Period(models.TextChoices):
    WEEK = "week", _("tuần")
    MONTH = "month", _("tháng")


class FrequencyRule(models.Model):
    """The legal minimum of reception days of a head of ``office`` at ``level``, with its basis
    and the dates it is in force (versioned like the deadline rules: a new row with its own
    ``valid_from`` when the law changes). Seeded by a migration from ``reception.rules``."""

    code = models.CharField(_("mã quy định"), max_length=64)
    name = models.CharField(_("tên quy định"), max_length=255)
    office = models.CharField(_("chức danh"), max_length=20, choices=Office.choices)
    level = models.CharField(_("cấp"), max_length=16, choices=UnitLevel.choices)
    count = models.PositiveSmallIntegerField(_("số ngày tối thiểu"))
    period = models.CharField(_("trong mỗi"), max_length=8, choices=Period.choices)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=500)
    valid_from = models.DateField(_("áp dụng từ ngày"))
    valid_to = models.DateField(_("áp dụng đến ngày"), null=True, blank=True)
    delegation_ban = models.CharField(
        _("căn cứ không được ủy quyền cấp phó"),
        max_length=500,
        blank=True,
        help_text=_(
            "Để trống nếu người đứng đầu còn được ủy quyền cấp phó tiếp thay; nếu không, ghi văn "
            "bản cấm ủy quyền. Buổi ủy quyền khi đó bị đánh dấu và tính là không tiếp."
        ),
    )

    class Meta:
        verbose_name = _("quy định tần suất tiếp công dân")
        verbose_name_plural = _("quy định tần suất tiếp công dân")
        ordering = ["office", "level", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="reception_rule_version"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="reception_rule_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.name)

    def in_force_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class Head(models.Model):
    """A head who must receive citizens: the Party secretary or the chairman of the People's
    Committee of a unit's area, for the dates they held the office. The name and title are
    public (the schedule is posted by law, Luật Tiếp công dân 2013, Điều 7)."""

    unit = unit_link(_("đơn vị"), related_name="reception_heads")
    office = models.CharField(_("chức danh"), max_length=20, choices=Office.choices)
    name = models.CharField(_("họ và tên"), max_length=120)
    title = models.CharField(_("chức vụ"), max_length=255)
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("người đứng đầu tiếp công dân")
        verbose_name_plural = _("người đứng đầu tiếp công dân")
        ordering = ["unit__path", "office", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="reception_head_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.title}"

    def in_office_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Đã lên lịch")
    HELD = "held", _("Đã tiếp")
    DELEGATED = "delegated", _("Ủy quyền cấp phó tiếp")
    MISSED = "missed", _("Không tiếp theo lịch")
    CANCELLED = "cancelled", _("Đã hủy lịch")

    @classmethod
    def open_values(cls) -> tuple[str, ...]:
        """States in which citizens are (or were) received at the session."""
        return (cls.SCHEDULED.value, cls.HELD.value, cls.DELEGATED.value)


class Session(models.Model):
    """One reception day of a head's calendar: when, where, and who receives (the head, or the
    deputy the head delegated)."""

    head = models.ForeignKey(
        Head, verbose_name=_("người tiếp"), on_delete=models.PROTECT, related_name="sessions"
    )
    day = models.DateField(_("ngày tiếp"))
    starts_at = models.TimeField(_("giờ bắt đầu"))
    place = models.CharField(_("địa điểm"), max_length=255)
    status = models.CharField(
        _("trạng thái"),
        max_length=16,
        choices=SessionStatus.choices,
        default=SessionStatus.SCHEDULED,
    )
    deputy_name = models.CharField(_("cấp phó được ủy quyền"), max_length=160, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    created_by = person_link(_("người lên lịch"))
    created_at = models.DateTimeField(_("thời điểm lên lịch"), auto_now_add=True)
    # The office's list search: folded head, unit, place, deputy (``core.lists``; not audited).
    search_text = models.TextField(blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("buổi tiếp công dân")
        verbose_name_plural = _("buổi tiếp công dân")
        ordering = ["day", "starts_at", "pk"]
        indexes = [models.Index(fields=["head", "day"])]

    def __str__(self) -> str:
        return f"{self.head.name} — {self.day:%d/%m/%Y}"

    def folded(self) -> str:
        """The words the office's list searches (``core.lists.fold_for_search``)."""
        from ykien.core.lists import fold_for_search

        return fold_for_search(
            self.head.name, self.head.title, self.head.unit.name, self.place, self.deputy_name
        )

    @property
    def unit(self):  # type: ignore[no-untyped-def]
        return self.head.unit


class Registration(models.Model):
    """A citizen's advance registration for a session: the subject, and who (encrypted); made
    while signed in, also the account (``user``: the person sees it on "my page"; one
    registration per account and session)."""

    session = models.ForeignKey(
        Session,
        verbose_name=_("buổi tiếp"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    subject = models.CharField(_("nội dung cần trình bày"), max_length=1000)
    identity_ciphertext = models.TextField(_("người đăng ký (đã mã hóa)"))
    sender_hash = models.CharField(_("mã nhận diện người đăng ký"), max_length=64)
    user = person_link(_("tài khoản người đăng ký"), related_name="reception_registrations")
    created_at = models.DateTimeField(_("thời điểm đăng ký"), auto_now_add=True)

    class Meta:
        verbose_name = _("đăng ký tiếp công dân")
        verbose_name_plural = _("đăng ký tiếp công dân")
        ordering = ["session", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "sender_hash"], name="reception_registration_once"
            ),
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=Q(user__isnull=False),
                name="reception_registration_once_per_account",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk}"

    @property
    def unit(self):  # type: ignore[no-untyped-def]
        return self.session.head.unit


class Visit(models.TextChoices):
    REGISTERED = "registered", _("Đã đăng ký trước")
    WALK_IN = "walk_in", _("Đến trực tiếp")


class ReceptionEntry(models.Model):
    """One line of the reception log (sổ tiếp công dân): the person (or group) received at a
    session, what they said, the head's conclusion and the petitions created from it."""

    session = models.ForeignKey(
        Session, verbose_name=_("buổi tiếp"), on_delete=models.PROTECT, related_name="entries"
    )
    visit = models.CharField(_("hình thức"), max_length=16, choices=Visit.choices)
    registration = models.OneToOneField(
        Registration,
        verbose_name=_("đăng ký trước"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="entry",
    )
    identity_ciphertext = models.TextField(_("người được tiếp (đã mã hóa)"))
    sender_hash = models.CharField(_("mã nhận diện người được tiếp"), max_length=64, blank=True)
    group_size = models.PositiveSmallIntegerField(_("số người"), default=1)
    representatives_ciphertext = models.TextField(
        _("người đại diện (đã mã hóa)"), blank=True, default=""
    )
    content = models.TextField(_("nội dung trình bày"))
    conclusion = models.TextField(_("kết luận của người tiếp"), blank=True)
    petition_codes = models.JSONField(_("đơn thư đã tạo"), default=list, blank=True)
    recorded_by = person_link(_("người ghi sổ"))
    recorded_at = models.DateTimeField(_("thời điểm ghi sổ"), auto_now_add=True)

    class Meta:
        verbose_name = _("sổ tiếp công dân")
        verbose_name_plural = _("sổ tiếp công dân")
        ordering = ["session", "recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(group_size__gte=1), name="reception_group_size"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk}"

    @property
    def unit(self):  # type: ignore[no-untyped-def]
        return self.session.head.unit
