"""Public dialogues and their commitments for the portal's search (core.search contract)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse
from django.utils import timezone

from ykien.core.search import SearchDocument
from ykien.dialogue.selectors import commitments_public, dialogues_public, questions_public


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(8)))


def search_documents() -> Iterator[SearchDocument]:
    for dialogue in dialogues_public().iterator(chunk_size=200):
        answered = [
            f"{q.text}\n{q.answer}" for q in questions_public(dialogue=dialogue) if q.answer
        ]
        yield SearchDocument(
            kind="dialogue",
            key=dialogue.code,
            title=f"Đối thoại: {dialogue.topic}",
            body="\n".join(
                part
                for part in (
                    dialogue.description,
                    dialogue.head_title,
                    dialogue.head_unit.name,
                    dialogue.place,
                    *answered,
                )
                if part
            ),
            url=reverse("dialogue:detail", args=[dialogue.pk]),
            published=_at(dialogue.held_on),
            unit=dialogue.unit.name,
        )
    for commitment in commitments_public().iterator(chunk_size=500):
        yield SearchDocument(
            kind="commitment",
            key=commitment.code,
            title=f"Cam kết {commitment.code}: {commitment.text[:120]}",
            body="\n".join(
                p for p in (commitment.text, commitment.addressee.name, commitment.answer) if p
            ),
            url=reverse("dialogue:commitment", args=[commitment.pk]),
            published=_at(commitment.dialogue.held_on),
            unit=commitment.dialogue.unit.name,
        )
