"""The officer's task list: each app registers a provider of work items with due dates.

``core`` depends on no other app, so apps register themselves from ``AppConfig.ready()``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ykien.core.models import User


@dataclass(frozen=True)
class WorkItem:
    title: str
    url: str
    due: dt.date | None
    unit: str
    kind: str
    basis: str = ""

    def days_left(self, today: dt.date) -> int | None:
        return None if self.due is None else (self.due - today).days


Provider = Callable[[User, dt.date], Iterable[WorkItem]]
_PROVIDERS: list[Provider] = []


def register(provider: Provider) -> Provider:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def work_items(*, user: User, today: dt.date) -> list[WorkItem]:
    """Every provider's items for ``user``, the most urgent first (items without a date last)."""
    items: list[WorkItem] = []
    for provider in _PROVIDERS:
        items.extend(provider(user, today))
    return sorted(items, key=lambda i: (i.due is None, i.due or dt.date.max, i.title))
