"""Background analyses of a draft's comments and votes, kept with their results.

The algorithms are the library ``ykien.analysis``; a run records which one was asked for, its
progress and its result (JSON, no personal data). The table keeps the name it had when the runs
lived in an app of their own, so a database made before keeps its runs (migration 0007)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AnalysisKind(models.TextChoices):
    DUPLICATES = "duplicates", _("Góp ý trùng lặp")
    TOPICS = "topics", _("Cụm chủ đề")
    OPINION_GROUPS = "opinion_groups", _("Nhóm ý kiến")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang chạy")
    DONE = "done", _("Xong")
    FAILED = "failed", _("Lỗi")


class AnalysisRun(models.Model):
    """One run of one analysis over one draft; ``result`` is the JSON shown on the screen."""

    draft = models.ForeignKey(
        "consultations.Draft", on_delete=models.CASCADE, related_name="analysis_runs"
    )
    kind = models.CharField(_("loại phân tích"), max_length=20, choices=AnalysisKind.choices)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    result = models.JSONField(_("kết quả"), default=dict, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        db_table = "analysis_analysisrun"
        verbose_name = _("lượt phân tích")
        verbose_name_plural = _("lượt phân tích")
        ordering = ("-created_at", "-id")
        indexes = [
            models.Index(
                fields=["draft", "kind", "-created_at"], name="analysis_an_draft_i_4e4766_idx"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="analysis_run_progress_max_100"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def active(self) -> bool:
        return self.status in (RunStatus.QUEUED, RunStatus.RUNNING)
