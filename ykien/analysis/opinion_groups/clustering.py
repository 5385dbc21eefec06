"""Who is clustered, base clusters (k-means, k = 100) and the groups over them."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.cluster import KMeans
from threadpoolctl import threadpool_limits  # a dependency of scikit-learn

from ykien.analysis.opinion_groups.base import (
    BASE_CLUSTERS,
    GROUP_SELECT,
    GROUP_STARTS,
    MAX_GROUPS,
    MIN_CLUSTERED,
    MIN_GROUP_SHARE,
    MIN_VOTES,
    BoolArray,
    FloatArray,
    IntArray,
)

# k-means runs on one thread: on 2-D points OpenMP's start-up and spin-waiting cost about
# what the second core saves, and on a busy machine they double the time.
_KMEANS_THREADS = 1


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
