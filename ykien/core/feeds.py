"""Atom feeds of public objects (a draft, the accountability board, a unit's supervision
results, the news): what the apps' feeds share, and the feeds a unit's page advertises.

An app's feed subclasses ``EntryFeed`` (Django's syndication framework, ``Atom1Feed``): its
``target`` finds the public object of the URL (``Http404`` when there is none or it is not
public) and its ``entries`` list what happened to it as ``Entry`` rows, newest first or not;
the base class keeps the latest ``LIMIT`` of them, gives each a stable ``tag:`` URI and dates it
in the site's time zone (``Asia/Ho_Chi_Minh``: ``+07:00``). Titles and summaries are written in
the active language, the request's (the site's language cookie), as every page is. An entry
says only what the object's public page shows: never a person's name or address.

``core`` imports no app, so the unit page (a core page) learns the feeds of a unit from
``register_unit_feed``, called by the apps from ``AppConfig.ready()``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.http.request import split_domain_port
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext as _

#: A feed lists at most the latest this many entries, whatever the number of records.
LIMIT = 50
#: The date of the ``tag:`` URIs (RFC 4151): the year the site's ids were minted.
TAG_DATE = "2025"
#: The length of a summary taken from a longer text (an answer, a recommendation).
SUMMARY_CHARS = 500


@dataclass(frozen=True)
class Entry:
    """One thing that happened to a public object. ``key`` names it for ever and uniquely on
    the site (``consultations/draft/5/version/2``); ``link`` is a path of the site (it may end
    with a ``#fragment``); ``updated`` is aware."""

    key: str
    title: str
    summary: str
    link: str
    updated: dt.datetime
    guid: str = ""


@dataclass(frozen=True)
class Target:
    """What a feed's ``get_object`` returns: the public object and the site's name for ids."""

    authority: str
    obj: Any


def latest(entries: Iterable[Entry], limit: int = LIMIT) -> list[Entry]:
    """The ``limit`` newest entries, newest first (ties broken by key, so the order is stable)."""
    return sorted(entries, key=lambda e: (e.updated, e.key), reverse=True)[:limit]


def day_start(day: dt.date) -> dt.datetime:
    """Midnight opening ``day`` in the site's time zone (for a step dated by a day only)."""
    return timezone.make_aware(
        dt.datetime.combine(day, dt.time.min), timezone.get_default_timezone()
    )


def short(text: str, limit: int = SUMMARY_CHARS) -> str:
    return Truncator(" ".join(text.split())).chars(limit)


def day_text(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _authority(request: HttpRequest) -> str:
    """The host name of the site (without its port), the authority of the ``tag:`` URIs."""
    domain, _port = split_domain_port(request.get_host())
    return domain.strip("[]") or "localhost"


class EntryFeed(Feed):
    """An Atom feed of ``Entry`` rows (see the module's docstring)."""

    feed_type = Atom1Feed

    def target(self, request: HttpRequest, **kwargs: Any) -> Any:
        """The public object the URL names; raise ``Http404`` when there is none."""
        return None

    def entries(self, obj: Any) -> Iterable[Entry]:
        """The entries of ``obj``'s feed: each feed says what its public steps are (the draft's,
        the board's, a unit's); the base class has none to give."""
        raise NotImplementedError(f"{type(self).__name__} must say which entries it has")

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Target:
        return Target(authority=_authority(request), obj=self.target(request, **kwargs))

    def items(self, target: Target) -> list[Entry]:
        return [
            replace(e, guid=f"tag:{target.authority},{TAG_DATE}:{e.key}")
            for e in latest(self.entries(target.obj))
        ]

    def author_name(self, target: Target) -> str:
        return _("Mặt trận Tổ quốc Việt Nam")

    def item_title(self, item: Entry) -> str:
        return item.title

    def item_description(self, item: Entry) -> str:
        return item.summary

    def item_link(self, item: Entry) -> str:
        return item.link

    def item_guid(self, item: Entry) -> str:
        return item.guid

    def item_guid_is_permalink(self, item: Entry) -> bool:
        return False

    def item_updateddate(self, item: Entry) -> dt.datetime:
        return item.updated.astimezone(timezone.get_default_timezone())

    def item_pubdate(self, item: Entry) -> dt.datetime:
        return self.item_updateddate(item)


# --------------------------------------------------------------------------- the unit page


@dataclass(frozen=True)
class UnitFeed:
    label: Any  # a lazy translation
    url_name: str  # reversed with the unit's code


_UNIT_FEEDS: list[UnitFeed] = []


def register_unit_feed(label: Any, url_name: str) -> None:
    """Advertise the feed ``url_name`` (one argument: the unit's code) on every unit's page."""
    if all(feed.url_name != url_name for feed in _UNIT_FEEDS):
        _UNIT_FEEDS.append(UnitFeed(label, url_name))


def unit_feeds(*, code: str) -> list[dict[str, str]]:
    """The feeds of the unit ``code``: ``{"title", "url"}`` in the active language."""
    found = []
    for feed in _UNIT_FEEDS:
        try:
            found.append({"title": str(feed.label), "url": reverse(feed.url_name, args=[code])})
        except NoReverseMatch:
            continue
    return found
