"""Public search documents: published drafts and their articles and clauses."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse

from ykien.consultations.models import Draft, Node, NodeKind
from ykien.consultations.selectors import drafts_public
from ykien.core.search import SearchDocument


def search_documents() -> Iterator[SearchDocument]:
    drafts: dict[int, Draft] = {}
    for draft in drafts_public():
        drafts[draft.pk] = draft
        yield SearchDocument(
            kind="draft",
            key=str(draft.pk),
            title=draft.title,
            body=f"{draft.summary}\n{draft.drafting_unit.name}",
            url=reverse("consultations:draft", args=[draft.pk]),
            published=draft.published_at,
            unit=draft.unit.name,
        )
    version_ids = [d.current_version_id for d in drafts.values() if d.current_version_id]
    nodes = (
        Node.objects.filter(
            version_id__in=version_ids, kind__in=[NodeKind.ARTICLE, NodeKind.CLAUSE]
        )
        .only("id", "draft_id", "label", "title", "text")
        .order_by("draft_id", "position")
    )
    for node in nodes.iterator():
        draft = drafts[node.draft_id]
        yield SearchDocument(
            kind="clause",
            key=str(node.pk),
            title=f"{node.label}{'. ' + node.title if node.title else ''} — {draft.title}",
            body=node.text,
            url=reverse("consultations:node", args=[draft.pk, node.pk]),
            published=draft.published_at,
            unit=draft.unit.name,
        )
