"""Demo data of the analysis app: the three analyses of the open Vĩnh Long draft, computed here
(synchronously) so the officer's screen shows results. Idempotent: skipped when done."""

from __future__ import annotations

from typing import Any

from ykien.analysis.models import AnalysisKind, AnalysisRun, RunStatus
from ykien.analysis.services import analysis_run_execute, analysis_run_request
from ykien.consultations.demo import VL_TITLE
from ykien.consultations.models import Draft


def load(out: Any) -> None:
    draft = Draft.objects.filter(title=VL_TITLE).first()
    if draft is None:
        return
    for kind in AnalysisKind.values:
        if AnalysisRun.objects.filter(draft=draft, kind=kind, status=RunStatus.DONE).exists():
            continue
        run = analysis_run_request(actor=None, draft_id=draft.pk, kind=kind, enqueue=False)
        run = analysis_run_execute(run_id=run.pk)
        out.write(f"Phân tích {run.get_kind_display()} của dự thảo #{draft.pk}: {run.status}\n")
