# mypy: disallow-untyped-defs, disallow-incomplete-defs
"""Reads of the analysis runs of a draft: the latest run of each analysis, the scatter plot of
the opinion groups, the inputs the runs read besides ``selectors`` (comments' stances), the
statement a voter should see next and the public common ground. The algorithms are those of the
library ``ykien.analysis``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ykien.consultations import selectors
from ykien.consultations.models import (
    AnalysisKind,
    AnalysisRun,
    Comment,
    CommentStatus,
    Draft,
    RunStatus,
)

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
    placed: bool = False  # too few votes to be clustered: shown in its nearest group


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

    points = []
    for point in raw:
        x, y, g = point[0], point[1], int(point[2])
        placed = bool(point[3]) if len(point) > 3 else False
        points.append(
            PlotPoint(
                x=round(PLOT_SIZE / 2 + (x - cx) / span * inner, 1),
                y=round(PLOT_SIZE / 2 - (y - cy) / span * inner, 1),
                group=g,
                colour=colour(g),
                placed=placed,
            )
        )
    legend = [
        (int(g["id"]), colour(int(g["id"])), int(g["size"])) for g in result.get("groups", [])
    ]
    return Plot(
        size=PLOT_SIZE,
        points=points,
        legend=legend,
        ungrouped=sum(1 for p in points if p.group < 0),
    )


def group_colour(group_id: int) -> str:
    """The colour of a group: fixed by its id, so it does not change between refreshes."""
    return COLOURS[group_id % len(COLOURS)] if group_id >= 0 else UNGROUPED


def comment_stances(*, draft_id: int) -> list[tuple[str, int | None, str, str]]:
    """Visible comments of a draft as (participant key, node id, node label, stance)
    (the input of the per-clause common ground)."""
    rows = (
        Comment.objects.filter(draft_id=draft_id, status=CommentStatus.VISIBLE)
        .select_related("node")
        .order_by("id")
    )
    return [
        (c.participant, c.node_id, (c.node.label_text if c.node is not None else ""), c.stance)
        for c in rows
    ]


def comment_clauses(*, draft_id: int) -> list[tuple[int, int, int | None, str]]:
    """Visible comments of a draft as (comment id, version number, node id, clause label), in
    document order: version by version, the comments on the whole draft (node None, label "")
    first, then clause by clause in reading order (``Node.position``), each clause's comments
    oldest first. The label is stored in Vietnamese (``Node.label``, or the node's kind when it
    has none). The input of the per-clause summaries of a topics run."""
    from django.db.models import F
    from django.utils import translation

    from ykien.consultations.models import NodeKind

    rows = (
        Comment.objects.filter(draft_id=draft_id, status=CommentStatus.VISIBLE)
        .order_by(
            "version__number",
            F("node__position").asc(nulls_first=True),
            "created_at",
            "id",
        )
        .values_list("id", "version__number", "node_id", "node__label", "node__kind")
    )
    with translation.override("vi"):  # stored labels are Vietnamese, as the law writes them
        return [
            (pk, number, node_id, label or (str(NodeKind(kind).label) if kind else ""))
            for pk, number, node_id, label, kind in rows
        ]


def next_statement(
    *,
    draft_id: int,
    participant: str,
    rng: Any = None,
    rows: list[selectors.StatementRow] | None = None,
    extremity: dict[str, float] | None = None,
) -> int | None:
    """The statement `participant` should vote on next (its id), chosen by
    `routing.next_statement` from the vote tallies and, when an opinion-groups run exists,
    the statements' extremity; None when they have voted on every active statement.
    The voting page and the API ask it; ``rows`` (the draft's active statements with this
    participant's votes, as the page already read them) and ``extremity`` (from the run the
    page already read; ``{}`` when there is none) save reading them again."""
    # The algorithms load numpy and scikit-learn: imported when first needed, not with the pages.
    from ykien.analysis.routing import next_statement as pick
    from ykien.analysis.routing import priorities

    if rows is None:
        draft = Draft.objects.filter(pk=draft_id).first()
        if draft is None:
            return None
        rows = selectors.statements(draft=draft, participant=participant)
    if not rows:
        return None
    if extremity is None:
        extremity = extremity_of(latest_done(draft_id=draft_id, kind=AnalysisKind.OPINION_GROUPS))
    ids = [r.statement.pk for r in rows]
    weights = priorities(
        [r.agree for r in rows],
        [r.disagree for r in rows],
        [r.passed for r in rows],
        [float(extremity.get(str(pk), 0.0)) for pk in ids],
    )
    voted = {r.statement.pk for r in rows if r.mine is not None}
    return pick(ids, weights, voted=voted, rng=rng)


def extremity_of(run: AnalysisRun | None) -> dict[str, float]:
    """How far each statement sets the opinion groups apart, by statement id, in ``run``."""
    return (run.result.get("extremity") or {}) if run is not None else {}


def comment_stance_by_id(*, draft_id: int) -> dict[int, str]:
    """The stance of each comment of a draft (agree / disagree / reword): the topic
    summaries keep stances apart."""
    return dict(Comment.objects.filter(draft_id=draft_id).values_list("id", "stance"))


def common_ground_in(run: AnalysisRun) -> dict[str, Any]:
    """What the public may read of an opinion-groups run ("you said — we did", issue #11):
    statements every group agrees on (or rejects), statements the groups differ on, each with
    every group's agreement and the bridging score, and the per-clause standing of the groups'
    comments. No participant appears in it."""
    result = run.result
    keep = ("comment", "text", "agree", "disagree", "seen", "kind", "spread", "bridging")
    return {
        "computed_at": run.finished_at,
        "groups": [{"id": g["id"], "size": g["size"]} for g in result.get("groups", [])],
        "common_ground": [
            {k: s[k] for k in keep if k in s} for s in result.get("common_ground", [])
        ],
        "differences": [{k: s[k] for k in keep if k in s} for s in result.get("differences", [])],
        "clauses": [
            {k: c[k] for k in ("node", "label", "kind", "agree", "disagree", "reword", "seen")}
            for c in result.get("clauses", [])
        ],
    }


def thresholds() -> dict[str, float | int]:
    """The thresholds that make a statement common ground or a difference
    (``ykien.analysis.common_ground``): every group agrees (or disagrees) at least
    ``common_ground``; the most and the least agreeing groups are at least ``difference``
    apart; each group counted saw it at least ``min_seen`` times."""
    from ykien.analysis import common_ground as cg

    return {"common_ground": cg.COMMON_GROUND, "difference": cg.DIFFERENCE, "min_seen": cg.MIN_SEEN}


def stance_summaries_in(run: AnalysisRun) -> dict[str, Any]:
    """What the public may read of a topics run: each topic's key phrases and its summary kept
    apart by stance (what those who agree say, what those who disagree say, what is proposed
    instead), each sentence quoted as written (phone numbers, e-mail addresses and ID numbers
    replaced, ``core.redact``) with the comments it comes from. Only comments visible now
    count: a sentence none of whose comments is still visible is left out, and so is a
    stance or a topic left with nothing. The same per clause (``clauses``, in document order,
    each with its version number, node id, stored label and number of analysed comments), with
    how many clauses had too few comments to be summarised (``clauses_skipped``, below
    ``clause_minimum``); a run from before the per-clause summaries has none."""
    from ykien.core.redact import redact

    visible = set(
        Comment.objects.filter(draft_id=run.draft_id, status=CommentStatus.VISIBLE).values_list(
            "id", flat=True
        )
    )

    def visible_parts(by_stance: list[dict[str, Any]]) -> list[dict[str, Any]]:
        parts = []
        for part in by_stance:
            sentences = [
                {"text": redact(x["text"]), "sources": [pk for pk in x["sources"] if pk in visible]}
                for x in part.get("sentences", [])
            ]
            sentences = [x for x in sentences if x["sources"]]
            if sentences:
                parts.append({"stance": part["stance"], "sentences": sentences})
        return parts

    topics = []
    for topic in run.result.get("topics", []):
        parts = visible_parts(topic.get("by_stance", []))
        if parts:
            topics.append(
                {
                    "topic": topic["topic"],
                    "size": topic["size"],
                    "key_phrases": [redact(p) for p in topic.get("key_phrases", [])],
                    "by_stance": parts,
                }
            )
    clauses = []
    for clause in run.result.get("clauses", []):
        parts = visible_parts(clause.get("by_stance", []))
        if parts:
            clauses.append(
                {
                    "version": clause["version"],
                    "node": clause["node"],
                    "label": clause["label"],
                    "size": clause["size"],
                    "key_phrases": [redact(p) for p in clause.get("key_phrases", [])],
                    "by_stance": parts,
                }
            )
    return {
        "computed_at": run.finished_at,
        "topics": topics,
        "clauses": clauses,
        "clauses_skipped": int(run.result.get("clauses_skipped", 0)),
        "clause_minimum": int(run.result.get("clause_minimum", 0)),
    }


def common_ground_of(*, draft_id: int) -> dict[str, Any] | None:
    """What the public may read of a draft's analyses (the "you said — we did" page and the
    API): the latest finished opinion-groups run's common ground, differences and per-clause
    standings (``common_ground_in``, None before a run with groups), the ``thresholds`` that
    define them, and the latest finished topics run's summaries kept apart by stance
    (``stance_summaries_in``, None before a run). No participant appears in it. None when
    there is neither."""
    groups_run = latest_done(draft_id=draft_id, kind=AnalysisKind.OPINION_GROUPS)
    ground = common_ground_in(groups_run) if groups_run is not None else None
    if ground is not None and not ground["groups"]:
        ground = None
    topics_run = latest_done(draft_id=draft_id, kind=AnalysisKind.TOPICS)
    summaries = stance_summaries_in(topics_run) if topics_run is not None else None
    if summaries is not None and not summaries["topics"] and not summaries["clauses"]:
        summaries = None
    if ground is None and summaries is None:
        return None
    return {"thresholds": thresholds(), "groups": ground, "summaries": summaries}
