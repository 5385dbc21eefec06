"""Polis-compatible opinion groups over statement votes.

Pure functions over numpy / scipy arrays; nothing here imports Django, so the same code
runs in a web process, a task worker or a Dask worker.

The method follows the Polis math server (an independent implementation, written from
its published description):

1. The vote matrix: one row per participant, one column per comment, 1 = agree,
   -1 = disagree, 0 = pass; a re-vote replaces the earlier vote.
2. Missing votes are filled with the comment's mean and the matrix is centred. Filled
   cells are then exactly zero, so the centred matrix keeps the sparsity of the votes:
   ``X[p, c] = vote - mean[c]`` where ``p`` voted on ``c`` and 0 elsewhere. Moderated-out
   comments are zeroed, as Polis does.
3. Two principal components of ``X`` by (block) power iteration on ``X^T X``, computed with
   sparse matrix products only: the dense matrix is never built.
4. A participant's projection ``X[p] @ components`` is scaled by
   ``sqrt(n_comments / n_votes_cast)``, so that people who voted on few comments are not
   bunched at the centre. Like Polis, a zeroed (moderated-out) column counts as a vote.
5. Participants with at least ``min(7, n_comments)`` votes are clustered; if fewer than 15
   are, the set is topped up by most votes. (Polis also keeps in anyone it once let in;
   ``keep_first_voters=True`` mimics that with the first 15 voters by time.)
6. k-means with k = 100 over the projections gives base clusters; weighted k-means over
   the base centres for k = 2 .. min(5, 2 + n_base // 12), and the k with the best
   silhouette wins. A participant's group is the group of their base cluster.
7. Representative comments per group (``pa = (na + 1) / (ns + 2)``,
   ``ra = pa / pa_rest``, one- and two-proportion z-tests, both above 1.2816), plain
   consensus (what most participants agree or disagree on) and group-aware consensus
   (product over groups of ``(agrees_g + 1) / (seen_g + 2)``).
"""

from __future__ import annotations

import os
from collections.abc import Collection
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import sparse
from sklearn.cluster import KMeans
from threadpoolctl import threadpool_limits  # a dependency of scikit-learn

AGREE = 1
DISAGREE = -1
PASS = 0

#: One-sided z for 90 % confidence, the threshold Polis uses for every test.
Z_90 = 1.2816
MIN_VOTES = 7
MIN_CLUSTERED = 15
BASE_CLUSTERS = 100
MAX_GROUPS = 5
PICK_MAX = 5
#: A group must hold at least this share of the clustered participants (one or two
#: people far from everyone else are not an opinion group).
MIN_GROUP_SHARE = 0.05
#: k-means starts per k for the groups; the best silhouette among them is kept.
GROUP_STARTS = 40
#: How the run is chosen for each k: "silhouette" (the best separated) or "inertia".
GROUP_SELECT = "inertia"

Direction = Literal["agree", "disagree"]
FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

# Below this many stored votes a sparse product is too small to be worth a thread.
_THREADED_NNZ = 2_000_000
# k-means runs on one thread: on 2-D points OpenMP's start-up and spin-waiting cost about
# what the second core saves, and on a busy machine they double the time.
_KMEANS_THREADS = 1


# --------------------------------------------------------------------------------------
# The vote matrix
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VoteMatrix:
    """Votes as a CSR structure: row = participant, column = comment.

    ``values`` holds 1 / -1 / 0 and a stored 0 is a pass, not a missing vote, so the
    arrays are kept as they are rather than in a scipy matrix that could drop zeros.
    """

    participant_ids: NDArray[Any]
    comment_ids: NDArray[Any]
    indptr: IntArray
    indices: NDArray[np.int32]
    values: NDArray[np.int8]
    #: Rank of each participant by the time of their first vote (0 = first), when known.
    first_vote_rank: IntArray | None = None
    #: Earlier votes replaced by a re-vote on the same comment.
    replaced_votes: int = 0

    @property
    def n_participants(self) -> int:
        return len(self.participant_ids)

    @property
    def n_comments(self) -> int:
        return len(self.comment_ids)

    @property
    def n_votes(self) -> int:
        return len(self.values)

    def votes_per_participant(self) -> IntArray:
        return np.diff(self.indptr)

    def row_of_vote(self) -> NDArray[np.int32]:
        """The row index of every stored vote."""
        return np.repeat(
            np.arange(self.n_participants, dtype=np.int32), self.votes_per_participant()
        )

    def to_dense(self) -> FloatArray:
        """Dense matrix with NaN for a missing vote (for tests and small data only)."""
        out = np.full((self.n_participants, self.n_comments), np.nan)
        out[self.row_of_vote(), self.indices] = self.values
        return out


def _factorize(ids: NDArray[Any]) -> tuple[NDArray[Any], IntArray]:
    """Sorted unique ids and each element's index into them."""
    if ids.dtype.kind in "iu" and len(ids):
        lo, hi = int(ids.min()), int(ids.max())
        # Small non-negative integer ids (the usual case): a presence table is O(n).
        if lo >= 0 and hi <= 4 * len(ids) + 1_000_000:
            present = np.zeros(hi + 1, dtype=bool)
            present[ids] = True
            uniques = np.flatnonzero(present)
            lookup = np.cumsum(present, dtype=np.int64) - 1
            return uniques.astype(ids.dtype), lookup[ids]
    uniques, inverse = np.unique(ids, return_inverse=True)
    return uniques, inverse.astype(np.int64).ravel()


def _checked_votes(v: NDArray[Any]) -> NDArray[np.int8]:
    """The votes as int8; ``ValueError`` unless every one is 1, -1 or 0."""
    if not len(v):
        return np.zeros(0, dtype=np.int8)
    ok = v.dtype.kind in "iuf"
    if ok and v.dtype.kind == "f":
        ok = bool(np.isfinite(v).all())
    ok = ok and v.min() >= DISAGREE and v.max() <= AGREE
    if ok:
        v8 = v.astype(np.int8)
        if v.dtype.kind != "f" or np.array_equal(v8, v):
            return v8
    raise ValueError("votes must be 1 (agree), -1 (disagree) or 0 (pass)")


def build_vote_matrix(
    participants: ArrayLike,
    comments: ArrayLike,
    votes: ArrayLike,
    timestamps: ArrayLike | None = None,
) -> VoteMatrix:
    """Build the vote matrix from ``(participant, comment, vote, timestamp)`` rows.

    A re-vote replaces the earlier one: the vote with the latest timestamp wins, and at
    equal timestamps (or without timestamps) the later row wins. Votes must be 1, -1 or 0.
    Raises ``ValueError`` on arrays of different lengths or other vote values.
    """
    p = np.asarray(participants)
    c = np.asarray(comments)
    v = np.asarray(votes)
    n = len(v)
    if len(p) != n or len(c) != n:
        raise ValueError("participants, comments and votes must have the same length")
    if timestamps is not None:
        ts = np.asarray(timestamps, dtype=np.float64)
        if len(ts) != n:
            raise ValueError("timestamps must have the same length as votes")
        if not np.isfinite(ts).all():
            raise ValueError("timestamps must be finite numbers")
    else:
        ts = None
    v8 = _checked_votes(v)

    pids, prow = _factorize(p)
    cids, ccol = _factorize(c)
    n_c = len(cids)
    key = prow * n_c + ccol

    first_rank: IntArray | None = None
    if ts is not None and n:
        first = np.full(len(pids), np.inf)
        np.minimum.at(first, prow, ts)
        first_rank = np.empty(len(pids), dtype=np.int64)
        first_rank[np.argsort(first, kind="stable")] = np.arange(len(pids))

    # Fast path: sort (cell, vote) packed in one integer -- a plain sort, no gathers.
    packed = (key << 2) | (v8.astype(np.int64) + 1)
    packed.sort()
    skey = packed >> 2
    replaced = 0
    if n > 1 and bool((skey[1:] == skey[:-1]).any()):
        skey, values, replaced = _last_votes(key, v8, ts)
    else:
        values = ((packed & 3) - 1).astype(np.int8)
    del packed

    rows = skey // n_c if n_c else skey
    cols = (skey - rows * n_c).astype(np.int32)
    counts = np.bincount(rows, minlength=len(pids))
    indptr = np.zeros(len(pids) + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])

    return VoteMatrix(
        participant_ids=pids,
        comment_ids=cids,
        indptr=indptr,
        indices=cols,
        values=values,
        first_vote_rank=first_rank,
        replaced_votes=replaced,
    )


def _last_votes(
    key: IntArray, votes: NDArray[np.int8], ts: FloatArray | None
) -> tuple[IntArray, NDArray[np.int8], int]:
    """Sorted cell keys and their votes, keeping the last vote of each re-voted cell.

    Last = latest timestamp, then latest row. Only the cells voted more than once are
    ordered by time; the others keep their single vote.
    """
    n = len(key)
    order = np.argsort(key)
    skey = key[order]
    dup_next = skey[1:] == skey[:-1]
    in_run = np.zeros(n, dtype=bool)
    in_run[1:] |= dup_next
    in_run[:-1] |= dup_next
    run_pos = np.flatnonzero(in_run)
    run_rows = order[run_pos]
    tie = ts[run_rows] if ts is not None else np.zeros(len(run_rows))
    sub = np.lexsort((run_rows, tie, skey[run_pos]))
    sorted_keys = skey[run_pos][sub]
    last = np.ones(len(sub), dtype=bool)
    last[:-1] = sorted_keys[1:] != sorted_keys[:-1]
    # A cell's copies sit side by side, so keeping the winner's own slot keeps the order
    # sorted.
    keep = ~in_run
    keep[run_pos[sub][last]] = True
    order = order[keep]
    return skey[keep], votes[order], n - len(order)


# --------------------------------------------------------------------------------------
# PCA by power iteration on the sparse centred matrix
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PCA:
    center: FloatArray  # per comment, the mean vote (agree = 1)
    components: FloatArray  # shape (n_components, n_comments), orthonormal rows
    eigenvalues: FloatArray  # of X^T X
    iterations: int


def _split_rows(m: Any, parts: int) -> list[Any]:
    n = m.shape[0]
    bounds = np.linspace(0, n, parts + 1).astype(int)
    return [m[bounds[i] : bounds[i + 1]] for i in range(parts)]


class _Product:
    """``M @ V`` for a CSR matrix, split by rows over threads (scipy releases the GIL)."""

    def __init__(self, m: Any, pool: ThreadPoolExecutor | None, workers: int) -> None:
        self.pool = pool
        self.parts = _split_rows(m, workers) if pool is not None else [m]

    def __call__(self, v: FloatArray) -> FloatArray:
        if self.pool is None or len(self.parts) == 1:
            return np.asarray(self.parts[0] @ v)
        chunks = list(self.pool.map(lambda part: np.asarray(part @ v), self.parts))
        return np.vstack(chunks)


def _workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def principal_components(
    x: Any,
    n_components: int = 2,
    *,
    seed: int = 0,
    max_iter: int = 100,
    tol: float = 1e-9,
    guard: int = 2,
    start: FloatArray | None = None,
) -> tuple[FloatArray, FloatArray, int]:
    """Top eigenvectors of ``x.T @ x`` for a (sparse) centred matrix ``x``.

    Block power iteration (subspace iteration) with Rayleigh-Ritz: ``guard`` extra vectors
    speed convergence of the wanted ones. Stops when every wanted Ritz pair has a residual
    below ``tol`` times the top eigenvalue, or after ``max_iter`` rounds (Polis runs 100
    power iterations; on votes without structure the top eigenvalues nearly tie and no
    tolerance is reached, so the cap bounds the time). Returns ``(components, eigenvalues, iterations)``;
    each component's sign is fixed so that its largest entry is positive. ``start`` (rows:
    vectors over the columns, e.g. the previous refresh's components) seeds the iteration,
    as Polis does between refreshes; it converges to the same components, only sooner.
    """
    n_rows, n_cols = x.shape
    k = min(n_components, n_cols)
    b = min(n_cols, k + guard)
    if k == 0 or n_rows == 0:
        return np.zeros((n_components, n_cols)), np.zeros(n_components), 0
    x = sparse.csr_matrix(x)
    xt = x.T.tocsr()
    workers = _workers()
    pool = ThreadPoolExecutor(workers) if x.nnz >= _THREADED_NNZ and workers > 1 else None
    try:
        times_x, times_xt = _Product(x, pool, workers), _Product(xt, pool, workers)
        rng = np.random.default_rng(seed)
        first = rng.standard_normal((n_cols, b))
        if start is not None and start.shape[1] == n_cols:
            seeded = np.asarray(start, dtype=np.float64)[:b].T
            first[:, : seeded.shape[1]] = seeded + 1e-6 * first[:, : seeded.shape[1]]
        basis, _ = np.linalg.qr(first)
        vals = np.zeros(b)
        ritz = basis
        it = 0
        for it in range(1, max_iter + 1):  # noqa: B007 - the count is returned
            image = times_xt(times_x(basis))
            small = basis.T @ image
            vals, vecs = np.linalg.eigh((small + small.T) / 2)
            vals, vecs = vals[::-1], vecs[:, ::-1]
            ritz = basis @ vecs
            ritz_image = image @ vecs
            top = max(float(vals[0]), 0.0)
            if top <= 1e-300:
                break
            residual = np.linalg.norm(ritz_image[:, :k] - ritz[:, :k] * vals[:k], axis=0)
            if float(residual.max()) <= tol * top:
                break
            basis, _ = np.linalg.qr(ritz_image)
    finally:
        if pool is not None:
            pool.shutdown()
    comps = ritz[:, :k].T.copy()
    for row in comps:
        if row[np.argmax(np.abs(row))] < 0:
            row *= -1
    eig = np.clip(vals[:k], 0.0, None)
    if k < n_components:
        comps = np.vstack([comps, np.zeros((n_components - k, n_cols))])
        eig = np.concatenate([eig, np.zeros(n_components - k)])
    return comps, eig, it


def centred_matrix(matrix: VoteMatrix, moderated_out: BoolArray) -> tuple[Any, FloatArray]:
    """The mean-filled, centred matrix as CSR (filled cells are exactly 0), and the means."""
    cols = matrix.indices
    vals = matrix.values.astype(np.float64)
    seen = np.bincount(cols, minlength=matrix.n_comments)
    total = np.bincount(cols, weights=vals, minlength=matrix.n_comments)
    center = np.divide(total, seen, out=np.zeros(matrix.n_comments), where=seen > 0)
    center[moderated_out] = 0.0
    data = vals - center[cols]
    data[moderated_out[cols]] = 0.0
    x = sparse.csr_matrix(
        (data, cols, matrix.indptr), shape=(matrix.n_participants, matrix.n_comments)
    )
    return x, center


def pca(
    matrix: VoteMatrix, moderated_out: BoolArray, *, seed: int = 0
) -> tuple[PCA, FloatArray, Any]:
    """PCA of the vote matrix and every participant's scaled 2-D projection."""
    x, center = centred_matrix(matrix, moderated_out)
    comps, eig, iters = principal_components(x, 2, seed=seed)
    raw = np.asarray(x @ comps.T)
    # Polis counts a zeroed (moderated-out) column as a vote of everyone.
    cast = np.diff(matrix.indptr).astype(np.float64)
    if moderated_out.any():
        on_out = np.bincount(
            matrix.row_of_vote()[moderated_out[matrix.indices]], minlength=matrix.n_participants
        )
        cast = cast - on_out + int(moderated_out.sum())
    scale = np.sqrt(matrix.n_comments / np.maximum(cast, 1.0))
    return PCA(center, comps, eig, iters), raw * scale[:, None], x


# --------------------------------------------------------------------------------------
# Who is clustered, base clusters, groups
# --------------------------------------------------------------------------------------


def clusterable(
    votes_cast: IntArray,
    n_comments: int,
    first_vote_rank: IntArray | None = None,
    *,
    min_votes: int = MIN_VOTES,
    min_clustered: int = MIN_CLUSTERED,
) -> BoolArray:
    """Participants to cluster: at least ``min(min_votes, n_comments)`` votes, topped up.

    With ``first_vote_rank`` the first ``min_clustered`` voters are in (Polis keeps
    whoever it let in while the conversation was young); then, if fewer than
    ``min_clustered`` are in, those with the most votes are added.
    """
    keep = votes_cast >= min(min_votes, n_comments)
    keep &= votes_cast > 0
    if first_vote_rank is not None:
        keep |= (first_vote_rank < min_clustered) & (votes_cast > 0)
    missing = min_clustered - int(keep.sum())
    if missing > 0:
        rank = first_vote_rank if first_vote_rank is not None else np.arange(len(votes_cast))
        candidates = np.flatnonzero(~keep & (votes_cast > 0))
        order = np.lexsort((rank[candidates], -votes_cast[candidates]))
        keep[candidates[order[:missing]]] = True
    return keep


def silhouette(points: FloatArray, labels: IntArray, weights: FloatArray | None = None) -> float:
    """Mean silhouette; with ``weights``, each point stands for that many co-located points."""
    n = len(points)
    w = np.ones(n) if weights is None else np.asarray(weights, dtype=np.float64)
    k = int(labels.max()) + 1 if n else 0
    if k < 2:
        return 0.0
    dist = np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(axis=2))
    member = np.zeros((n, k))
    member[np.arange(n), labels] = 1.0
    weight_of = member.T @ w  # total weight per cluster
    summed = dist @ (member * w[:, None])  # weighted distance sums, point x cluster
    own = weight_of[labels]
    # Distances to co-located copies (weight - 1 of them at 0) count in the average.
    a = np.divide(
        summed[np.arange(n), labels],
        own - 1.0,
        out=np.zeros(n),
        where=own > 1.0,
    )
    other = np.where(member > 0, np.inf, summed / np.maximum(weight_of, 1e-300))
    b = other.min(axis=1)
    s = np.where(own > 1.0, (b - a) / np.maximum(np.maximum(a, b), 1e-300), 0.0)
    return float((s * w).sum() / w.sum())


@dataclass(frozen=True)
class Clustering:
    base_of: IntArray  # per clustered participant, its base cluster
    base_centers: FloatArray
    base_weights: FloatArray
    group_of_base: IntArray  # -1 when there are no groups
    group_centers: FloatArray
    silhouettes: dict[int, float]


def base_clusters(
    points: FloatArray, *, k: int = BASE_CLUSTERS, seed: int = 0
) -> tuple[IntArray, FloatArray, FloatArray]:
    """k-means with ``k`` clusters; with at most ``k`` distinct points each is its own."""
    uniq, inverse, counts = np.unique(points, axis=0, return_inverse=True, return_counts=True)
    inverse = inverse.ravel()
    if len(uniq) <= k:
        return inverse.astype(np.int64), uniq, counts.astype(np.float64)
    km = KMeans(n_clusters=k, n_init=1, max_iter=100, random_state=seed)
    with threadpool_limits(_KMEANS_THREADS):
        labels = km.fit_predict(uniq, sample_weight=counts).astype(np.int64)
    weights = np.bincount(labels, weights=counts, minlength=k)
    used = np.flatnonzero(weights > 0)
    remap = np.full(k, -1, dtype=np.int64)
    remap[used] = np.arange(len(used))
    lab: IntArray = remap[labels]
    centers: FloatArray = np.asarray(km.cluster_centers_, dtype=np.float64)[used]
    return lab[inverse], centers, weights[used].astype(np.float64)


def _kmeans_runs(
    points: FloatArray,
    weights: FloatArray,
    k: int,
    *,
    rng: np.random.Generator,
    n_init: int,
    max_iter: int = 300,
) -> list[tuple[float, IntArray, FloatArray]]:
    """`n_init` runs of weighted k-means (k-means++ starts, Lloyd steps): (inertia,
    labels, centres) of each."""
    n = len(points)
    runs: list[tuple[float, IntArray, FloatArray]] = []
    for _ in range(n_init):
        # k-means++: each next start is drawn with probability weight x squared distance.
        chosen = [int(rng.choice(n, p=weights / weights.sum()))]
        d2 = ((points - points[chosen[0]]) ** 2).sum(axis=1)
        for _ in range(1, k):
            mass = weights * d2
            total = float(mass.sum())
            if total <= 0.0:
                break
            chosen.append(int(rng.choice(n, p=mass / total)))
            d2 = np.minimum(d2, ((points - points[chosen[-1]]) ** 2).sum(axis=1))
        centers = points[chosen].astype(np.float64)
        labels = np.full(n, -1, dtype=np.int64)
        for _ in range(max_iter):
            dist = ((points[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)
            new = dist.argmin(axis=1).astype(np.int64)
            if np.array_equal(new, labels):
                break
            labels = new
            mass_k = np.bincount(labels, weights=weights, minlength=len(centers))
            for axis in range(points.shape[1]):
                summed = np.bincount(
                    labels, weights=weights * points[:, axis], minlength=len(centers)
                )
                centers[:, axis] = np.where(
                    mass_k > 0, summed / np.maximum(mass_k, 1e-300), centers[:, axis]
                )
        inertia = float((weights * ((points - centers[labels]) ** 2).sum(axis=1)).sum())
        runs.append((inertia, labels, centers))
    return runs


def weighted_kmeans(
    points: FloatArray,
    weights: FloatArray,
    k: int,
    *,
    rng: np.random.Generator,
    n_init: int = 20,
    max_iter: int = 300,
) -> tuple[IntArray, FloatArray]:
    """Weighted k-means (k-means++ starts, Lloyd steps); the run with the least inertia.

    Meant for the few base centres (at most ``BASE_CLUSTERS``): plain numpy, no thread pool.
    """
    if n_init < 1:
        raise ValueError("n_init must be at least 1")
    runs = _kmeans_runs(points, weights, k, rng=rng, n_init=n_init, max_iter=max_iter)
    best = runs[0]
    for run in runs[1:]:
        if run[0] < best[0] - 1e-12:
            best = run
    return best[1], best[2]


def group_clusters(
    centers: FloatArray,
    weights: FloatArray,
    *,
    max_groups: int = MAX_GROUPS,
    seed: int = 0,
    weighted_silhouette: bool = False,
    min_share: float = MIN_GROUP_SHARE,
    n_init: int = GROUP_STARTS,
    select: str = GROUP_SELECT,
) -> tuple[IntArray, FloatArray, dict[int, float]]:
    """Groups of base clusters: for each k = 2 … min(5, 2 + n_base // 12), `n_init`
    weighted k-means runs over the base centres; of the runs whose every group holds at
    least `min_share` of the clustered participants, the one with the best silhouette
    wins, across all k (Polis also picks k by silhouette; choosing among the starts by
    silhouette too, rather than by inertia, finds the well-separated partitions Polis
    reports, such as a small distinct group beside a large one). Without such a run, the
    share is not required.

    Returns ``(group_of_base, group_centers, silhouette_by_k)``; with fewer than two base
    clusters (one position for everyone) there are no groups and every label is -1.
    """
    n_base = len(centers)
    # Two distinct positions still make two groups (silhouette 0, the only choice).
    top_k = min(max_groups, 2 + n_base // 12, n_base)
    rng = np.random.default_rng(seed)
    candidates: list[tuple[float, int, bool, IntArray, FloatArray, float]] = []
    for k in range(2, top_k + 1):
        seen: set[bytes] = set()
        for inertia, labels, group_centers in _kmeans_runs(
            centers, weights, k, rng=rng, n_init=n_init
        ):
            if len(np.unique(labels)) < k:
                continue
            key = _canonical(labels).tobytes()
            if key in seen:
                continue
            seen.add(key)
            score = silhouette(centers, labels, weights if weighted_silhouette else None)
            mass = np.bincount(labels, weights=weights, minlength=k)
            big_enough = bool(mass.min() >= min_share * weights.sum() - 1e-9)
            candidates.append((score, k, big_enough, labels, group_centers, inertia))
    if select == "inertia":
        # per k, the valid run of least inertia; then the k of best silhouette
        per_k: dict[int, tuple[float, int, bool, IntArray, FloatArray, float]] = {}
        for c in candidates:
            if not c[2]:
                continue
            if c[1] not in per_k or c[5] < per_k[c[1]][5] - 1e-12:
                per_k[c[1]] = c
        candidates = list(per_k.values()) or candidates
    scores: dict[int, float] = {}
    usable = [c for c in candidates if c[2]] or candidates
    for score, k, *_ in usable:
        scores[k] = max(scores.get(k, -1.0), score)
    if not usable:
        return np.full(n_base, -1, dtype=np.int64), np.zeros((0, 2)), scores
    # best silhouette; ties: the smaller k, then the earlier run
    _, _, _, labels, group_centers, _ = max(usable, key=lambda c: (round(c[0], 12), -c[1]))
    # Stable ids: largest group first, ties by the centre's coordinates.
    size = np.bincount(labels, weights=weights, minlength=len(group_centers))
    order = np.lexsort((group_centers[:, 1], group_centers[:, 0], -size))
    rename = np.empty(len(order), dtype=np.int64)
    rename[order] = np.arange(len(order))
    return rename[labels], group_centers[order], scores


def _canonical(labels: IntArray) -> IntArray:
    """Labels renumbered by first appearance, so equal partitions compare equal."""
    _, first, inverse = np.unique(labels, return_index=True, return_inverse=True)
    rank = np.argsort(np.argsort(first))
    return rank[inverse].astype(np.int64)


# --------------------------------------------------------------------------------------
# Statistics: representative comments, consensus, group-aware consensus
# --------------------------------------------------------------------------------------


def prop_test(successes: FloatArray, trials: FloatArray) -> FloatArray:
    """One-proportion z-test against 1/2 with a pseudo-count, as Polis computes it."""
    s, n = successes + 1.0, trials + 1.0
    return np.asarray(2.0 * np.sqrt(n) * (s / n - 0.5))


def two_prop_test(
    succ_in: FloatArray, succ_out: FloatArray, n_in: FloatArray, n_out: FloatArray
) -> FloatArray:
    """Two-proportion z-test (in-group vs the rest) with pseudo-counts; 0 when undefined."""
    s1, s2, n1, n2 = succ_in + 1.0, succ_out + 1.0, n_in + 1.0, n_out + 1.0
    pooled = (s1 + s2) / (n1 + n2)
    spread = np.sqrt(pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2))
    diff = s1 / n1 - s2 / n2
    return np.divide(diff, spread, out=np.zeros_like(diff), where=spread > 0)


@dataclass(frozen=True)
class VoteCounts:
    """Agree, disagree and seen counts, shape (n_groups, n_comments)."""

    agree: FloatArray
    disagree: FloatArray
    seen: FloatArray


def count_votes(
    matrix: VoteMatrix, group_of_row: IntArray | None = None, n_groups: int = 1
) -> VoteCounts:
    """Vote counts per group and comment; rows with group -1 are left out.

    Without ``group_of_row`` every participant counts, as one group.
    """
    n_c = matrix.n_comments
    code = matrix.values.astype(np.int64) + 1  # 0 disagree, 1 pass, 2 agree
    if group_of_row is None:
        n_groups = 1
        key = matrix.indices.astype(np.int64) * 3 + code
    else:
        g = group_of_row[matrix.row_of_vote()]
        keep = g >= 0
        key = (g[keep] * n_c + matrix.indices[keep]) * 3 + code[keep]
    table: FloatArray = np.bincount(key, minlength=3 * n_groups * n_c).astype(np.float64)
    table = table.reshape(n_groups, n_c, 3)
    return VoteCounts(
        agree=table[:, :, 2].copy(), disagree=table[:, :, 0].copy(), seen=table.sum(axis=2)
    )


@dataclass(frozen=True)
class RepComment:
    comment: Any
    direction: Direction
    n_success: int
    n_trials: int
    p_success: float
    p_test: float
    repness: float
    repness_test: float
    best_agree: bool = False
    n_agree: int | None = None  # set on the best agreed comment, as Polis does

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "comment": _plain(self.comment),
            "repful_for": self.direction,
            "n_success": self.n_success,
            "n_trials": self.n_trials,
            "p_success": self.p_success,
            "p_test": self.p_test,
            "repness": self.repness,
            "repness_test": self.repness_test,
        }
        if self.best_agree:
            out["best_agree"] = True
            out["n_agree"] = self.n_agree
        return out


@dataclass(frozen=True)
class ConsensusComment:
    comment: Any
    n_success: int
    n_trials: int
    p_success: float
    p_test: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "comment": _plain(self.comment),
            "n_success": self.n_success,
            "n_trials": self.n_trials,
            "p_success": self.p_success,
            "p_test": self.p_test,
        }


def _plain(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value


def representative_comments(
    counts: VoteCounts,
    comment_ids: NDArray[Any],
    moderated_out: BoolArray,
    *,
    pick_max: int = PICK_MAX,
    z: float = Z_90,
) -> dict[int, list[RepComment]]:
    """The comments that set each group apart from the rest, in Polis's selection order.

    A comment qualifies when the group's agreement (or disagreement) passes the
    one-proportion test and beats the rest of the participants by the two-proportion test.
    The group's best agreed comment comes first; then the others by
    ``repness * repness_test * p_success * p_test``; at most ``pick_max``; agrees first.
    """
    na, nd, ns = counts.agree, counts.disagree, counts.seen
    rest_na, rest_nd, rest_ns = na.sum(0) - na, nd.sum(0) - nd, ns.sum(0) - ns
    pa, pd = (na + 1) / (ns + 2), (nd + 1) / (ns + 2)
    pat, pdt = prop_test(na, ns), prop_test(nd, ns)
    ra = pa / ((rest_na + 1) / (rest_ns + 2))
    rd = pd / ((rest_nd + 1) / (rest_ns + 2))
    rat = two_prop_test(na, rest_na, ns, rest_ns)
    rdt = two_prop_test(nd, rest_nd, ns, rest_ns)
    live = ~moderated_out

    def make(g: int, c: int, agree: bool, best: bool = False) -> RepComment:
        if agree:
            n, p, pt, r, rt = na[g, c], pa[g, c], pat[g, c], ra[g, c], rat[g, c]
        else:
            n, p, pt, r, rt = nd[g, c], pd[g, c], pdt[g, c], rd[g, c], rdt[g, c]
        return RepComment(
            comment=comment_ids[c],
            direction="agree" if agree else "disagree",
            n_success=int(n),
            n_trials=int(ns[g, c]),
            p_success=float(p),
            p_test=float(pt),
            repness=float(r),
            repness_test=float(rt),
            best_agree=best,
            n_agree=int(na[g, c]) if best else None,
        )

    out: dict[int, list[RepComment]] = {}
    for g in range(na.shape[0]):
        sufficient = live & (((pat[g] > z) & (rat[g] > z)) | ((pdt[g] > z) & (rdt[g] > z)))
        best_agree = _best_agree(na[g], nd[g], pa[g], pat[g], ra[g], rat[g], live, z)
        head: list[RepComment] = []
        if best_agree is not None:
            # Chosen for its agreement, but reported (like Polis) in the direction in which
            # it is more representative, with ``n_agree`` alongside.
            c = best_agree
            head = [make(g, c, agree=bool(rat[g, c] > rdt[g, c]), best=True)]
        if not sufficient.any():
            if not head:
                test = np.where(live, np.maximum(rat[g], rdt[g]), -np.inf)
                if live.any():
                    c = int(np.argmax(test))
                    head = [make(g, c, agree=bool(rat[g, c] > rdt[g, c]))]
            out[g] = head
            continue
        cand = np.flatnonzero(sufficient)
        agree_dir = rat[g, cand] > rdt[g, cand]
        metric = np.where(
            agree_dir,
            ra[g, cand] * rat[g, cand] * pa[g, cand] * pat[g, cand],
            rd[g, cand] * rdt[g, cand] * pd[g, cand] * pdt[g, cand],
        )
        ranked = np.argsort(-metric, kind="stable")
        picked = head + [
            make(g, int(cand[i]), agree=bool(agree_dir[i]))
            for i in ranked
            if best_agree is None or cand[i] != best_agree
        ]
        picked = picked[:pick_max]
        picked.sort(key=lambda r: r.direction != "agree")  # stable: agrees first
        out[g] = picked
    return out


def _best_agree(
    na: FloatArray,
    nd: FloatArray,
    pa: FloatArray,
    pat: FloatArray,
    ra: FloatArray,
    rat: FloatArray,
    live: BoolArray,
    z: float,
) -> int | None:
    """Polis's running "best agreed comment" of a group (index of the column, or None)."""
    best: int | None = None
    for c in np.flatnonzero(live & ((na > 0) | (nd > 0))).tolist():
        if best is None:
            if pat[c] > z or (ra[c] > 1.0 and pa[c] > 0.5):
                best = c
        elif ra[best] > 1.0:
            if ra[c] * rat[c] * pa[c] * pat[c] > ra[best] * rat[best] * pa[best] * pat[best]:
                best = c
        elif pa[c] * pat[c] > pa[best] * pat[best]:
            best = c
    return best


@dataclass(frozen=True)
class Consensus:
    agree: list[ConsensusComment]
    disagree: list[ConsensusComment]

    def as_dict(self) -> dict[str, list[dict[str, Any]]]:
        return {
            "agree": [c.as_dict() for c in self.agree],
            "disagree": [c.as_dict() for c in self.disagree],
        }


def consensus(
    counts: VoteCounts,
    comment_ids: NDArray[Any],
    moderated_out: BoolArray,
    *,
    pick_max: int = PICK_MAX,
    z: float = Z_90,
) -> Consensus:
    """Comments most participants agree (or disagree) with, as Polis reports them.

    ``counts`` has one row (everyone). A comment qualifies for agree when
    ``pa = (na + 1) / (ns + 2) > 0.5`` and its one-proportion z-test passes; the best
    ``pick_max`` by ``pa * z`` are kept; the same for disagree.
    """
    na, nd, ns = counts.agree.sum(0), counts.disagree.sum(0), counts.seen.sum(0)
    sides = []
    for n in (na, nd):
        p = (n + 1) / (ns + 2)
        pt = prop_test(n, ns)
        cand = np.flatnonzero(~moderated_out & (p > 0.5) & (pt > z))
        ranked = cand[np.argsort(-(p[cand] * pt[cand]), kind="stable")][:pick_max]
        sides.append(
            [
                ConsensusComment(
                    comment=comment_ids[c],
                    n_success=int(n[c]),
                    n_trials=int(ns[c]),
                    p_success=float(p[c]),
                    p_test=float(pt[c]),
                )
                for c in ranked
            ]
        )
    return Consensus(agree=sides[0], disagree=sides[1])


def group_aware_consensus(counts: VoteCounts) -> FloatArray:
    """Per comment, the product over groups of ``(agrees_g + 1) / (seen_g + 2)``."""
    return np.asarray(((counts.agree + 1) / (counts.seen + 2)).prod(axis=0))


# --------------------------------------------------------------------------------------
# The whole pipeline
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpinionGroups:
    """Result of :func:`opinion_groups`. Participant arrays follow ``participant_ids``."""

    participant_ids: NDArray[Any]
    comment_ids: NDArray[Any]
    moderated_out: BoolArray
    pca: PCA
    projections: FloatArray  # (n_participants, 2)
    clustered: BoolArray
    base_cluster: IntArray  # -1 when not clustered
    group: IntArray  # -1 when not in a group
    base_centers: FloatArray
    base_weights: FloatArray
    group_centers: FloatArray
    silhouettes: dict[int, float]
    group_counts: VoteCounts
    repness: dict[int, list[RepComment]]
    consensus: Consensus
    group_aware_consensus: FloatArray  # per comment; empty when there are no groups
    notes: list[str] = field(default_factory=list)
    #: For participants who voted but were not clustered (too few votes): the group of the
    #: nearest group centre; -1 for the clustered ones and those who never voted.
    placed: IntArray = field(default_factory=lambda: np.zeros(0, np.int64))

    @property
    def n_groups(self) -> int:
        return len(self.group_centers)

    def group_of(self, *, include_placed: bool = False) -> dict[Any, int | None]:
        """Participant id -> group (None when not clustered; with ``include_placed``, the
        others who voted get the group they were placed in)."""
        placed = self.placed if len(self.placed) else np.full(len(self.group), -1)
        out: dict[Any, int | None] = {}
        for pid, g, p in zip(self.participant_ids, self.group, placed, strict=True):
            value = int(g) if g >= 0 else (int(p) if include_placed and p >= 0 else None)
            out[_plain(pid)] = value
        return out

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready summary (ids as given; keys of mappings are strings)."""
        sizes = np.bincount(self.group[self.group >= 0], minlength=self.n_groups)
        return {
            "participants": {str(k): v for k, v in self.group_of().items()},
            "groups": [
                {
                    "id": g,
                    "size": int(sizes[g]),
                    "center": [float(x) for x in self.group_centers[g]],
                }
                for g in range(self.n_groups)
            ],
            "repness": {str(g): [r.as_dict() for r in reps] for g, reps in self.repness.items()},
            "consensus": self.consensus.as_dict(),
            "group_aware_consensus": {
                str(_plain(cid)): float(v)
                for cid, v in zip(self.comment_ids, self.group_aware_consensus, strict=False)
            },
            "silhouettes": {str(k): v for k, v in self.silhouettes.items()},
            "n_clustered": int(self.clustered.sum()),
            "placed": {
                str(_plain(pid)): int(p)
                for pid, p in zip(self.participant_ids, self.placed, strict=False)
                if p >= 0
            },
            "notes": list(self.notes),
        }


def opinion_groups(
    matrix: VoteMatrix,
    *,
    moderated_out: Collection[Any] = (),
    seed: int = 0,
    base_k: int = BASE_CLUSTERS,
    max_groups: int = MAX_GROUPS,
    min_votes: int = MIN_VOTES,
    min_clustered: int = MIN_CLUSTERED,
    weighted_silhouette: bool = False,
    keep_first_voters: bool = False,
    min_group_share: float = MIN_GROUP_SHARE,
    group_select: str = GROUP_SELECT,
) -> OpinionGroups:
    """Opinion groups, representative comments and consensus for a vote matrix.

    ``moderated_out`` lists comment ids hidden by moderation: zeroed in the PCA and never
    picked as representative or consensus comments. ``keep_first_voters`` also clusters the
    first 15 voters by time, as Polis ends up doing because it never drops a participant
    it let in while the conversation was young. Deterministic for a given ``seed``.
    """
    notes: list[str] = []
    mod = np.isin(matrix.comment_ids, np.asarray(list(moderated_out)))
    n_p = matrix.n_participants
    the_pca, proj, _ = pca(matrix, mod, seed=seed)
    cast = matrix.votes_per_participant()
    clustered = clusterable(
        cast,
        matrix.n_comments,
        matrix.first_vote_rank if keep_first_voters else None,
        min_votes=min_votes,
        min_clustered=min_clustered,
    )
    rows = np.flatnonzero(clustered)
    base_of = np.full(n_p, -1, dtype=np.int64)
    group = np.full(n_p, -1, dtype=np.int64)
    centers = np.zeros((0, 2))
    weights = np.zeros(0)
    group_centers = np.zeros((0, 2))
    scores: dict[int, float] = {}
    if len(rows):
        labels, centers, weights = base_clusters(proj[rows], k=base_k, seed=seed)
        base_of[rows] = labels
        group_of_base, group_centers, scores = group_clusters(
            centers,
            weights,
            max_groups=max_groups,
            seed=seed,
            weighted_silhouette=weighted_silhouette,
            min_share=min_group_share,
            select=group_select,
        )
        if len(group_centers):
            group[rows] = group_of_base[labels]
    if not len(group_centers):
        notes.append(
            f"no groups: {len(rows)} participant(s) clustered, {len(centers)} distinct position(s);"
            " at least 2 are needed"
        )
    n_groups = len(group_centers)
    placed = np.full(n_p, -1, dtype=np.int64)
    if n_groups:
        others = np.flatnonzero(~clustered & (cast > 0))
        if len(others):
            d2 = ((proj[others, None, :] - group_centers[None, :, :]) ** 2).sum(axis=2)
            placed[others] = d2.argmin(axis=1)
    group_counts = count_votes(matrix, group, n_groups)
    everyone = count_votes(matrix)
    reps = representative_comments(group_counts, matrix.comment_ids, mod) if n_groups >= 2 else {}
    gac = group_aware_consensus(group_counts) if n_groups else np.zeros(0)
    return OpinionGroups(
        participant_ids=matrix.participant_ids,
        comment_ids=matrix.comment_ids,
        moderated_out=mod,
        pca=the_pca,
        projections=proj,
        clustered=clustered,
        base_cluster=base_of,
        group=group,
        base_centers=centers,
        base_weights=weights,
        group_centers=group_centers,
        silhouettes=scores,
        group_counts=group_counts,
        repness=reps,
        consensus=consensus(everyone, matrix.comment_ids, mod),
        group_aware_consensus=gac,
        notes=notes,
        placed=placed,
    )


def adjusted_rand_index(a: ArrayLike, b: ArrayLike) -> float:
    """Adjusted Rand index of two labelings of the same items (1 = identical partitions)."""
    x, y = np.asarray(a), np.asarray(b)
    if len(x) != len(y):
        raise ValueError("labelings must have the same length")
    n = len(x)
    if n < 2:
        return 1.0
    _, xi = np.unique(x, return_inverse=True)
    _, yi = np.unique(y, return_inverse=True)
    table = np.zeros((xi.max() + 1, yi.max() + 1))
    np.add.at(table, (xi.ravel(), yi.ravel()), 1)

    def pairs(m: FloatArray) -> float:
        return float((m * (m - 1) / 2).sum())

    index = pairs(table)
    row, col = pairs(table.sum(1)), pairs(table.sum(0))
    expected = row * col / (n * (n - 1) / 2)
    top = (row + col) / 2
    if top == expected:
        return 1.0
    return (index - expected) / (top - expected)
