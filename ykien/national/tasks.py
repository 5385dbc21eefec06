"""Background tasks (django-tasks) of the national app: the rollup of the ballots into the counts.

While a draft's ballot is open, one chain of ``rollup_draft`` tasks runs: each rolls the queue up
and enqueues the next, ``ROLLUP_EVERY`` seconds later (``run_after``). Opening, closing or
reopening the ballot starts a chain; a ballot that finds the counts stale starts one too
(``services._heal_rollup``). Chains converge: a task that finds the counts rolled up less than
half a period ago ends its chain without enqueuing another. ``ykien national rollup`` does the
same from the command line (``--every`` to keep doing it).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import default_task_backend, task

from ykien.national import services
from ykien.national.models import NationalMode, TallyDelta


def enqueue_rollup(draft_id: int, *, delay: float = 0) -> None:
    """Enqueue a rollup of draft ``draft_id`` (after ``delay`` seconds where the backend can
    defer; the immediate backend of the tests runs it now and starts no chain)."""
    if delay and default_task_backend.supports_defer:
        rollup_draft.using(run_after=timezone.now() + dt.timedelta(seconds=delay)).enqueue(
            draft_id, True
        )
    else:
        rollup_draft.enqueue(draft_id, bool(default_task_backend.supports_defer))


@task()
def rollup_draft(draft_id: int, chain: bool = True) -> int:
    """Roll up draft ``draft_id``; with ``chain``, enqueue the next rollup while the ballot is
    open or ballots are still queued. Returns the queue rows counted."""
    mode = NationalMode.objects.filter(draft_id=draft_id).only("rolled_up_at", "status").first()
    if mode is None:
        return 0
    recent = (
        mode.rolled_up_at is not None
        and (timezone.now() - mode.rolled_up_at).total_seconds() < services.ROLLUP_EVERY / 2
    )
    if recent and chain:
        return 0  # another chain is running
    counted = services.rollup(draft_id=draft_id)
    if chain:
        mode.refresh_from_db(fields=["status", "start", "end"])
        if mode.phase != "ended" or TallyDelta.objects.filter(draft_id=draft_id).exists():
            enqueue_rollup(draft_id, delay=services.ROLLUP_EVERY)
    return counted
