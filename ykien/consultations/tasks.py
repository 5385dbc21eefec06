"""Background tasks (django-tasks) of the consultations app: the analyses of a draft."""

from __future__ import annotations

from django_tasks import task

from ykien.consultations.services import analysis_run_execute


@task()
def run_analysis(run_id: int) -> str:
    """Run one queued :class:`~ykien.consultations.models.AnalysisRun`; returns its final status."""
    return str(analysis_run_execute(run_id=run_id).status)
