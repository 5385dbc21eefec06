"""The portal's search index over every app's public documents (``core.search``).

SQLite: the FTS5 table ``portal_search_fts`` (rowid = this table's id) over the folded text,
created by migration 0002. PostgreSQL: the column ``search_vector`` (tsvector, GIN index),
added by the same migration and filled by ``services.search_reindex``."""

from __future__ import annotations

from django.db import models


class SearchEntry(models.Model):
    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=120)
    title = models.CharField(max_length=500)
    body = models.TextField()
    url = models.CharField(max_length=500)
    published = models.DateTimeField(null=True, blank=True)
    unit = models.CharField(max_length=255, blank=True)
    # What the full-text index sees: title and body folded (no diacritics, lower case).
    folded_title = models.TextField()
    folded_body = models.TextField()
    digest = models.CharField(max_length=64)  # skips rewriting an unchanged document

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="portal_search_key")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"
