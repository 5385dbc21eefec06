"""Analyses of a draft: request one (officers of the receiving unit), run it (the task, as the
system), and turn a topic cluster into a critique point.

What each analysis computes is in ``analysis_results``, over the algorithms of the library
``ykien.analysis``. A result holds no personal data: comments by id with a short excerpt,
participants only as anonymous points of the scatter plot.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ykien.consultations import selectors
from ykien.consultations.codes import AuditAction
from ykien.consultations.models import AnalysisKind, AnalysisRun, CritiquePoint, Draft, RunStatus
from ykien.consultations.permissions import MANAGE
from ykien.consultations.services.analysis_results import COMPUTE
from ykien.consultations.services.common import person, require
from ykien.consultations.services.points import point_save
from ykien.core.audit import audit_record, snapshot
from ykien.core.errors import NotFound, ValidationFailed
from ykien.core.permissions import SYSTEM, Actor


def _draft(actor: Actor, draft_id: int) -> Draft:
    draft = selectors.draft_get(pk=draft_id)
    if draft is None:
        raise NotFound(_("Không tìm thấy dự thảo."))
    require(
        actor,
        MANAGE,
        draft,
        _("Chỉ cán bộ của đơn vị tiếp nhận dự thảo mới được phân tích góp ý."),
    )
    return draft


@transaction.atomic
def analysis_run_request(
    *, actor: Actor, draft_id: int, kind: str, enqueue: bool = True
) -> AnalysisRun:
    """Queue an analysis of the draft (one at a time per kind: a queued or running run of the
    same kind is returned instead of a new one). The task is enqueued on commit (``enqueue``
    False: the caller runs :func:`analysis_run_execute` itself, as the demo loader does).
    Raises ``ValidationFailed`` for an unknown kind, ``NotFound``, ``PermissionDenied``."""
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
    run = AnalysisRun.objects.create(draft=draft, kind=kind, requested_by=person(actor))
    audit_record(
        actor=actor,
        action=AuditAction.ANALYSIS_REQUEST,
        obj=run,
        unit=draft.unit,
        after=snapshot(run),
    )
    if enqueue:
        transaction.on_commit(lambda: _enqueue(run.pk))
    return run


def _enqueue(run_id: int) -> None:
    from ykien.consultations.tasks import run_analysis

    run_analysis.enqueue(run_id)


def _set(run_id: int, **fields: Any) -> None:
    AnalysisRun.objects.filter(pk=run_id).update(**fields)


def analysis_run_execute(*, run_id: int) -> AnalysisRun:
    """Run a queued analysis (called by the task), writing its progress as it goes; a failure
    is recorded on the run, not raised. Not atomic on purpose: progress must be visible.
    The end is audited as the system's (``analysis.done`` or ``analysis.failed``)."""
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
        actor=SYSTEM,
        action=f"analysis.{run.status}",
        obj=run,
        unit=run.draft.unit,
        after={"status": run.status, "error": run.error},
    )
    return run


def stance_label(stance: str) -> str:
    """What a stance's part of a topic summary is called (translated)."""
    labels = {
        "agree": _("Ý kiến đồng ý"),
        "disagree": _("Ý kiến không đồng ý"),
        "reword": _("Đề xuất cách viết khác"),
    }
    return labels.get(stance, _("Ý kiến khác"))


def _point_text(topic: dict[str, Any]) -> str:
    """The pre-filled text of a critique point: the summary by stance, each part labelled,
    in citizens' own words (one paragraph per stance)."""
    parts = [
        f"{stance_label(part['stance'])}: " + " ".join(x["text"] for x in part["sentences"])
        for part in topic.get("by_stance", [])
        if part.get("sentences")
    ]
    return "\n\n".join(parts) if parts else str(topic.get("summary", ""))


def point_from_topic(*, actor: Actor, run: AnalysisRun, topic: int) -> CritiquePoint:
    """A critique point pre-filled from a topic cluster: its key phrases as the issue, its
    summary as the text, its comments (still on the draft) as supporting comments. Raises
    ``ValidationFailed`` (not a finished topics run), ``NotFound`` (no such topic),
    ``PermissionDenied``, and what ``point_save`` raises (the draft not in consolidation)."""
    if run.kind != AnalysisKind.TOPICS or run.status != RunStatus.DONE:
        raise ValidationFailed(_("Lượt phân tích này không có cụm chủ đề."))
    found = next((t for t in run.result.get("topics", []) if t.get("topic") == topic), None)
    if found is None:
        raise NotFound(_("Không tìm thấy cụm chủ đề."))
    draft = _draft(actor, run.draft_id)
    phrases = ", ".join(found["key_phrases"][:3])
    title = _("Chủ đề %(number)s: %(phrases)s") % {"number": topic, "phrases": phrases}
    on_draft = set(
        selectors.comments_public(draft=draft)
        .filter(pk__in=found["ids"])
        .values_list("pk", flat=True)
    )
    comment_ids = [pk for pk in found["ids"] if pk in on_draft]
    return point_save(
        actor=actor,
        draft=draft,
        title=title[:300],
        text=_point_text(found) or phrases,
        comment_ids=comment_ids,
    )
