"""The view-count buffer: one row per visitor, article and day (the visitor as a salted hash)."""

from __future__ import annotations

from django.db import models


class ViewHit(models.Model):
    """Appended by the page (an insert that ignores duplicates), summed into
    ``Article.view_count`` in batches by ``services.views_flush``. ``visitor`` is a hash salted
    with the day and the site's secret: it identifies no one and cannot be joined across days."""

    article = models.ForeignKey("portal.Article", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    visitor = models.CharField(max_length=32)
    counted = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "day", "visitor"], name="portal_view_once")
        ]
        indexes = [models.Index(fields=["counted", "id"])]

    def __str__(self) -> str:
        return f"{self.article_id}@{self.day}"
