"""The heads' public reception calendars for the portal's search (core.search contract): one
document per head with sessions coming, naming the head, the unit and the days and places."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse

from ykien.core.search import SearchDocument
from ykien.core.selectors import today
from ykien.reception.selectors import schedule_public

KIND = "reception"
DAYS_AHEAD = 90


def search_documents() -> Iterator[SearchDocument]:
    start = today()
    by_head: dict[int, list] = {}
    for session in schedule_public(start=start, end=start + dt.timedelta(days=DAYS_AHEAD)):
        by_head.setdefault(session.head_id, []).append(session)
    for sessions in by_head.values():
        head = sessions[0].head
        yield SearchDocument(
            kind=KIND,
            key=str(head.pk),
            title=f"Lịch tiếp công dân: {head.name} — {head.title}",
            body="\n".join(
                [head.unit.name]
                + [f"{s.day:%d/%m/%Y} {s.starts_at:%H:%M}, {s.place}" for s in sessions]
            ),
            url=reverse("reception:schedule") + f"?don-vi={head.unit_id}",
            unit=head.unit.name,
        )
