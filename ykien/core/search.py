"""Search contract between apps and the portal's index (core depends on no app).

An app that has public content provides ``ykien/<app>/search.py`` with
``search_documents() -> Iterable[SearchDocument]`` (every public document) and calls
``notify_changed()`` after it publishes, changes or withdraws one; the portal registers a
listener that re-indexes in the background.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.apps import apps


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
    for config in apps.get_app_configs():
        if not config.name.startswith("ykien."):
            continue
        module_name = f"{config.name}.search"
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        provider: Callable[[], Iterable[SearchDocument]] | None = getattr(
            module, "search_documents", None
        )
        if provider is not None:
            yield from provider()
