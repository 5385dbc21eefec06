"""The portal's own public documents for the search index (``core.search`` provider)."""

from __future__ import annotations

from collections.abc import Iterator

from ykien.core.search import SearchDocument
from ykien.portal import markup
from ykien.portal.models import Article, ArticleStatus


def search_documents() -> Iterator[SearchDocument]:
    """Every published or scheduled article (the search hides those whose time has not come)."""
    articles = (
        Article.objects.filter(status__in=[ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED])
        .select_related("unit")
        .prefetch_related("tags")
        .order_by("pk")
    )
    for article in articles.iterator(chunk_size=200):
        tags = " ".join(tag.name for tag in article.tags.all())
        yield SearchDocument(
            kind="article",
            key=str(article.pk),
            title=article.title,
            body=f"{article.summary}\n\n{markup.plain_text(article.body)}\n\n{tags}",
            url=article.get_absolute_url(),
            published=article.publish_at,
            unit=article.unit.name,
        )
