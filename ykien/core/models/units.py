"""Organisational units: a tree with effective dates and successor links for mergers."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class UnitLevel(models.TextChoices):
    CENTRAL = "central", _("Trung ương")
    PROVINCE = "province", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện (đến 30/6/2025)")
    COMMUNE = "commune", _("Cấp xã")


class UnitKind(models.TextChoices):
    FRONT = "front", _("Ủy ban Mặt trận Tổ quốc")
    YOUTH_UNION = "youth_union", _("Đoàn Thanh niên Cộng sản Hồ Chí Minh")
    WOMEN_UNION = "women_union", _("Hội Liên hiệp Phụ nữ")
    FARMERS = "farmers", _("Hội Nông dân")
    VETERANS = "veterans", _("Hội Cựu chiến binh")
    TRADE_UNION = "trade_union", _("Công đoàn")
    PARTY = "party", _("Cấp ủy Đảng")
    STATE = "state", _("Cơ quan nhà nước")
    INSPECTION_BOARD = "inspection_board", _("Ban Thanh tra nhân dân")
    INVESTMENT_BOARD = "investment_board", _("Ban Giám sát đầu tư của cộng đồng")

    @classmethod
    def mass_organisations(cls) -> list[UnitKind]:
        return [cls.YOUTH_UNION, cls.WOMEN_UNION, cls.FARMERS, cls.VETERANS, cls.TRADE_UNION]


class UnitQuerySet(models.QuerySet["Unit"]):
    def valid_on(self, day: dt.date) -> UnitQuerySet:
        return self.filter(Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gte=day))

    def subtree_of(self, unit: Unit) -> UnitQuerySet:
        return self.filter(path__startswith=unit.path)


class Unit(models.Model):
    """A front committee, mass organisation, state agency or board at one level of the tree.

    ``path`` is the materialised chain of ancestor ids (``/1/5/23/``) so that a subtree is one
    indexed prefix query; it is maintained by ``core.services.unit_create`` / ``unit_move``.
    """

    code = models.CharField(_("mã"), max_length=40, unique=True)
    admin_code = models.CharField(
        _("mã đơn vị hành chính"),
        max_length=10,
        blank=True,
        help_text=_("Mã của tỉnh, huyện hoặc xã theo danh mục hành chính quốc gia."),
    )
    name = models.CharField(_("tên"), max_length=255)
    short_name = models.CharField(_("tên ngắn"), max_length=120, blank=True)
    level = models.CharField(_("cấp"), max_length=16, choices=UnitLevel.choices)
    kind = models.CharField(_("loại"), max_length=24, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="/")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    valid_from = models.DateField(_("hiệu lực từ"), default=dt.date(1945, 9, 2))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    # Where the unit is drawn on the public maps (WGS84; the centre of its area). Empty: the maps
    # list the unit beside the map instead.
    lat = models.DecimalField(_("vĩ độ"), max_digits=9, decimal_places=6, null=True, blank=True)
    lng = models.DecimalField(_("kinh độ"), max_digits=9, decimal_places=6, null=True, blank=True)

    history = HistoricalRecords()
    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part]

    def is_valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)


class UnitSuccession(models.Model):
    """``predecessor`` was merged into (or continued as) ``successor`` on ``effective``."""

    predecessor = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="succeeded_by")
    successor = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="succeeds")
    effective = models.DateField(_("ngày có hiệu lực"))
    basis = models.CharField(_("căn cứ"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("sáp nhập đơn vị")
        verbose_name_plural = _("sáp nhập đơn vị")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="unit_succession_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"
