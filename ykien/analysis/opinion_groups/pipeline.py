"""The whole pipeline: votes to opinion groups, and the adjusted Rand index to compare runs."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ykien.analysis.opinion_groups.base import (
    BASE_CLUSTERS,
    GROUP_SELECT,
    MAX_GROUPS,
    MIN_CLUSTERED,
    MIN_GROUP_SHARE,
    MIN_VOTES,
    BoolArray,
    FloatArray,
    IntArray,
)
from ykien.analysis.opinion_groups.clustering import (
    base_clusters,
    clusterable,
    group_clusters,
)
from ykien.analysis.opinion_groups.matrix import VoteMatrix
from ykien.analysis.opinion_groups.projection import (
    PCA,
    pca,
)
from ykien.analysis.opinion_groups.statistics import (
    Consensus,
    RepComment,
    VoteCounts,
    _plain,
    consensus,
    count_votes,
    group_aware_consensus,
    representative_comments,
)


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
    pca_of: Callable[..., tuple[PCA, FloatArray, Any]] = pca,
) -> OpinionGroups:
    """Opinion groups, representative comments and consensus for a vote matrix.

    ``moderated_out`` lists comment ids hidden by moderation: zeroed in the PCA and never
    picked as representative or consensus comments. ``keep_first_voters`` also clusters the
    first 15 voters by time, as Polis ends up doing because it never drops a participant
    it let in while the conversation was young. Deterministic for a given ``seed``.
    ``pca_of(matrix, moderated_out_mask, seed=…)`` computes the PCA and the projections
    (`projection.pca`; `sparse.sparse_pca` does the same without copies, for millions).
    """
    notes: list[str] = []
    mod = np.isin(matrix.comment_ids, np.asarray(list(moderated_out)))
    n_p = matrix.n_participants
    the_pca, proj, _ = pca_of(matrix, mod, seed=seed)
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
