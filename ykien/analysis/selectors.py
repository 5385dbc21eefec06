"""Reads of the analysis app: the latest run of each analysis of a draft, and the scatter plot."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ykien.analysis.models import AnalysisKind, AnalysisRun, RunStatus

PLOT_SIZE = 400  # the SVG view box is PLOT_SIZE x PLOT_SIZE
PLOT_MARGIN = 20
# Okabe–Ito colours (distinguishable with colour-blindness); a shape per group as well.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
UNGROUPED = "#999999"


def latest_runs(*, draft_id: int) -> dict[str, AnalysisRun | None]:
    """The newest run of each kind (any status)."""
    out: dict[str, AnalysisRun | None] = dict.fromkeys(AnalysisKind.values)
    for run in AnalysisRun.objects.filter(draft_id=draft_id).order_by("-created_at", "-id"):
        if out.get(run.kind) is None:
            out[run.kind] = run
    return out


def latest_done(*, draft_id: int, kind: str) -> AnalysisRun | None:
    return (
        AnalysisRun.objects.filter(draft_id=draft_id, kind=kind, status=RunStatus.DONE)
        .order_by("-finished_at", "-id")
        .first()
    )


def run_get(*, draft_id: int, pk: int) -> AnalysisRun | None:
    return AnalysisRun.objects.filter(draft_id=draft_id, pk=pk).first()


def status_of(*, draft_id: int) -> dict[str, dict[str, Any]]:
    """For the polling script: status and progress of the newest run of each kind."""
    return {
        kind: {"status": run.status, "progress": run.progress, "active": run.active}
        for kind, run in latest_runs(draft_id=draft_id).items()
        if run is not None
    }


@dataclass(frozen=True)
class PlotPoint:
    x: float
    y: float
    group: int  # -1: not in a group
    colour: str


@dataclass(frozen=True)
class Plot:
    size: int
    points: list[PlotPoint]
    legend: list[tuple[int, str, int]]  # group, colour, participants
    ungrouped: int


def scatter(result: dict[str, Any]) -> Plot | None:
    """Participants' projections scaled into the SVG view box (y grows upwards)."""
    raw = result.get("points") or []
    if not raw:
        return None
    xs = [p[0] for p in raw]
    ys = [p[1] for p in raw]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    inner = PLOT_SIZE - 2 * PLOT_MARGIN
    cx = (max(xs) + min(xs)) / 2
    cy = (max(ys) + min(ys)) / 2

    def colour(g: int) -> str:
        return COLOURS[g % len(COLOURS)] if g >= 0 else UNGROUPED

    points = [
        PlotPoint(
            x=round(PLOT_SIZE / 2 + (x - cx) / span * inner, 1),
            y=round(PLOT_SIZE / 2 - (y - cy) / span * inner, 1),
            group=int(g),
            colour=colour(int(g)),
        )
        for x, y, g in raw
    ]
    legend = [
        (int(g["id"]), colour(int(g["id"])), int(g["size"])) for g in result.get("groups", [])
    ]
    return Plot(
        size=PLOT_SIZE,
        points=points,
        legend=legend,
        ungrouped=sum(1 for p in points if p.group < 0),
    )
