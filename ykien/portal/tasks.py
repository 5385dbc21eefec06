"""Background work of the portal (django-tasks): audio, the search index, view counts."""

from __future__ import annotations

import datetime as dt
import logging

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

logger = logging.getLogger(__name__)

FLUSH_EVERY = 60  # seconds between two flushes of the view buffer triggered by traffic


@task()
def audio_generate_task(key: str, text_hash: str) -> str:
    from ykien.portal.services import audio_generate

    track = audio_generate(key=key, text_hash=text_hash)
    return "" if track is None else track.status


@task()
def search_reindex_task(kind: str | None = None) -> dict[str, int]:
    from ykien.portal.services import search_reindex

    return search_reindex(kind=kind)


@task()
def views_flush_task() -> int:
    from ykien.core.permissions import SYSTEM
    from ykien.portal.services import article_publish_due, views_flush

    article_publish_due(actor=SYSTEM)
    return views_flush()


def on_search_changed(kind: str, key: str = "") -> None:
    """``core.search`` listener: re-index the documents of ``kind`` in the background."""
    transaction.on_commit(lambda: search_reindex_task.enqueue(kind=kind or None))


def schedule_views_flush() -> None:
    """At most one pending flush per ``FLUSH_EVERY`` seconds, started by the traffic itself (the
    worker runs it ``FLUSH_EVERY`` seconds later); ``ykien portal flush-views`` does it by hand."""
    if not cache.add("portal:views-flush-scheduled", 1, timeout=FLUSH_EVERY):
        return
    if default_task_backend.supports_defer:
        views_flush_task.using(
            run_after=timezone.now() + dt.timedelta(seconds=FLUSH_EVERY)
        ).enqueue()
    else:
        views_flush_task.enqueue()
