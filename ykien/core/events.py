"""Domain events: what happened to a record, published once its transaction commits.

A service (through ``core.lifecycle.transition``) publishes an ``Event``; other apps react by
subscribing to its name, never by reaching into the publisher. Subscribers run after the commit,
so a subscriber never sees a change that was rolled back, and one that fails cannot undo it: its
error is logged and the other subscribers still run. Subscribers that do slow work (mail,
analysis) enqueue a background task rather than work inline.

Names are ``<app>.<entity>.<action>``, e.g. ``petitions.petition.accept``. A subscriber may ask
for one name, for every action of an entity (``petitions.petition.*``) or for everything
(``*``).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Event:
    """One thing that happened: the record is named by label and primary key (never the model
    instance, so a subscriber reads the committed state itself)."""

    name: str
    object_type: str
    object_id: str
    actor_id: int | None
    unit_id: int | None
    before: str
    after: str
    data: dict[str, Any] = field(default_factory=dict)
    at: dt.datetime = field(default_factory=timezone.now)


Subscriber = Callable[[Event], None]
_subscribers: dict[str, list[Subscriber]] = {}


def subscribe(pattern: str, handler: Subscriber | None = None) -> Any:
    """Call ``handler(event)`` for every event whose name matches ``pattern`` (an exact name,
    ``<app>.<entity>.*`` or ``*``). Usable as a decorator. Subscribing twice is a no-op."""

    def register(func: Subscriber) -> Subscriber:
        handlers = _subscribers.setdefault(pattern, [])
        if func not in handlers:
            handlers.append(func)
        return func

    return register(handler) if handler is not None else register


def unsubscribe(pattern: str, handler: Subscriber) -> None:
    handlers = _subscribers.get(pattern, [])
    if handler in handlers:
        handlers.remove(handler)


def subscribers_for(name: str) -> list[Subscriber]:
    """The handlers an event of this name reaches, exact names first, then wildcards."""
    prefix = name.rsplit(".", 1)[0] + ".*"
    found: list[Subscriber] = []
    for pattern in (name, prefix, "*"):
        for handler in _subscribers.get(pattern, []):
            if handler not in found:
                found.append(handler)
    return found


def _dispatch(event: Event) -> None:
    for handler in subscribers_for(event.name):
        try:
            handler(event)
        except Exception:
            # The change is committed; one broken subscriber must not hide it from the others.
            logger.exception("event subscriber %r failed on %s", handler, event.name)


def publish(event: Event) -> None:
    """Deliver ``event`` to its subscribers when the current transaction commits (at once when
    there is none); nothing is delivered if it rolls back."""
    transaction.on_commit(lambda: _dispatch(event), robust=False)
