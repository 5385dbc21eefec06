"""Search contract between apps and the portal's index (core depends on no app).

An app that has public content provides ``ykien/<app>/search.py`` with
``search_documents() -> Iterable[SearchDocument]`` (every public document) and calls
``notify_changed()`` after it publishes, changes or withdraws one; the portal registers a
listener that re-indexes in the background.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ykien.core import apps_manifest


@dataclass(frozen=True)
class SearchDocument:
    kind: str  # "article", "draft", "clause", "recommendation" …
    key: str  # unique within kind
    title: str
    body: str
    url: str
    published: dt.datetime | None = None
    unit: str = ""


_LISTENERS: list[Callable[[str, str], None]] = []


def register_listener(listener: Callable[[str, str], None]) -> None:
    if listener not in _LISTENERS:
        _LISTENERS.append(listener)


def notify_changed(kind: str, key: str = "") -> None:
    """Tell the index that a public document of ``kind`` changed (call after commit)."""
    for listener in _LISTENERS:
        listener(kind, key)


def all_documents() -> Iterator[SearchDocument]:
    """Every public document of every app that provides ``search.search_documents``."""
    provider: Callable[[], Iterable[SearchDocument]]
    for _label, provider in apps_manifest.provided("search", "search_documents"):
        yield from provider()
