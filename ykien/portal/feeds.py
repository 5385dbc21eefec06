"""RSS 2.0 and Atom feeds of the latest public articles (optionally of one tag): the latest
``core.feeds.LIMIT``, dated in the site's time zone (``+07:00``), in the reader's language."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from ykien.core.feeds import LIMIT
from ykien.portal import selectors
from ykien.portal.models import Article


class LatestArticlesFeed(Feed):
    title = _("Ý Kiến — Tin tức Mặt trận Tổ quốc")
    description = _("Tin tức về giám sát, phản biện xã hội và ý kiến Nhân dân.")

    def get_object(self, request: HttpRequest, *args: object, **kwargs: object) -> str:
        return request.GET.get("chu-de", "")[:90]

    def link(self, obj: str) -> str:
        return reverse("portal:article_list")

    def items(self, obj: str) -> list[Article]:
        return list(selectors.articles_public(tag=obj)[:LIMIT])

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.summary

    def item_pubdate(self, item: Article) -> dt.datetime | None:
        return timezone.localtime(item.publish_at) if item.publish_at else None

    def item_updateddate(self, item: Article) -> dt.datetime:
        return timezone.localtime(item.updated_at)

    def item_author_name(self, item: Article) -> str:
        return item.byline

    def item_categories(self, item: Article) -> list[str]:
        return [tag.name for tag in item.tags.all()]


class LatestArticlesAtom(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description
