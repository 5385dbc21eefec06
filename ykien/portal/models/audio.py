"""Spoken versions of public texts (articles, drafts), made offline with espeak-ng."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AudioStatus(models.TextChoices):
    PENDING = "pending", _("Đang tạo")
    READY = "ready", _("Sẵn sàng")
    FAILED = "failed", _("Không tạo được")


class AudioTrack(models.Model):
    """``key`` names the text (``article:12``, ``draft:5``); ``text_hash`` the version spoken."""

    key = models.CharField(max_length=80, unique=True)
    text = models.TextField()
    text_hash = models.CharField(max_length=64)
    status = models.CharField(
        max_length=10, choices=AudioStatus.choices, default=AudioStatus.PENDING
    )
    file = models.CharField(max_length=255, blank=True)  # relative to MEDIA_ROOT
    mime = models.CharField(max_length=40, blank=True)
    duration = models.FloatField(null=True, blank=True)  # seconds
    error = models.TextField(blank=True)
    requested_at = models.DateTimeField(auto_now=True)
    generated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("bản đọc")
        verbose_name_plural = _("bản đọc")

    def __str__(self) -> str:
        return self.key
