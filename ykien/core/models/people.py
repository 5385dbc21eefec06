"""Users and roles granted at a unit, valid for its subtree and a date range."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ykien.core.fields import person_link, unit_link


class User(AbstractUser):
    class Kind(models.TextChoices):
        CITIZEN = "citizen", _("Công dân")
        OFFICER = "officer", _("Cán bộ")
        LEADER = "leader", _("Lãnh đạo")
        RESPONDENT = "respondent", _("Cơ quan trả lời")
        EXPERT = "expert", _("Chuyên gia")
        ADMIN = "admin", _("Quản trị viên")

    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    kind = models.CharField(
        _("loại tài khoản"), max_length=16, choices=Kind.choices, default=Kind.CITIZEN
    )
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.full_name or self.username


class Role(models.TextChoices):
    OFFICER = "officer", _("Cán bộ")
    HANDLER = "handler", _("Cán bộ xử lý đơn thư")
    LEADER = "leader", _("Lãnh đạo")
    RESPONDENT = "respondent", _("Người trả lời của cơ quan")
    ADMIN = "admin", _("Quản trị đơn vị")
    # The office of a head (Party secretary, chairman of the People's Committee): keeps the head's
    # reception calendar and the reception log (sổ tiếp công dân), and answers for the head in
    # direct dialogues. Not a Front role (not in staff()); reads citizens' identities (TOTP).
    HEAD_OFFICE = "head_office", _("Văn phòng người đứng đầu")

    @classmethod
    def confidential(cls) -> frozenset[str]:
        """Roles that can read confidential personal data (denouncers' identities): TOTP required."""
        return frozenset({cls.HANDLER.value, cls.LEADER.value, cls.HEAD_OFFICE.value})

    @classmethod
    def staff(cls) -> frozenset[str]:
        return frozenset({cls.OFFICER.value, cls.HANDLER.value, cls.LEADER.value, cls.ADMIN.value})


class RoleGrantQuerySet(models.QuerySet["RoleGrant"]):
    def valid_on(self, day: dt.date) -> RoleGrantQuerySet:
        return self.filter(Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class RoleGrant(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="role_grants",
    )
    unit = unit_link(_("đơn vị"), related_name="role_grants")
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices)
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    granted_by = person_link()
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    history = HistoricalRecords()
    objects = RoleGrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="role_grant_valid_range",
            ),
        ]
        indexes = [models.Index(fields=["user", "role"])]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} @ {self.unit}"
