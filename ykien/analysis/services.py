"""Writes of the analysis app: request a background analysis of a draft, run it (from the
task), and turn a topic cluster into a critique point.

The algorithms are the pure functions of :mod:`ykien.analysis.duplicates`,
:mod:`ykien.analysis.topics` and :mod:`ykien.analysis.opinion_groups`; their inputs come from
the consultations selectors (``draft_comment_rows``, ``draft_vote_rows``, ``statements``).
A result holds no personal data: comments by id with a short excerpt, participants only as
anonymous points of the scatter plot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import numpy as np
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ykien.analysis.models import AnalysisKind, AnalysisRun, RunStatus
from ykien.consultations import selectors as consultation_selectors
from ykien.consultations import services as consultation_services
from ykien.consultations.models import CritiquePoint, Draft
from ykien.core.audit import audit_record, snapshot
from ykien.core.errors import NotFound, PermissionDenied, ValidationFailed
from ykien.core.models import User

MANAGE = "consultations.manage_draft"
EXCERPT = 280  # characters of a comment kept in a result
MAX_POINTS = 5000  # participants drawn in the scatter plot

Progress = Callable[[int], None]


def _draft(actor: User | None, draft_id: int) -> Draft:
    draft = consultation_selectors.draft_get(pk=draft_id)
    if draft is None:
        raise NotFound(_("Không tìm thấy dự thảo."))
    if actor is not None and not actor.has_perm(MANAGE, draft):
        raise PermissionDenied(
            _("Chỉ cán bộ của đơn vị tiếp nhận dự thảo mới được phân tích góp ý.")
        )
    return draft


@transaction.atomic
def analysis_run_request(
    *, actor: User | None, draft_id: int, kind: str, enqueue: bool = True
) -> AnalysisRun:
    """Queue an analysis of the draft (one at a time per kind: a queued or running run of the
    same kind is returned instead of a new one). The task is enqueued on commit (``enqueue``
    False: the caller runs :func:`analysis_run_execute` itself, as the demo loader does)."""
    if kind not in AnalysisKind.values:
        raise ValidationFailed(_("Loại phân tích không hợp lệ."), field="kind")
    draft = _draft(actor, draft_id)
    running = (
        AnalysisRun.objects.select_for_update()
        .filter(draft=draft, kind=kind, status__in=[RunStatus.QUEUED, RunStatus.RUNNING])
        .first()
    )
    if running is not None:
        return running
    run = AnalysisRun.objects.create(draft=draft, kind=kind, requested_by=actor)
    audit_record(
        actor=actor, action="analysis.request", obj=run, unit=draft.unit, after=snapshot(run)
    )
    if enqueue:
        transaction.on_commit(lambda: _enqueue(run.pk))
    return run


def _enqueue(run_id: int) -> None:
    from ykien.analysis.tasks import run_analysis

    run_analysis.enqueue(run_id)


def _set(run_id: int, **fields: Any) -> None:
    AnalysisRun.objects.filter(pk=run_id).update(**fields)


def analysis_run_execute(*, run_id: int) -> AnalysisRun:
    """Run a queued analysis (called by the task), writing its progress as it goes; a failure
    is recorded on the run, not raised. Not atomic on purpose: progress must be visible."""
    run = AnalysisRun.objects.select_related("draft").get(pk=run_id)
    if run.status != RunStatus.QUEUED:
        return run
    _set(run_id, status=RunStatus.RUNNING, progress=0, started_at=timezone.now())

    def progress(percent: int) -> None:
        _set(run_id, progress=max(0, min(100, int(percent))))

    compute = COMPUTE[run.kind]
    try:
        result = compute(run.draft_id, progress)
    except Exception as exc:  # any failure of the algorithm is shown to the officer
        _set(
            run_id,
            status=RunStatus.FAILED,
            error=f"{type(exc).__name__}: {exc}"[:2000],
            finished_at=timezone.now(),
        )
    else:
        _set(
            run_id,
            status=RunStatus.DONE,
            progress=100,
            result=result,
            finished_at=timezone.now(),
        )
    run.refresh_from_db()
    audit_record(
        actor=None,
        action=f"analysis.{run.status}",
        obj=run,
        unit=run.draft.unit,
        after={"status": run.status, "error": run.error},
    )
    return run


# ------------------------------------------------------------------------------ computing


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"


def compute_duplicates(draft_id: int, progress: Progress) -> dict[str, Any]:
    from ykien.analysis.duplicates import campaigns, duplicate_groups

    rows = consultation_selectors.draft_comment_rows(draft_id=draft_id)
    progress(10)
    texts = [r[1] for r in rows]
    groups = duplicate_groups(texts)
    progress(70)
    flagged = {
        c.group: list(c.reasons)
        for c in campaigns(
            groups, timestamps=[r[2] for r in rows], author_ids=[r[3] for r in rows], min_size=3
        )
    }
    progress(90)
    return {
        "comments": len(rows),
        "groups": [
            {
                "group": g.group,
                "size": g.size,
                "campaign": flagged.get(g.group, []),
                "members": [{"id": rows[i][0], "text": _excerpt(rows[i][1])} for i in g.members],
            }
            for g in groups
        ],
    }


def compute_topics(draft_id: int, progress: Progress) -> dict[str, Any]:
    from ykien.analysis.topics import topics

    rows = consultation_selectors.draft_comment_rows(draft_id=draft_id)
    progress(10)
    texts = [r[1] for r in rows]
    if not texts:
        return {"comments": 0, "topics": [], "skipped": {}, "method": "", "used": 0}
    found = topics(texts)
    progress(90)
    data = found.as_dict()
    return {
        "comments": len(rows),
        "method": data["method"],
        "used": data["used"],
        "skipped": {k: v for k, v in data["skipped"].items() if v},
        "topics": [
            {
                "topic": t["topic"],
                "size": t["size"],
                "key_phrases": t["key_phrases"],
                "summary": t["summary"],
                "representatives": [
                    {"id": rows[i][0], "text": _excerpt(rows[i][1])} for i in t["representatives"]
                ],
                "ids": [rows[i][0] for i in t["ids"]],
            }
            for t in data["topics"]
        ],
    }


def _seconds(value: dt.datetime) -> float:
    return value.timestamp()


def compute_opinion_groups(draft_id: int, progress: Progress) -> dict[str, Any]:
    from ykien.analysis.opinion_groups import build_vote_matrix, opinion_groups

    rows = consultation_selectors.draft_vote_rows(draft_id=draft_id)
    draft = Draft.objects.get(pk=draft_id)
    texts = {
        r.statement.pk: r.statement.text
        for r in consultation_selectors.statements(draft=draft, status="")
    }
    progress(10)
    out: dict[str, Any] = {"votes": len(rows), "participants": 0, "groups": [], "points": []}
    if not rows:
        out.update(consensus={"agree": [], "disagree": []}, notes=[], n_clustered=0)
        return out
    matrix = build_vote_matrix(
        np.asarray([r[0] for r in rows], dtype=object).astype(str),
        np.asarray([r[1] for r in rows], dtype=np.int64),
        np.asarray([r[2] for r in rows], dtype=np.int64),
        np.asarray([_seconds(r[3]) for r in rows], dtype=np.float64),
    )
    progress(30)
    result = opinion_groups(matrix)
    progress(90)
    data = result.as_dict()

    def statement(entry: dict[str, Any]) -> dict[str, Any]:
        return {**entry, "text": texts.get(int(entry["comment"]), "")}

    points = [
        [round(float(x), 4), round(float(y), 4), int(g)]
        for (x, y), g in zip(
            result.projections[:MAX_POINTS], result.group[:MAX_POINTS], strict=True
        )
    ]
    out.update(
        participants=matrix.n_participants,
        statements=matrix.n_comments,
        n_clustered=data["n_clustered"],
        notes=data["notes"],
        points=points,
        groups=[
            {**g, "repness": [statement(r) for r in data["repness"].get(str(g["id"]), [])]}
            for g in data["groups"]
        ],
        consensus={
            side: [statement(c) for c in data["consensus"][side]] for side in ("agree", "disagree")
        },
    )
    return out


COMPUTE: dict[str, Callable[[int, Progress], dict[str, Any]]] = {
    AnalysisKind.DUPLICATES: compute_duplicates,
    AnalysisKind.TOPICS: compute_topics,
    AnalysisKind.OPINION_GROUPS: compute_opinion_groups,
}


# ----------------------------------------------------------------------- topic → point


def point_from_topic(*, actor: User | None, run: AnalysisRun, topic: int) -> CritiquePoint:
    """A critique point pre-filled from a topic cluster: its key phrases as the issue, its
    summary as the text, its comments (still on the draft) as supporting comments."""
    if run.kind != AnalysisKind.TOPICS or run.status != RunStatus.DONE:
        raise ValidationFailed(_("Lượt phân tích này không có cụm chủ đề."))
    found = next((t for t in run.result.get("topics", []) if t.get("topic") == topic), None)
    if found is None:
        raise NotFound(_("Không tìm thấy cụm chủ đề."))
    draft = _draft(actor, run.draft_id)
    phrases = ", ".join(found["key_phrases"][:3])
    title = _("Chủ đề %(number)s: %(phrases)s") % {"number": topic, "phrases": phrases}
    on_draft = set(
        consultation_selectors.comments_public(draft=draft)
        .filter(pk__in=found["ids"])
        .values_list("pk", flat=True)
    )
    comment_ids = [pk for pk in found["ids"] if pk in on_draft]
    return consultation_services.point_save(
        actor=actor,
        draft=draft,
        title=title[:300],
        text=found["summary"] or phrases,
        comment_ids=comment_ids,
    )
