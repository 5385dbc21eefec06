"""Who follows what, and what each person has been told."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("Gửi thư ngay khi có cập nhật")
    DIGEST = "digest", _("Gửi một thư tổng hợp mỗi ngày")
    SITE = "site", _("Chỉ báo trên trang, không gửi thư")


class Preference(models.Model):
    """How a person with an account wants to hear of what they follow."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    delivery = models.CharField(
        _("cách nhận thông báo"),
        max_length=10,
        choices=Delivery.choices,
        default=Delivery.IMMEDIATE,
    )

    class Meta:
        verbose_name = _("cài đặt thông báo")
        verbose_name_plural = _("cài đặt thông báo")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.delivery}"


class Follow(models.Model):
    """A person (with an account) or an e-mail address (double opt-in) following one record."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="follows",
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    language = models.CharField(max_length=8, default="vi")
    kind = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)
    # An address follows once it has opened the link mailed to it; an account follows at once.
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("theo dõi")
        verbose_name_plural = _("theo dõi")
        constraints = [
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(email=""))
                | (Q(user__isnull=True) & ~Q(email="")),
                name="follow_user_or_email",
            ),
            models.UniqueConstraint(
                fields=["user", "kind", "object_id"],
                condition=Q(user__isnull=False),
                name="follow_once_per_user",
            ),
            models.UniqueConstraint(
                fields=["email", "kind", "object_id"],
                condition=~Q(email=""),
                name="follow_once_per_email",
            ),
        ]
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"


class Notification(models.Model):
    """One thing a person was told: the event (its name, translated when read) and the record
    it is about. The text is never stored: it is read in the reader's language."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    event = models.CharField(max_length=80)
    kind = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40)
    # Told because it concerns what they wrote (their comment, their petition), not a follow.
    direct = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    mailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "read_at"]),
            models.Index(fields=["mailed_at", "user"]),
        ]

    def __str__(self) -> str:
        return f"{self.event} {self.kind}:{self.object_id}"


class OptOut(models.Model):
    """A sender without an account who asked for no more mail about their own record. Only a
    keyed hash of the address is kept."""

    address_hash = models.CharField(max_length=64)
    kind = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["address_hash", "kind", "object_id"], name="optout_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"

    @staticmethod
    def hash(address: str) -> str:
        from django.utils.crypto import salted_hmac

        return salted_hmac("participation.optout", address.strip().lower()).hexdigest()

    @classmethod
    def applies(cls, address: str, ref: tuple[str, str]) -> bool:
        return cls.objects.filter(
            address_hash=cls.hash(address), kind=ref[0], object_id=str(ref[1])
        ).exists()
