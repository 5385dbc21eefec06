"""Public recommendations for the portal's search (core.search contract)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse
from django.utils import timezone

from ykien.core.search import SearchDocument
from ykien.oversight.selectors import recommendations_public


def search_documents() -> Iterator[SearchDocument]:
    for rec in recommendations_public().iterator(chunk_size=500):
        latest = rec.latest_answer()
        body = "\n".join(
            part
            for part in (
                rec.text,
                rec.finding.text,
                rec.activity.title,
                rec.addressee.name,
                latest.text if latest else "",
            )
            if part
        )
        published = (
            timezone.make_aware(dt.datetime.combine(rec.issued_on, dt.time(8)))
            if rec.issued_on
            else None
        )
        yield SearchDocument(
            kind="recommendation",
            key=rec.code,
            title=f"Kiến nghị {rec.code}: {rec.text[:120]}",
            body=body,
            url=reverse("oversight:public_detail", args=[rec.pk]),
            published=published,
            unit=rec.issuer.name,
        )
