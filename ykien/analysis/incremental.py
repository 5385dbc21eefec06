"""Opinion groups that carry over from one refresh to the next, as Polis keeps them.

Polis does not recompute its groups from nothing: every time votes arrive (its math
worker polls for them every second) it starts the PCA and its base clusters from the
previous run's, and never drops a participant it once clustered. Its groups therefore
depend on the conversation's history, and a one-off computation on the final votes
(`opinion_groups.opinion_groups`, the *cold start*) finds a different partition.

This module keeps that history in a `GroupState` (plain data, JSON-ready) and updates it:

- `update(state, matrix)`: one refresh. The PCA starts from the previous components (and
  keeps their signs, so positions do not flip); participants with at least
  min(7, comments voted on) votes join the clustered set and stay in it (topped up to 15
  by most votes); the base clusters (k = 100) start from the previous ones (members
  recentred on their new positions, new clusters split off at the most distant
  participant, at most 100 Lloyd steps until the centres move less than 0.01).
- The groups (k = 2 … 5, at most 20 Lloyd steps, weighted by base-cluster size) start
  from the first k distinct base centres in base-id order, and the k with the best
  silhouette wins. That is what Polis's published output is: its stored state keeps the
  PCA, the clustered set and the base clusters but not the groupings of each k nor the k
  smoother, so each reload of the worker starts those afresh; from Polis's own base
  clusters this step gives Polis's groups exactly. (`k_buffer` > 1 restores the smoother
  of one worker's run: a new k only after it has won that many refreshes in a row.)
- Group ids are stable: each group keeps the id of the previous refresh's group it
  shares the most participants with (and so its name and colour); a new group takes the
  smallest free id.
- `replay(votes, times, …)`: the votes of a conversation in time order, one refresh per
  batch (all votes within `batch_seconds` of the batch's first, default 1 s as Polis
  polls), the way the Polis math worker sees them arrive.
- `place(state, matrix)`: participants outside the clustered set (too few votes) are
  given the group of the nearest group centre, marked as placed, not clustered.

- The math of the day (`math=LEGACY_2014`, or `replay(legacy_until=…)` for the refreshes
  before a date): Polis's first math worker (`pol-is/polisMath`, 2014–16) filled a missing
  vote with 0 before centring (not with the comment's mean), projected only the cells
  voted on, and ran 10 power iterations, 50 base clusters with 10 Lloyd steps, and groups
  warm-started per k with 10 steps and the k smoother of 4 refreshes. A conversation
  voted on across the change was built under both.

The k-means here is written from Polis's published description: the first clustering
takes the first k distinct positions as centres (no random start), so a replay is
deterministic.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import sparse

from ykien.analysis.opinion_groups import (
    MAX_GROUPS,
    MIN_CLUSTERED,
    MIN_VOTES,
    BoolArray,
    FloatArray,
    IntArray,
    OpinionGroups,
    VoteMatrix,
    build_vote_matrix,
    centred_matrix,
    principal_components,
    silhouette,
)

__all__ = [
    "BASE_ITERS",
    "CURRENT",
    "GROUP_ITERS",
    "K_BUFFER",
    "LEGACY_2014",
    "POLL_SECONDS",
    "Cluster",
    "GroupState",
    "Refresh",
    "kmeans",
    "place",
    "replay",
    "state_from",
    "update",
]

BASE_K = 100
BASE_ITERS = 100
GROUP_ITERS = 20
K_BUFFER = 4  # Polis's k smoother (opt-in: `update(k_buffer=K_BUFFER)`)
POLL_SECONDS = 1.0  # Polis's math worker polls for new votes every second
SAME = 0.01  # centres closer than this: the clustering has settled
PCA_TOL = 1e-6  # residual of the warm-started power iteration (the start is already close)

CURRENT = "current"  # Polis's math since the column-mean fill (the default)
LEGACY_2014 = "2014"  # pol-is/polisMath: missing votes as 0, 10 iterations, 50 base clusters
LEGACY_BASE_K = 50
LEGACY_ITERS = 10  # PCA power iterations, base and group Lloyd steps


@dataclass
class Cluster:
    id: int
    members: list[Any]  # participant ids (base clusters) or base-cluster ids (groups)
    center: FloatArray

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": int(self.id),
            "members": [m.item() if isinstance(m, np.generic) else m for m in self.members],
            "center": [float(x) for x in self.center],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Cluster:
        return cls(int(data["id"]), list(data["members"]), np.asarray(data["center"], float))


# --------------------------------------------------------------------------------------
# Polis's k-means, with a warm start
# --------------------------------------------------------------------------------------


def _centres(
    points: FloatArray, labels: IntArray, n: int, weights: FloatArray | None
) -> FloatArray:
    """Weighted mean position of each label 0..n-1 (rows labelled -1 are left out)."""
    inside = labels >= 0
    w = np.ones(len(points)) if weights is None else weights
    mass = np.bincount(labels[inside], weights=w[inside], minlength=n)
    out = np.empty((n, points.shape[1]))
    for axis in range(points.shape[1]):
        total = np.bincount(labels[inside], weights=(w * points[:, axis])[inside], minlength=n)
        out[:, axis] = total / np.maximum(mass, 1e-300)
    return out


def _compact(labels: IntArray, ids: list[int]) -> tuple[IntArray, list[int]]:
    """Drop the clusters without members, renumbering the labels."""
    used = np.zeros(len(ids), np.bool_)
    used[labels[labels >= 0]] = True
    remap = np.full(len(ids), -1, np.int64)
    remap[used] = np.arange(int(used.sum()))
    out = np.where(labels >= 0, remap[np.maximum(labels, 0)], -1)
    return out, [i for i, u in zip(ids, used, strict=True) if u]


def _clean_start(
    points: FloatArray,
    names: list[Any],
    last: Sequence[Cluster],
    k: int,
    weights: FloatArray | None,
) -> tuple[IntArray, list[int], FloatArray]:
    """The previous clusters, ready for new data: members that are gone removed, centres
    recomputed from the members' new positions, identical centres merged, and while there
    are fewer clusters than k (and distinct positions), a new cluster split off at the
    position farthest from every centre. Returns (labels, ids, centres); new data rows
    are labelled -1 (in no cluster yet)."""
    row = {name: i for i, name in enumerate(names)}
    labels = np.full(len(names), -1, np.int64)
    ids: list[int] = []
    for c in last:
        rows = [row[m] for m in c.members if m in row]
        if rows:
            labels[rows] = len(ids)
            ids.append(int(c.id))
    if not ids:
        new_id = max((int(c.id) for c in last), default=-1) + 1
        labels[:] = 0
        return labels, [new_id], _centres(points, labels, 1, weights)
    centres = _centres(points, labels, len(ids), weights)
    # merge clusters whose centres are identical (the id of the larger one is kept)
    size = np.bincount(labels[labels >= 0], minlength=len(ids))
    first: dict[tuple[float, ...], int] = {}
    remap = np.arange(len(ids))
    for j in range(len(ids)):
        key = tuple(centres[j].tolist())
        if key in first:
            keep = first[key]
            if size[j] > size[keep]:
                ids[keep] = ids[j]
            size[keep] += size[j]
            remap[j] = keep
        else:
            first[key] = j
    if (remap != np.arange(len(ids))).any():
        labels = np.where(labels >= 0, remap[np.maximum(labels, 0)], -1)
        labels, ids = _compact(labels, ids)
    possible = min(k, len(np.unique(points, axis=0)))
    while True:
        centres = _centres(points, labels, len(ids), weights)
        if len(ids) >= possible:
            return labels, ids, centres
        d2 = ((points[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
        nearest = d2.min(axis=1)
        far = int(np.argmax(nearest))
        if nearest[far] <= 0:
            return labels, ids, centres
        labels[far] = len(ids)
        ids.append(max(ids) + 1)
        labels, ids = _compact(labels, ids)


def _same(a: FloatArray, b: FloatArray) -> bool:
    """Polis's test: the sorted centres pairwise closer than `SAME` (zipped: a clustering
    that lost a cluster can still count as settled)."""
    sa = a[np.lexsort(a.T[::-1])]
    sb = b[np.lexsort(b.T[::-1])]
    m = min(len(sa), len(sb))
    return bool((np.sqrt(((sa[:m] - sb[:m]) ** 2).sum(axis=1)) < SAME).all())


def kmeans(
    points: FloatArray,
    names: ArrayLike,
    k: int,
    *,
    last: Sequence[Cluster] | None = None,
    max_iters: int = GROUP_ITERS,
    weights: FloatArray | None = None,
) -> list[Cluster]:
    """Polis's k-means: from `last` (warm start) or the first k distinct positions, Lloyd
    steps until the centres move less than `SAME` or `max_iters` steps have run. Empty
    clusters are dropped. Returns the clusters sorted by id."""
    name_list = [
        n.item() if isinstance(n, np.generic) else n
        for n in np.asarray(names, dtype=object).tolist()
    ]
    if not len(points):
        return []
    if last:
        _, ids, centres = _clean_start(points, name_list, last, k, weights)
    else:
        _, first = np.unique(points, axis=0, return_index=True)
        first = np.sort(first)[:k]
        ids = list(range(len(first)))
        centres = points[first].astype(np.float64)
    labels = np.full(len(points), -1, np.int64)
    for remaining in range(max_iters, -1, -1):
        d2 = ((points[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
        labels = d2.argmin(axis=1).astype(np.int64)
        labels, new_ids = _compact(labels, ids)
        new_centres = _centres(points, labels, len(new_ids), weights)
        settled = _same(centres, new_centres)
        ids, centres = new_ids, new_centres
        if remaining == 0 or settled:
            break
    order = np.argsort(ids, kind="stable")
    members: list[list[Any]] = [[] for _ in ids]
    for i, lab in enumerate(labels.tolist()):
        members[lab].append(name_list[i])
    return [Cluster(int(ids[j]), members[j], centres[j].copy()) for j in order]


# --------------------------------------------------------------------------------------
# The state and one refresh
# --------------------------------------------------------------------------------------


@dataclass
class GroupState:
    """What Polis remembers between refreshes (JSON-ready with `as_dict`): the PCA
    components, who is clustered, the base clusters, and (ours, for stable ids) the groups
    shown last time and the k smoother."""

    components: FloatArray | None = None  # (2, n_comments) for `comment_ids`
    comment_ids: list[Any] = field(default_factory=list)
    in_conv: set[Any] = field(default_factory=set)
    base: list[Cluster] = field(default_factory=list)
    groups: list[Cluster] = field(default_factory=list)  # members: base-cluster ids
    # the grouping of each k, kept only by the 2014 math (warm-started per k)
    groupings: dict[int, list[Cluster]] = field(default_factory=dict)
    last_k: int | None = None
    last_k_count: int = 0
    smoothed_k: int | None = None
    refreshes: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "components": None if self.components is None else self.components.tolist(),
            "comment_ids": [c.item() if isinstance(c, np.generic) else c for c in self.comment_ids],
            "in_conv": sorted(p.item() if isinstance(p, np.generic) else p for p in self.in_conv),
            "base": [c.as_dict() for c in self.base],
            "groups": [c.as_dict() for c in self.groups],
            "groupings": {str(k): [c.as_dict() for c in v] for k, v in self.groupings.items()},
            "last_k": self.last_k,
            "last_k_count": self.last_k_count,
            "smoothed_k": self.smoothed_k,
            "refreshes": self.refreshes,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GroupState:
        comps = data.get("components")
        groups = data.get("groups")
        if groups is None:  # a state saved before `groups`: the groupings of each k
            groups = data.get("groupings", {}).get(str(data.get("smoothed_k")), [])
        return cls(
            components=None if comps is None else np.asarray(comps, float),
            comment_ids=list(data.get("comment_ids", [])),
            in_conv=set(data.get("in_conv", [])),
            base=[Cluster.from_dict(c) for c in data.get("base", [])],
            groups=[Cluster.from_dict(c) for c in groups],
            groupings={
                int(k): [Cluster.from_dict(c) for c in v]
                for k, v in (data.get("groupings") or {}).items()
                if "groups" in data
            },
            last_k=data.get("last_k"),
            last_k_count=int(data.get("last_k_count", 0)),
            smoothed_k=data.get("smoothed_k"),
            refreshes=int(data.get("refreshes", 0)),
        )


@dataclass(frozen=True)
class Refresh:
    """The result of one refresh: every participant's group (-1: none) and whether it
    came from clustering or from placement by the nearest centre."""

    participant_ids: NDArray[Any]
    projections: FloatArray
    clustered: BoolArray
    group: IntArray  # group id, -1 when not clustered (see `placed`)
    placed: IntArray  # nearest group id for the others who voted, -1 otherwise
    group_ids: list[int]
    group_centers: FloatArray
    silhouettes: dict[int, float]

    def group_of(self, *, include_placed: bool = False) -> dict[Any, int | None]:
        out: dict[Any, int | None] = {}
        for pid, g, p in zip(self.participant_ids.tolist(), self.group, self.placed, strict=True):
            value = int(g) if g >= 0 else (int(p) if include_placed and p >= 0 else None)
            out[pid] = value
        return out


def _aligned_components(
    x: Any, state: GroupState, comment_ids: NDArray[Any], seed: int
) -> FloatArray:
    """Two components, started from the previous ones (mapped onto the current comments)
    and turned to keep the previous signs."""
    start = None
    previous = None
    if state.components is not None and len(state.comment_ids):
        col = {c: i for i, c in enumerate(comment_ids.tolist())}
        previous = np.zeros((2, len(comment_ids)))
        for j, c in enumerate(state.comment_ids):
            i = col.get(c)
            if i is not None:
                previous[:, i] = state.components[:, j]
        if np.linalg.norm(previous) > 0:
            start = previous
    comps, _, _ = principal_components(x, 2, seed=seed, start=start, tol=PCA_TOL)
    if previous is not None:
        for i in range(2):
            if float(comps[i] @ previous[i]) < 0:
                comps[i] = -comps[i]
    return comps


def _projections(matrix: VoteMatrix, x: Any, comps: FloatArray, moderated: BoolArray) -> FloatArray:
    raw = np.asarray(x @ comps.T)
    cast = np.diff(matrix.indptr).astype(np.float64)
    if moderated.any():
        on_out = np.bincount(
            matrix.row_of_vote()[moderated[matrix.indices]], minlength=matrix.n_participants
        )
        cast = cast - on_out + int(moderated.sum())
    scale = np.sqrt(matrix.n_comments / np.maximum(cast, 1.0))
    return raw * scale[:, None]


def _legacy_projection(
    matrix: VoteMatrix, state: GroupState, seed: int
) -> tuple[FloatArray, FloatArray]:
    """The 2014 math (`pol-is/polisMath` `pca.clj`): a missing vote is 0, the columns are
    centred on that matrix's means, two components by power iteration (10 iterations, plus
    the one its loop adds; each started from the previous refresh's component, new comments
    padded with 1, else at random; the second after removing the first), and a participant
    projected on the cells they voted on only, scaled by sqrt(comments / votes).
    Moderation did not enter the PCA then. Returns (components, projections)."""
    n_p, n_c = matrix.n_participants, matrix.n_comments
    votes = sparse.csr_matrix(
        (matrix.values.astype(np.float64), matrix.indices, matrix.indptr), shape=(n_p, n_c)
    )
    votes_t = votes.T.tocsr()
    center = np.asarray(votes.sum(axis=0)).ravel() / max(n_p, 1)
    rng = np.random.default_rng(seed)
    col = {c: i for i, c in enumerate(matrix.comment_ids.tolist())}
    starts: list[FloatArray | None] = [None, None]
    if state.components is not None and len(state.comment_ids):
        for k in range(min(2, len(state.components))):
            start = np.ones(n_c)
            for j, c in enumerate(state.comment_ids):
                i = col.get(c)
                if i is not None:
                    start[i] = state.components[k, j]
            starts[k] = start if np.any(state.components[k]) else None
    pcs: list[FloatArray] = []

    def deflate(v: FloatArray) -> FloatArray:
        for pc in pcs:
            norm = float(pc @ pc)
            if norm > 0:
                v = v - (float(pc @ v) / norm) * pc
        return v

    for k in range(min(2, n_c, n_p)):
        given = starts[k]
        vec: FloatArray = given if given is not None else rng.random(n_c)
        last = 0.0
        for remaining in range(LEGACY_ITERS, -1, -1):
            v = deflate(vec)
            y = votes @ v - float(center @ v)
            product = deflate(votes_t @ y - center * float(y.sum()))
            value = float(np.linalg.norm(product))
            vec = product / value if value > 0 else product
            if remaining == 0 or value == last:
                break
            last = value
        pcs.append(vec)
    while len(pcs) < 2:
        pcs.append(np.zeros(n_c))
    comps = np.stack(pcs)
    voted = sparse.csr_matrix(
        (np.ones(len(matrix.indices)), matrix.indices, matrix.indptr), shape=(n_p, n_c)
    )
    raw = np.asarray(votes @ comps.T) - np.asarray(voted @ (center[:, None] * comps.T))
    cast = np.diff(matrix.indptr).astype(np.float64)
    return comps, raw * np.sqrt(n_c / np.maximum(cast, 1.0))[:, None]


def _in_conv(
    state: GroupState, matrix: VoteMatrix, order: IntArray, min_votes: int, min_clustered: int
) -> set[Any]:
    ids = matrix.participant_ids.tolist()
    counts = matrix.votes_per_participant()
    keep = set(state.in_conv)
    threshold = min(min_votes, matrix.n_comments)
    keep |= {ids[i] for i in np.flatnonzero(counts >= max(threshold, 1))}
    if len(keep) < min_clustered:
        rest = [i for i in order.tolist() if ids[i] not in keep and counts[i] > 0]
        rest.sort(key=lambda i: -counts[i])  # stable: ties by first vote
        keep |= {ids[i] for i in rest[: min_clustered - len(keep)]}
    return keep


def update(
    state: GroupState,
    matrix: VoteMatrix,
    *,
    moderated_out: Collection[Any] = (),
    first_vote_order: ArrayLike | None = None,
    seed: int = 0,
    base_k: int = BASE_K,
    max_groups: int = MAX_GROUPS,
    min_votes: int = MIN_VOTES,
    min_clustered: int = MIN_CLUSTERED,
    k_buffer: int = 1,
    math: str = CURRENT,
) -> tuple[Refresh, GroupState]:
    """One refresh of the groups from `state` with the votes in `matrix` (all votes so
    far). `first_vote_order` lists the matrix rows in the order participants first voted
    (default: the matrix's row order). With `k_buffer` > 1 the number of groups changes
    only after the same new k has had the best silhouette that many refreshes in a row
    (default 1: Polis's published groups, see the module docstring). `math=LEGACY_2014`
    computes this refresh with the 2014 math (see the module docstring; base clusters
    `LEGACY_BASE_K` unless `base_k` is given otherwise, groups warm-started per k, the k
    smoother of `K_BUFFER`). Returns the refresh and the new state (`state` is not changed)."""
    if math not in (CURRENT, LEGACY_2014):
        raise ValueError(f"unknown math {math!r}")
    legacy = math == LEGACY_2014
    if legacy:
        base_k = LEGACY_BASE_K if base_k == BASE_K else base_k
        k_buffer = max(k_buffer, K_BUFFER)
    n_p = matrix.n_participants
    order = (
        np.asarray(first_vote_order, dtype=np.int64)
        if first_vote_order is not None
        else (
            np.argsort(matrix.first_vote_rank, kind="stable")
            if matrix.first_vote_rank is not None
            else np.arange(n_p)
        )
    )
    moderated = np.isin(matrix.comment_ids, np.asarray(list(moderated_out)))
    if legacy:
        comps, proj = _legacy_projection(matrix, state, seed)
    else:
        x, _ = centred_matrix(matrix, moderated)
        comps = _aligned_components(x, state, matrix.comment_ids, seed)
        proj = _projections(matrix, x, comps, moderated)
    in_conv = _in_conv(state, matrix, order, min_votes, min_clustered)
    ids = matrix.participant_ids
    ids_list = ids.tolist()
    rows = np.asarray([i for i in order.tolist() if ids_list[i] in in_conv], dtype=np.int64)
    new = GroupState(
        components=comps,
        comment_ids=matrix.comment_ids.tolist(),
        in_conv=in_conv,
        groupings=state.groupings,
        last_k=state.last_k,
        last_k_count=state.last_k_count,
        smoothed_k=state.smoothed_k,
        refreshes=state.refreshes + 1,
    )
    clustered = np.zeros(n_p, np.bool_)
    group = np.full(n_p, -1, np.int64)
    placed = np.full(n_p, -1, np.int64)
    scores: dict[int, float] = {}
    if not len(rows):
        return Refresh(ids, proj, clustered, group, placed, [], np.zeros((0, 2)), scores), new
    clustered[rows] = True
    base = kmeans(
        proj[rows],
        ids[rows],
        base_k,
        last=state.base or None,
        max_iters=LEGACY_ITERS if legacy else BASE_ITERS,
    )
    new.base = base
    base_ids = np.asarray([c.id for c in base], dtype=object)
    base_centers = np.stack([c.center for c in base])
    base_weights = np.asarray([len(c.members) for c in base], dtype=np.float64)
    top_k = min(max_groups, 2 + len(base) // 12)
    groupings: dict[int, list[Cluster]] = {}
    for k in range(2, top_k + 1):
        if len(base) < k:
            continue
        # A cold start from the first k distinct base centres (by base id), as Polis after
        # every reload: its stored state keeps the base clusters, not the groupings. The
        # 2014 math warm-started each k from its last grouping (one worker's memory).
        groups = kmeans(
            base_centers,
            base_ids,
            k,
            last=state.groupings.get(k) if legacy else None,
            max_iters=LEGACY_ITERS if legacy else GROUP_ITERS,
            weights=base_weights,
        )
        groupings[k] = groups
        label = {m: i for i, g in enumerate(groups) for m in g.members}
        labels = np.asarray([label[b] for b in base_ids.tolist()], dtype=np.int64)
        scores[k] = silhouette(base_centers, labels) if len(groups) > 1 else 0.0
    if not groupings:
        return Refresh(ids, proj, clustered, group, placed, [], np.zeros((0, 2)), scores), new
    best = max(scores.values())
    this_k = max(k for k, v in scores.items() if v == best)  # ties: the larger k, as Polis
    count = state.last_k_count + 1 if state.last_k == this_k else 1
    smoothed = this_k if count >= k_buffer or state.smoothed_k is None else state.smoothed_k
    if smoothed not in groupings:
        smoothed = this_k
    new.last_k, new.last_k_count, new.smoothed_k = this_k, count, smoothed
    if legacy:
        new.groupings = groupings
    chosen = _keep_ids(groupings[smoothed], state, base)
    new.groups = chosen
    base_group = {m: g.id for g in chosen for m in g.members}
    row_of = {pid: i for i, pid in enumerate(ids_list)}
    for c in base:
        gid = base_group[c.id]
        for m in c.members:
            group[row_of[m]] = gid
    group_ids = [g.id for g in chosen]
    centers = np.stack([g.center for g in chosen])
    others = np.flatnonzero(~clustered & (matrix.votes_per_participant() > 0))
    if len(others):
        dist = ((proj[others, None, :] - centers[None, :, :]) ** 2).sum(axis=2)
        placed[others] = np.asarray(group_ids)[dist.argmin(axis=1)]
    return Refresh(ids, proj, clustered, group, placed, group_ids, centers, scores), new


def _keep_ids(groups: list[Cluster], state: GroupState, base: list[Cluster]) -> list[Cluster]:
    """The groups renumbered so that each keeps the id of the previous refresh's group it
    shares the most participants with (pairs taken by most shared, each id once); the
    others take the smallest ids left. Sorted by id."""
    if not state.groups:
        return groups
    old_base = {c.id: c.members for c in state.base}
    before = {p: g.id for g in state.groups for b in g.members for p in old_base.get(b, [])}
    members = {c.id: c.members for c in base}
    shared: list[tuple[int, int, int]] = []
    for j, g in enumerate(groups):
        tally: dict[int, int] = {}
        for b in g.members:
            for p in members[b]:
                old = before.get(p)
                if old is not None:
                    tally[old] = tally.get(old, 0) + 1
        shared += [(n, j, old) for old, n in tally.items()]
    new_id: dict[int, int] = {}
    taken: set[int] = set()
    for _, j, old in sorted(shared, key=lambda x: (-x[0], x[1], x[2])):
        if j not in new_id and old not in taken:
            new_id[j] = old
            taken.add(old)
    free = (i for i in range(len(groups) + len(taken)) if i not in taken)
    out = [
        Cluster(new_id[j] if j in new_id else next(free), g.members, g.center)
        for j, g in enumerate(groups)
    ]
    return sorted(out, key=lambda c: c.id)


def place(refresh: Refresh) -> dict[Any, int | None]:
    """Every participant who voted, with a group: clustered ones by their base cluster,
    the others by the nearest group centre."""
    return refresh.group_of(include_placed=True)


# --------------------------------------------------------------------------------------
# Replaying a conversation
# --------------------------------------------------------------------------------------


def _batches(times: FloatArray, batch_seconds: float) -> Iterator[int]:
    """End positions (exclusive) of consecutive batches of time-sorted votes: a batch
    holds the votes within `batch_seconds` of its first one."""
    n = len(times)
    start = 0
    while start < n:
        end = int(np.searchsorted(times, times[start] + batch_seconds, side="right"))
        end = max(end, start + 1)
        yield end
        start = end


def replay(
    participants: ArrayLike,
    comments: ArrayLike,
    votes: ArrayLike,
    timestamps: ArrayLike,
    *,
    batch_seconds: float = POLL_SECONDS,
    moderated_out: Collection[Any] = (),
    state: GroupState | None = None,
    max_refreshes: int | None = None,
    legacy_until: float | None = None,
    **options: Any,
) -> tuple[Refresh, GroupState]:
    """The votes in time order, one refresh per batch (see `_batches`); the last
    refresh and state. With `max_refreshes`, batches are widened so that at most that
    many refreshes run (the last one always sees every vote). With `legacy_until` (a
    time in the timestamps' unit), a refresh whose last vote is earlier runs the 2014
    math (`LEGACY_2014`): the math of the day, for conversations voted on before Polis
    changed it."""
    p = np.asarray(participants)
    c = np.asarray(comments)
    v = np.asarray(votes)
    t = np.asarray(timestamps, dtype=np.float64)
    if not len(v):
        raise ValueError("no votes to replay")
    order = np.argsort(t, kind="stable")
    p, c, v, t = p[order], c[order], v[order], t[order]
    ends = list(_batches(t, batch_seconds))
    if max_refreshes is not None and len(ends) > max_refreshes:
        pick = np.linspace(0, len(ends) - 1, max_refreshes).round().astype(int)
        ends = [ends[i] for i in sorted(set(pick.tolist()))]
    current = state if state is not None else GroupState()

    def math_at(end: int) -> str:
        return LEGACY_2014 if legacy_until is not None and t[end - 1] < legacy_until else CURRENT

    for end in ends[:-1]:
        matrix = build_vote_matrix(p[:end], c[:end], v[:end], t[:end])
        _, current = update(
            current, matrix, moderated_out=moderated_out, math=math_at(end), **options
        )
    matrix = build_vote_matrix(p, c, v, t)
    return update(current, matrix, moderated_out=moderated_out, math=math_at(len(t)), **options)


def state_from(result: OpinionGroups) -> GroupState:
    """A state that continues from a cold-start result (`opinion_groups.opinion_groups`):
    its clustered participants, base clusters and groups (ids: the result's group
    numbers), as if its number of groups had been settled for `K_BUFFER` refreshes."""
    ids = [p.item() if isinstance(p, np.generic) else p for p in result.participant_ids.tolist()]
    state = GroupState(
        components=result.pca.components.copy(),
        comment_ids=[
            c.item() if isinstance(c, np.generic) else c for c in result.comment_ids.tolist()
        ],
        in_conv={ids[i] for i in np.flatnonzero(result.clustered)},
    )
    members: dict[int, list[Any]] = {}
    for i, b in enumerate(result.base_cluster.tolist()):
        if b >= 0:
            members.setdefault(b, []).append(ids[i])
    state.base = [
        Cluster(b, members.get(b, []), result.base_centers[b].copy())
        for b in range(len(result.base_centers))
        if members.get(b)
    ]
    k = result.n_groups
    if k >= 2:
        group_of_base: dict[int, int] = {}
        for i, b in enumerate(result.base_cluster.tolist()):
            if b >= 0 and result.group[i] >= 0:
                group_of_base[b] = int(result.group[i])
        state.groups = [
            Cluster(
                g,
                [b for b, gg in sorted(group_of_base.items()) if gg == g],
                result.group_centers[g].copy(),
            )
            for g in range(k)
        ]
        state.last_k = state.smoothed_k = k
        state.last_k_count = K_BUFFER
    return state
