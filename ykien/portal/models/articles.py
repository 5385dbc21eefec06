"""News articles written by officers of a unit, with photos and tags."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ykien.core.fields import person_link, unit_link


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    SCHEDULED = "scheduled", _("Hẹn giờ đăng")
    PUBLISHED = "published", _("Đã đăng")
    WITHDRAWN = "withdrawn", _("Đã gỡ")


class Tag(models.Model):
    name = models.CharField(_("tên"), max_length=80, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=90, unique=True)

    class Meta:
        verbose_name = _("chủ đề")
        verbose_name_plural = _("chủ đề")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Article(models.Model):
    """A news article. ``body`` is plain text: paragraphs separated by a blank line, a line that
    starts with ``## `` is a heading. Public when published, or scheduled and its time has come."""

    unit = unit_link(_("đơn vị"))
    author = person_link(_("người viết"))
    byline = models.CharField(_("tác giả"), max_length=150)
    title = models.CharField(_("tiêu đề"), max_length=255)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True)
    summary = models.TextField(_("tóm tắt"), max_length=1000)
    body = models.TextField(_("nội dung"))
    tags = models.ManyToManyField(
        Tag, verbose_name=_("chủ đề"), blank=True, related_name="articles"
    )
    links = models.JSONField(
        _("liên kết"),
        default=list,
        blank=True,
        help_text=_("Dự thảo, hoạt động giám sát… liên quan: danh sách {kind, key}."),
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT
    )
    publish_at = models.DateTimeField(_("thời điểm đăng"), null=True, blank=True, db_index=True)
    view_count = models.PositiveBigIntegerField(_("lượt xem"), default=0)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)
    # Title, summary and byline folded for the editors' list search
    # (``core.lists.fold_for_search``), written by ``article_create`` and ``article_update``.
    search_text = models.TextField(blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("tin bài")
        verbose_name_plural = _("tin bài")
        ordering = ["-publish_at", "-id"]
        indexes = [models.Index(fields=["status", "publish_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("portal:article", kwargs={"slug": self.slug})

    @property
    def audio_key(self) -> str:
        return f"article:{self.pk}"


class ArticlePhoto(models.Model):
    """A photo re-encoded on upload (metadata stripped); ``alt`` describes it for screen readers."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(
        _("ảnh"), upload_to="portal/anh/", width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    alt = models.CharField(_("mô tả ảnh (cho người khiếm thị)"), max_length=255)
    caption = models.CharField(_("chú thích"), max_length=500, blank=True)
    credit = models.CharField(_("người chụp"), max_length=150, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("ảnh")
        verbose_name_plural = _("ảnh")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.caption or self.alt

    @property
    def credit_text(self) -> str:
        """The credit in the reader's language: stored as typed, in Vietnamese; a standard one
        ("Minh họa", the demo's drawn pictures) is a message id and translated, a name is not."""
        return gettext(self.credit) if self.credit else ""
