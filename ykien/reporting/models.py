"""Quarterly briefings (giao ban): indicators, reporting periods, units' submissions, targets."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ykien.core.calendar import Span, period_span
from ykien.core.fields import person_link, unit_link
from ykien.reporting.labels import MEASURE_UNITS, UNIT_CONTEXT


class Measure(models.TextChoices):
    """What an indicator counts; decides validation (integers, 0–100) and how it is written."""

    COUNT = "count", _("số lượng")
    PEOPLE = "people", _("người")
    MONEY = "money", _("đồng")
    PERCENT = "percent", _("phần trăm")
    DAYS = "days", _("ngày")

    @classmethod
    def integral(cls) -> frozenset[str]:
        return frozenset({cls.COUNT.value, cls.PEOPLE.value, cls.MONEY.value})


class Aggregation(models.TextChoices):
    """How figures roll up the unit tree (and over the quarters of a half-year or a year)."""

    SUM = "sum", _("cộng")
    AVG = "avg", _("bình quân (có trọng số)")
    LATEST = "latest", _("số liệu mới nhất")
    MAX = "max", _("lớn nhất")


class Source(models.TextChoices):
    ENTERED = "entered", _("đơn vị nhập")
    COMPUTED = "computed", _("hệ thống tự tính")
    TOTAL = "total", _("tổng các chỉ tiêu khác")


class Indicator(models.Model):
    """A figure of the briefing (chỉ tiêu).

    ``applies_to`` lists the units that enter it as ``"kind/level"`` pairs (``"front/commune"``,
    ``"party/province"``); empty means every unit. ``weight`` is the base of a weighted average.
    ``sentence`` (optional) is the phrase used in the report's narrative, with ``{value}``.
    """

    code = models.CharField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên chỉ tiêu"), max_length=255)
    group = models.CharField(_("nhóm"), max_length=120, blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=100)
    measure = models.CharField(_("đơn vị đo"), max_length=10, choices=Measure.choices)
    unit_label = models.CharField(
        _("đơn vị tính"),
        max_length=40,
        blank=True,
        help_text=_("Ví dụ: dự thảo, đảng viên, mô hình; để trống thì dùng đơn vị đo."),
    )
    aggregation = models.CharField(
        _("cách tổng hợp"), max_length=8, choices=Aggregation.choices, default=Aggregation.SUM
    )
    weight = models.ForeignKey(
        "self",
        verbose_name=_("chỉ tiêu làm trọng số"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Chỉ dùng cho cách tổng hợp bình quân có trọng số."),
    )
    source = models.CharField(
        _("nguồn số liệu"), max_length=10, choices=Source.choices, default=Source.ENTERED
    )
    computed_code = models.CharField(
        _("mã chỉ tiêu tự tính"),
        max_length=80,
        blank=True,
        help_text=_("Mã của chỉ tiêu do ứng dụng khác cung cấp, ví dụ petitions.received."),
    )
    parts = models.ManyToManyField(
        "self",
        verbose_name=_("là tổng của"),
        symmetrical=False,
        blank=True,
        related_name="totals",
    )
    applies_to = models.JSONField(_("đơn vị nhập"), default=list, blank=True)
    sentence = models.CharField(_("câu trong báo cáo"), max_length=255, blank=True)
    description = models.TextField(_("hướng dẫn nhập"), blank=True)
    active = models.BooleanField(_("đang dùng"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(source="computed") | ~Q(computed_code=""),
                name="indicator_computed_has_code",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    # Name, group, unit and input hint are stored in Vietnamese (the official report prints them
    # so) and shown in the reader's language: the stored text is the message id
    # (reporting.labels marks the standard ones for makemessages).

    @property
    def name_text(self) -> str:
        """The name in the active language."""
        return gettext(self.name) if self.name else ""

    @property
    def group_text(self) -> str:
        """The group in the active language ("" when none)."""
        return gettext(self.group) if self.group else ""

    @property
    def description_text(self) -> str:
        """The input hint in the active language ("" when none)."""
        return gettext(self.description) if self.description else ""

    @property
    def label(self) -> str:
        """The unit written after a figure, in the active language: the unit typed
        (``đảng viên``), else the measure's (``người``, ``đồng``, ``ngày``, ``%``); none for a
        bare count ("429", never "429 số lượng")."""
        if self.unit_label:
            return pgettext(UNIT_CONTEXT, self.unit_label)
        if self.measure == Measure.PERCENT:
            return "%"
        unit = MEASURE_UNITS.get(self.measure)
        return str(unit) if unit is not None else ""

    def applies_to_unit(self, *, kind: str, level: str) -> bool:
        return not self.applies_to or f"{kind}/{level}" in self.applies_to


class Period(models.Model):
    """A reporting period: a quarter, a half-year or a year, with the submissions' due date."""

    class Kind(models.TextChoices):
        QUARTER = "quarter", _("quý")
        HALF = "half", _("6 tháng")
        YEAR = "year", _("năm")

    code = models.CharField(_("mã"), max_length=10, unique=True)  # 2024-Q1, 2024-H1, 2024
    kind = models.CharField(_("loại kỳ"), max_length=8, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveSmallIntegerField(_("số thứ tự trong năm"), default=1)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"))
    due = models.DateField(
        _("hạn nộp"),
        help_text=_("Do Ban Thường trực quy định; mặc định 5 ngày làm việc sau khi hết kỳ."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        ordering = ["start", "-end"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "year", "number"], name="period_unique"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def span(self) -> Span:
        return period_span(self.kind, self.year, self.number)

    @property
    def title(self) -> str:
        return self.span.title

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


class Submission(models.Model):
    """One unit's figures for one period, and where they stand in the approval flow."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang nhập")
        SUBMITTED = "submitted", _("Chờ duyệt")
        RETURNED = "returned", _("Bị trả lại")
        APPROVED = "approved", _("Đã duyệt")

    unit = unit_link(_("đơn vị"))
    period = models.ForeignKey(
        Period, verbose_name=_("kỳ"), on_delete=models.PROTECT, related_name="submissions"
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    notes = models.TextField(_("ghi chú, thuyết minh"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"))
    updated_at = models.DateTimeField(_("sửa lúc"))
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    submitted_by = person_link(_("người gửi"))
    first_submitted_at = models.DateTimeField(_("gửi lần đầu lúc"), null=True, blank=True)
    decided_at = models.DateTimeField(_("duyệt / trả lại lúc"), null=True, blank=True)
    decided_by = person_link(_("người duyệt"))
    comment = models.TextField(_("ý kiến của lãnh đạo"), blank=True)

    class Meta:
        verbose_name = _("báo cáo số liệu")
        verbose_name_plural = _("báo cáo số liệu")
        ordering = ["period__start", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "period"], name="submission_unit_period"),
        ]
        indexes = [models.Index(fields=["period", "status"])]

    def __str__(self) -> str:
        return f"{self.unit} — {self.period}"

    @property
    def is_late(self) -> bool:
        sent = self.first_submitted_at
        return sent is not None and timezone.localtime(sent).date() > self.period.due


class Value(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("giá trị"), max_digits=20, decimal_places=4)

    class Meta:
        verbose_name = _("số liệu")
        verbose_name_plural = _("số liệu")
        constraints = [
            models.UniqueConstraint(fields=["submission", "indicator"], name="value_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} = {self.value}"


class Target(models.Model):
    """The target (chỉ tiêu giao) of an indicator for a unit in a period."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="targets")
    unit = unit_link(_("đơn vị"))
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="targets")
    value = models.DecimalField(_("chỉ tiêu"), max_digits=20, decimal_places=4)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ tiêu giao")
        verbose_name_plural = _("chỉ tiêu giao")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "unit", "period"], name="target_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} @ {self.unit} {self.period}: {self.value}"


class Reminder(models.Model):
    """A reminder e-mail sent about a unit's missing figures (at most one per unit and day)."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("core.Unit", on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField(_("ngày gửi"))
    recipients = models.JSONField(default=list)

    class Meta:
        verbose_name = _("nhắc nộp báo cáo")
        verbose_name_plural = _("nhắc nộp báo cáo")
        constraints = [
            models.UniqueConstraint(fields=["period", "unit", "sent_on"], name="reminder_daily"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.period} ({self.sent_on})"
