"""What each analysis of a draft computes, from the consultations' records through the
algorithms of the library ``ykien.analysis`` (imported when a run starts: they load numpy,
scikit-learn and pyvi): duplicate groups and campaigns, topics with their summaries by stance,
opinion groups with common ground and differences. Called by ``analysis.analysis_run_execute``;
each function takes the draft and a progress callback and returns the JSON of the result."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any

import numpy as np
from django.conf import settings
from django.utils import timezone

from ykien.consultations import selectors, selectors_analysis
from ykien.consultations.models import AnalysisKind, Draft
from ykien.core.models import User

EXCERPT = 280  # characters of a comment kept in a result
MAX_POINTS = 5000  # participants drawn in the scatter plot

Progress = Callable[[int], None]


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"


EVIDENCE_GROUPS = 30  # largest groups explained with a template, flagged or not
MAX_EXPLAINED = 300  # flagged groups explained, largest first (each takes up to a second)
MIN_CAMPAIGN = 3  # copies before a group can be flagged as a campaign


def _new_identities(draft_id: int, keys: set[str]) -> set[str]:
    """Participant keys of accounts created once the draft was open for comments."""
    draft = Draft.objects.get(pk=draft_id)
    since: dt.datetime | None = draft.published_at
    if draft.comment_start is not None:
        since = dt.datetime.combine(
            draft.comment_start, dt.time.min, tzinfo=timezone.get_current_timezone()
        )
    if since is None:
        return set()
    ids = [int(key[2:]) for key in keys if key.startswith("u:") and key[2:].isdigit()]
    fresh = User.objects.filter(pk__in=ids, date_joined__gte=since).values_list("pk", flat=True)
    return {f"u:{pk}" for pk in fresh}


def compute_duplicates(draft_id: int, progress: Progress) -> dict[str, Any]:
    from ykien.analysis.campaigns import evidence
    from ykien.analysis.duplicates import campaigns, duplicate_groups

    rows = selectors.draft_comment_rows(draft_id=draft_id)
    progress(10)
    texts = [r[1] for r in rows]
    groups = duplicate_groups(texts)
    progress(60)
    grouped_keys = {rows[i][3] for g in groups for i in g.members}
    new = _new_identities(draft_id, grouped_keys)
    times = [r[2].timestamp() for r in rows]
    keys = [r[3] for r in rows]
    flagged = {
        c.group: list(c.reasons)
        for c in campaigns(
            groups, timestamps=times, author_ids=keys, new_authors=new, min_size=MIN_CAMPAIGN
        )
    }
    progress(75)
    out_groups = []
    for rank, g in enumerate(groups):
        entry: dict[str, Any] = {
            "group": g.group,
            "size": g.size,
            "campaign": flagged.get(g.group, []),
            "members": [{"id": rows[i][0], "text": _excerpt(rows[i][1])} for i in g.members],
        }
        if rank < EVIDENCE_GROUPS or (g.group in flagged and rank < MAX_EXPLAINED):
            entry["evidence"] = evidence(
                [texts[i] for i in g.members],
                timestamps=[times[i] for i in g.members],
                identities=[keys[i] for i in g.members],
                new_identities=new,
                reasons=flagged.get(g.group, []),
            )
        out_groups.append(entry)
    progress(95)
    return {"comments": len(rows), "groups": out_groups}


def compute_topics(draft_id: int, progress: Progress) -> dict[str, Any]:
    """Topics of the draft's comments, each with its key phrases and, kept apart by the
    comments' stance, what those who agree say, what those who disagree say and what is
    proposed instead; every summary sentence as a citizen wrote it, with its comments. The same
    per clause (``clauses``, in document order; the comments on the whole draft count as one
    clause per version), each from that clause's comments only; clauses with fewer analysable
    comments than ``topics.MIN_CLAUSE_COMMENTS`` are counted in ``clauses_skipped``."""
    from ykien.analysis.topics import DEFAULT_MAX_CHARS, MIN_CLAUSE_COMMENTS, topics

    rows = selectors.draft_comment_rows(draft_id=draft_id)
    progress(10)
    texts = [r[1] for r in rows]
    if not texts:
        return {
            "comments": 0,
            "topics": [],
            "skipped": {},
            "method": "",
            "used": 0,
            "clauses": [],
            "clauses_skipped": 0,
            "clause_minimum": MIN_CLAUSE_COMMENTS,
        }
    stance_of = selectors_analysis.comment_stance_by_id(draft_id=draft_id)
    stances = [stance_of.get(r[0], "") for r in rows]
    # Each clause (a node of a version; the whole draft, per version) numbered in document order.
    number_of: dict[tuple[int, int | None], int] = {}
    clause_info: list[tuple[int, int | None, str]] = []
    clause_of_comment: dict[int, int] = {}
    for pk, version, node_id, label in selectors_analysis.comment_clauses(draft_id=draft_id):
        key = (version, node_id)
        if key not in number_of:
            number_of[key] = len(clause_info)
            clause_info.append((version, node_id, label))
        clause_of_comment[pk] = number_of[key]
    # A comment posted between the two reads has no clause here: -1, left out below.
    clauses = [clause_of_comment.get(r[0], -1) for r in rows]
    per_clause = np.bincount(np.asarray([c for c in clauses if c >= 0], dtype=np.int64))
    found = topics(texts, stances=stances, clauses=clauses)
    progress(90)
    data = found.as_dict()
    # Comments longer than the analysis' piece are analysed whole, in pieces: said on the screen
    # with how many there were and the longest one's length (none is cut).
    longest = max((len(t) for t in texts), default=0)

    def sentences(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{"text": x["text"], "sources": [rows[i][0] for i in x["sources"]]} for x in items]

    def quoted(items: Any) -> list[dict[str, Any]]:
        return [{"text": x.text, "sources": [rows[i][0] for i in x.sources]} for x in items]

    return {
        "clauses": [
            {
                "version": clause_info[c.clause][0],
                "node": clause_info[c.clause][1],
                "label": clause_info[c.clause][2],
                "comments": int(per_clause[c.clause]),
                "size": c.size,
                "key_phrases": list(c.key_phrases),
                "by_stance": [
                    {"stance": stance, "sentences": quoted(part)} for stance, part in c.by_stance
                ],
            }
            for c in found.clauses
            if c.clause >= 0
        ],
        "clauses_skipped": sum(1 for c in found.clauses_skipped if c >= 0),
        "clause_minimum": MIN_CLAUSE_COMMENTS,
        "comments": len(rows),
        "method": data["method"],
        "used": data["used"],
        "skipped": {k: v for k, v in data["skipped"].items() if v},
        "pieced": {"count": data["pieced"], "longest": longest, "piece": DEFAULT_MAX_CHARS},
        "topics": [
            {
                "topic": t["topic"],
                "size": t["size"],
                "key_phrases": t["key_phrases"],
                "summary": t["summary"],
                "by_stance": [
                    {"stance": stance, "sentences": sentences(part)}
                    for stance, part in t["by_stance"].items()
                ],
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


def _pseudonym(key: str) -> str:
    """A participant key as kept in a result: a short hash (the state needs to know who was
    in which cluster last time, never who they are)."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:analysis:{key}".encode()).hexdigest()[:16]


def compute_opinion_groups(draft_id: int, progress: Progress) -> dict[str, Any]:
    """Opinion groups of the draft's voters. The first run is a cold start
    (`opinion_groups.opinion_groups`); each later run continues from the previous run's
    state (`incremental.update`), so a group keeps its number and colour. Also common
    ground and differences (`common_ground`), the bridging score, the routing weights
    (`routing`) and, per clause, where the groups' comments stand."""
    from ykien.analysis import common_ground as cg
    from ykien.analysis import incremental
    from ykien.analysis.opinion_groups import (
        build_vote_matrix,
        consensus,
        count_votes,
        opinion_groups,
        representative_comments,
    )
    from ykien.analysis.routing import extremity

    rows = selectors.draft_vote_rows(draft_id=draft_id)
    draft = Draft.objects.get(pk=draft_id)
    texts = {r.statement.pk: r.statement.text for r in selectors.statements(draft=draft, status="")}
    progress(10)
    out: dict[str, Any] = {"votes": len(rows), "participants": 0, "groups": [], "points": []}
    if not rows:
        out.update(
            consensus={"agree": [], "disagree": []},
            notes=[],
            n_clustered=0,
            common_ground=[],
            differences=[],
            clauses=[],
        )
        return out
    keys = [str(r[0]) for r in rows]
    pseudonyms = {key: _pseudonym(key) for key in set(keys)}
    matrix = build_vote_matrix(
        np.asarray([pseudonyms[k] for k in keys], dtype=object).astype(str),
        np.asarray([r[1] for r in rows], dtype=np.int64),
        np.asarray([r[2] for r in rows], dtype=np.int64),
        np.asarray([_seconds(r[3]) for r in rows], dtype=np.float64),
    )
    progress(30)
    previous = selectors_analysis.latest_done(draft_id=draft_id, kind=AnalysisKind.OPINION_GROUPS)
    state_data = previous.result.get("state") if previous is not None else None
    notes: list[str] = []
    if state_data:
        state = incremental.GroupState.from_dict(state_data)
        warm = True
    else:
        cold = opinion_groups(matrix)
        state = incremental.state_from(cold)
        warm = False
    refresh, state = incremental.update(state, matrix)
    progress(70)
    ids = refresh.group_ids
    index = {gid: j for j, gid in enumerate(ids)}
    group_index = np.asarray([index.get(int(g), -1) for g in refresh.group], dtype=np.int64)
    counts = count_votes(matrix, group_index, len(ids))
    moderated = np.zeros(matrix.n_comments, np.bool_)
    repness = (
        representative_comments(counts, matrix.comment_ids, moderated) if len(ids) >= 2 else {}
    )
    everyone = consensus(count_votes(matrix), matrix.comment_ids, moderated)
    bridging = cg.bridging_scores(matrix)
    standings = cg.classify(counts, matrix.comment_ids, bridging=bridging)
    if not ids:
        notes.append("no_groups")

    def statement(cid: Any) -> dict[str, Any]:
        return {"comment": int(cid), "text": texts.get(int(cid), "")}

    sizes = np.bincount(group_index[group_index >= 0], minlength=len(ids))
    placed = np.asarray([index.get(int(g), -1) for g in refresh.placed], dtype=np.int64)
    points = [
        [
            round(float(x), 4),
            round(float(y), 4),
            int(ids[g]) if g >= 0 else (int(ids[pl]) if pl >= 0 else -1),
            bool(g < 0 and pl >= 0),
        ]
        for (x, y), g, pl in zip(
            refresh.projections[:MAX_POINTS],
            group_index[:MAX_POINTS],
            placed[:MAX_POINTS],
            strict=True,
        )
    ]
    out.update(
        participants=matrix.n_participants,
        statements=matrix.n_comments,
        n_clustered=int(refresh.clustered.sum()),
        n_placed=int((placed >= 0).sum()),
        warm_start=warm,
        refreshes=state.refreshes,
        notes=notes,
        points=points,
        groups=[
            {
                "id": int(gid),
                "size": int(sizes[j]),
                "placed": int((placed == j).sum()),
                "center": [float(x) for x in refresh.group_centers[j]],
                "repness": [
                    {**r.as_dict(), "text": texts.get(int(r.comment), "")}
                    for r in repness.get(j, [])
                ],
            }
            for j, gid in enumerate(ids)
        ],
        consensus={
            side: [
                {**c.as_dict(), "text": texts.get(int(c.comment), "")}
                for c in getattr(everyone, side)
            ]
            for side in ("agree", "disagree")
        },
        common_ground=[
            {**s.as_dict(), **statement(s.comment)}
            for s in standings
            if s.kind in ("common_ground", "common_ground_against")
        ],
        differences=[
            {**s.as_dict(), **statement(s.comment)} for s in standings if s.kind == "difference"
        ],
        bridging=[
            {"comment": int(c), "text": texts.get(int(c), ""), "score": round(float(v), 4)}
            for c, v in sorted(
                (
                    (c, v)
                    for c, v in zip(bridging.comment_ids, bridging.intercept, strict=True)
                    if not np.isnan(v)
                ),
                key=lambda item: -item[1],
            )
        ],
        extremity={
            str(int(c)): round(float(e), 4)
            for c, e in zip(matrix.comment_ids, extremity(state.components, matrix), strict=True)
        },
        clauses=_clause_standings(draft_id, {pseudonyms[k]: k for k in pseudonyms}, refresh, index),
        state=state.as_dict(),
    )
    return out


def _clause_standings(
    draft_id: int, by_pseudonym: dict[str, str], refresh: Any, index: dict[int, int]
) -> list[dict[str, Any]]:
    """Per clause, the stances of the comments written by participants in each group
    (agree, disagree, another wording) and whether the groups share common ground there."""
    from ykien.analysis import common_ground as cg

    group_of_key: dict[str, int] = {}
    for pid, g, pl in zip(
        refresh.participant_ids.tolist(), refresh.group, refresh.placed, strict=True
    ):
        gid = int(g) if g >= 0 else int(pl)
        if gid in index:
            group_of_key[by_pseudonym.get(str(pid), "")] = index[gid]
    n_groups = len(index)
    tallies: dict[int | None, np.ndarray] = {}
    labels: dict[int | None, str] = {}
    for key, node_id, label, stance in selectors_analysis.comment_stances(draft_id=draft_id):
        g = group_of_key.get(key)
        if g is None:
            continue
        table = tallies.setdefault(node_id, np.zeros((n_groups, 3), np.int64))
        labels[node_id] = label
        table[g, {"agree": 0, "disagree": 1, "reword": 2}.get(stance, 2)] += 1
    out: list[dict[str, Any]] = []
    for node_id, table in tallies.items():
        seen = table.sum(axis=1)
        counts = cg.VoteCounts(
            agree=table[:, 0][:, None].astype(float),
            disagree=table[:, 1][:, None].astype(float),
            seen=seen[:, None].astype(float),
        )
        standing = cg.classify(counts, np.asarray([node_id if node_id is not None else 0]))[0]
        out.append(
            {
                "node": node_id,
                "label": labels[node_id],
                "kind": standing.kind,
                "agree": standing.agree,
                "disagree": standing.disagree,
                "reword": [int(x) for x in table[:, 2]],
                "seen": [int(x) for x in seen],
            }
        )
    order = {"common_ground": 0, "common_ground_against": 1, "difference": 2, "": 3}
    out.sort(key=lambda c: (order[str(c["kind"])], -sum(c["seen"])))
    return out


COMPUTE: dict[str, Callable[[int, Progress], dict[str, Any]]] = {
    AnalysisKind.DUPLICATES: compute_duplicates,
    AnalysisKind.TOPICS: compute_topics,
    AnalysisKind.OPINION_GROUPS: compute_opinion_groups,
}
