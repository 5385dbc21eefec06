"""Open data of a draft: its visible comments with personal data removed.

Left out: the author (account, name, e-mail), the participant key, the address, reports and
moderation. Kept: the comment's number, the node it is on, the stance, the texts as written,
the date, and the kind of author (anonymous citizen, signed-in citizen, officer, expert).
"""

from __future__ import annotations

from typing import Any

from ykien.consultations.models import Comment, CommentStatus, Draft

COMMENT_FIELDS = [
    "id",
    "version",
    "node",
    "stance",
    "proposed_wording",
    "reasons",
    "author_kind",
    "created",
]


def draft_meta(draft: Draft) -> dict[str, Any]:
    return {
        "id": draft.pk,
        "title": draft.title,
        "unit": draft.unit.name,
        "drafting_unit": draft.drafting_unit.name,
        "kind": draft.kind,
        "status": draft.status,
        "comment_start": draft.comment_start.isoformat() if draft.comment_start else None,
        "comment_end": draft.comment_end.isoformat() if draft.comment_end else None,
    }


def comment_rows(*, draft: Draft) -> list[dict[str, Any]]:
    qs = (
        Comment.objects.filter(draft=draft, status=CommentStatus.VISIBLE)
        .order_by("created_at", "id")
        .values_list(
            "id",
            "version__number",
            "node__label",
            "stance",
            "proposed_wording",
            "reasons",
            "author_kind",
            "created_at",
        )
    )
    return [
        {
            "id": pk,
            "version": version,
            "node": node or "",
            "stance": stance,
            "proposed_wording": wording,
            "reasons": reasons,
            "author_kind": kind,
            "created": created.date().isoformat(),
        }
        for pk, version, node, stance, wording, reasons, kind, created in qs.iterator()
    ]
