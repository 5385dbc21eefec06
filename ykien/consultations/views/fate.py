"""Public pages of what became of the comments: one comment's chain (its points, the answers,
its clause in the latest version) and a draft's "you said — we did", clause by clause."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from ykien.consultations import selectors, selectors_analysis, services
from ykien.consultations.models import CommentStatus, Draft
from ykien.consultations.selectors_fate import comment_for_fate
from ykien.consultations.services import Participant
from ykien.consultations.views.common import comment_url, get_draft

VIEW = "consultations.view_draft"


def _public_draft(request: HttpRequest, pk: int) -> Draft:
    draft = get_draft(pk, request, VIEW)
    if not draft.is_public:
        raise Http404
    return draft


def _is_author(request: HttpRequest, participant: str) -> bool:
    """Whether the comment's author (``participant``, "u:<id>" or "a:<hash>") is the visitor:
    the signed-in user, or the anonymous session that posted it (no session is created)."""
    if request.user.is_authenticated:
        return participant == f"u:{request.user.pk}"
    key = request.session.session_key
    return key is not None and Participant.anonymous(key).key == participant


def comment_fate(request: HttpRequest, pk: int, comment_id: int) -> HttpResponse:
    """What became of one comment. A comment not visible (held after readers' reports, or hidden
    by an officer) does not exist for anyone but its author, who sees why."""
    draft = _public_draft(request, pk)
    comment = comment_for_fate(draft=draft, pk=comment_id)
    if comment is None:
        raise Http404
    own = _is_author(request, comment.participant)
    if comment.status != CommentStatus.VISIBLE and not own:
        raise Http404
    fate = selectors.comment_fate(comment)
    return render(
        request,
        "consultations/comment_fate.html",
        {"draft": draft, "c": comment, "fate": fate, "own": own},
    )


SOURCES = 5  # comments linked after a summary sentence (then "and N more")


def _stance_parts(draft: Draft, by_stance: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A summary by stance, with the stance's label and each sentence's comments as links to
    what became of them."""
    return [
        {
            "label": services.stance_label(part["stance"]),
            "stance": part["stance"],
            "sentences": [
                {
                    "text": x["text"],
                    "sources": [
                        {"id": c, "url": comment_url(draft.pk, c)} for c in x["sources"][:SOURCES]
                    ],
                    "more": max(0, len(x["sources"]) - SOURCES),
                }
                for x in part["sentences"]
            ],
        }
        for part in by_stance
    ]


def _summaries(draft: Draft, summaries: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The topics' summaries by stance (``_stance_parts``)."""
    if summaries is None:
        return []
    return [
        {**topic, "stances": _stance_parts(draft, topic["by_stance"])}
        for topic in summaries["topics"]
    ]


def _clause_summaries(
    draft: Draft, summaries: dict[str, Any] | None
) -> dict[tuple[int, int | None], dict[str, Any]]:
    """Each summarised clause's own summary by stance, by (version number, node id)."""
    if summaries is None:
        return {}
    return {
        (c["version"], c["node"]): {
            "size": c["size"],
            "key_phrases": c["key_phrases"],
            "stances": _stance_parts(draft, c["by_stance"]),
        }
        for c in summaries.get("clauses", [])
    }


def you_said(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft's "you said — we did": every clause commented on, the points, the answers and
    what changed in its text; and from the latest analyses, the opinion groups' common ground
    and differences (for the draft and under each clause) and the comments' summaries kept
    apart by stance, per topic and, under each clause, that clause's own. No participant is
    named."""
    # Imported here: the analysis views load the algorithms' helpers, not needed by the rest.
    from ykien.consultations.views.analysis import common_ground_context

    draft = _public_draft(request, pk)
    result = selectors.you_said(draft=draft)
    analysis = selectors_analysis.common_ground_of(draft_id=draft.pk)
    groups = None
    if analysis is not None and analysis["groups"] is not None:
        groups = {
            **common_ground_context(draft, analysis["groups"]),
            "computed_at": analysis["groups"]["computed_at"],
            "count": len(analysis["groups"]["groups"]),
        }
        standing = {c["node"]: c for c in groups["clauses"]}
        for version in result.versions:
            for row in version.rows:
                row.groups = standing.get(row.node.pk if row.node is not None else None)
    found = analysis["summaries"] if analysis is not None else None
    by_clause = _clause_summaries(draft, found)
    for version in result.versions:
        for row in version.rows:
            row.summary = by_clause.get(
                (version.number, row.node.pk if row.node is not None else None)
            )
    thresholds = analysis["thresholds"] if analysis is not None else {}
    return render(
        request,
        "consultations/you_said.html",
        {
            "draft": draft,
            "result": result,
            "groups": groups,
            "summaries": _summaries(draft, found),
            "clause_summaries": bool(by_clause),
            "clauses_skipped": found["clauses_skipped"] if found else 0,
            "clause_minimum": found["clause_minimum"] if found else 0,
            "summaries_at": (
                analysis["summaries"]["computed_at"] if analysis and analysis["summaries"] else None
            ),
            "agree_pct": round(100 * thresholds.get("common_ground", 0)),
            "difference_pct": round(100 * thresholds.get("difference", 0)),
            "min_seen": thresholds.get("min_seen", 0),
        },
    )
