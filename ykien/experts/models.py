"""The expert roster (chuyên gia, nhà khoa học, trí thức, doanh nhân, người có uy tín)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ykien.core.fields import person_link, unit_link


class Expert(models.Model):
    """A person a front committee may invite to critique a draft.

    ``community`` (ethnic or religious community) is kept only when the person agreed to give
    it (``community_consent``); ``consent_contact`` records the consent to be contacted, without
    which no invitation may be sent.
    """

    class Kind(models.TextChoices):
        SCIENTIST = "scientist", _("Nhà khoa học")
        INTELLECTUAL = "intellectual", _("Trí thức, nhân sĩ")
        LAWYER = "lawyer", _("Luật gia, luật sư")
        BUSINESS = "business", _("Doanh nhân")
        RESPECTED = "respected", _("Người có uy tín trong đồng bào dân tộc, tôn giáo")
        PRACTITIONER = "practitioner", _("Chuyên gia thực tiễn, cán bộ hưu trí")

    unit = unit_link(_("đơn vị quản lý danh sách"))
    full_name = models.CharField(_("họ và tên"), max_length=150)
    title = models.CharField(
        _("học hàm, học vị, chức danh"), max_length=120, blank=True, help_text=_("Ví dụ: PGS.TS.")
    )
    kind = models.CharField(_("thành phần"), max_length=16, choices=Kind.choices)
    fields = models.CharField(
        _("lĩnh vực"),
        max_length=400,
        help_text=_("Các lĩnh vực, cách nhau bằng dấu phẩy, ví dụ: đất đai, xây dựng, giáo dục."),
    )
    organisation = models.CharField(_("cơ quan, tổ chức"), max_length=255, blank=True)
    community = models.CharField(
        _("cộng đồng dân tộc, tôn giáo"),
        max_length=150,
        blank=True,
        help_text=_("Chỉ ghi khi người đó đồng ý cung cấp."),
    )
    community_consent = models.BooleanField(_("đồng ý cung cấp thông tin cộng đồng"), default=False)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    consent_contact = models.BooleanField(_("đồng ý được liên hệ"), default=False)
    consent_date = models.DateField(_("ngày đồng ý"), null=True, blank=True)
    user = person_link(_("tài khoản"), related_name="expert_profiles")
    participation_count = models.PositiveIntegerField(_("số lần đã tham gia"), default=0)
    last_participation = models.DateField(_("lần tham gia gần nhất"), null=True, blank=True)
    active = models.BooleanField(_("còn trong danh sách"), default=True)
    note = models.TextField(_("ghi chú"), blank=True)
    # Name, organisation and fields folded for the roster's search
    # (``core.lists.fold_for_search``), written by the services.
    search_text = models.TextField(blank=True, default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("chuyên gia")
        verbose_name_plural = _("chuyên gia")
        ordering = ["full_name"]
        indexes = [models.Index(fields=["unit", "active"])]

    def __str__(self) -> str:
        return f"{self.title} {self.full_name}".strip()

    @property
    def field_list(self) -> list[str]:
        return [f.strip() for f in self.fields.split(",") if f.strip()]
