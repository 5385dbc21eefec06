"""Opinion groups for a national vote: a million participants × ten thousand statements.

The method is `opinion_groups`' (Polis's), on the same sparse vote matrix; what changes is
how the big arrays are handled, so that 100 million votes fit in a few GB and a minute:

- the matrix comes as CSR arrays (`vote_matrix`: row = participant, column = statement,
  int8 votes, one vote a cell; from Parquet, a database dump or `build_vote_matrix`);
- mean-fill and centring stay implicit: a filled cell is exactly 0 after centring, so the
  centred matrix is the vote pattern with `vote − mean[statement]` as values (8 bytes a
  vote, computed in chunks, sharing the vote matrix's column indices); nothing is densified;
- the two principal components come from `projection.block_power` with `XᵀX V` computed
  as `Σ Bᵢᵀ (Bᵢ V)` over row blocks `Bᵢ` on threads: no transposed copy of the matrix;
- projections (scaled by `sqrt(n_statements / n_votes_cast)`), 100 base clusters by
  k-means, groups by silhouette over the base centres, representative statements and
  consensus are `opinion_groups`' own steps.

So `opinion_groups_csr` gives the groups `opinion_groups` gives (the same up to rounding in
the PCA; tested against it on the polis-math fixtures and seeded votes). Nothing here
imports Django.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Collection
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
from numpy.typing import ArrayLike
from scipy import sparse

from ykien.analysis.opinion_groups.base import AGREE, DISAGREE, BoolArray, FloatArray
from ykien.analysis.opinion_groups.matrix import VoteMatrix
from ykien.analysis.opinion_groups.pipeline import OpinionGroups, opinion_groups
from ykien.analysis.opinion_groups.projection import PCA, block_power

__all__ = ["centred_values", "opinion_groups_csr", "sparse_pca", "vote_matrix"]

_CHUNK = 1 << 22  # votes per step when computing the centred values
_BLOCKS_PER_THREAD = 2


def vote_matrix(
    indptr: ArrayLike,
    indices: ArrayLike,
    values: ArrayLike,
    *,
    n_statements: int | None = None,
    participant_ids: ArrayLike | None = None,
    statement_ids: ArrayLike | None = None,
) -> VoteMatrix:
    """A `VoteMatrix` from CSR arrays (one vote per cell, columns sorted or not), without
    copying them when they already have the right types (int64 indptr, int32 indices,
    int8 values of 1 / -1 / 0). Ids default to 0 … n − 1. Raises ValueError on
    inconsistent arrays or other vote values."""
    ptr = np.asarray(indptr, dtype=np.int64)
    cols = np.asarray(indices, dtype=np.int32)
    vals = np.asarray(values)
    if vals.dtype != np.int8:
        if len(vals) and (vals.min() < DISAGREE or vals.max() > AGREE):
            raise ValueError("votes must be 1 (agree), -1 (disagree) or 0 (pass)")
        vals = vals.astype(np.int8)
    elif len(vals) and (int(vals.min()) < DISAGREE or int(vals.max()) > AGREE):
        raise ValueError("votes must be 1 (agree), -1 (disagree) or 0 (pass)")
    if ptr.ndim != 1 or len(ptr) < 1 or ptr[0] != 0 or ptr[-1] != len(cols):
        raise ValueError("indptr must start at 0 and end at the number of votes")
    if len(cols) != len(vals):
        raise ValueError("indices and values differ in length")
    if len(ptr) > 1 and bool((np.diff(ptr) < 0).any()):
        raise ValueError("indptr must not decrease")
    n_p = len(ptr) - 1
    n_s = int(cols.max()) + 1 if n_statements is None and len(cols) else int(n_statements or 0)
    if len(cols) and (int(cols.min()) < 0 or int(cols.max()) >= n_s):
        raise ValueError("a statement index is out of range")
    pids = np.arange(n_p) if participant_ids is None else np.asarray(participant_ids)
    sids = np.arange(n_s) if statement_ids is None else np.asarray(statement_ids)
    if len(pids) != n_p or len(sids) != n_s:
        raise ValueError("ids do not match the matrix's shape")
    return VoteMatrix(participant_ids=pids, comment_ids=sids, indptr=ptr, indices=cols, values=vals)


def centred_values(matrix: VoteMatrix, moderated_out: BoolArray) -> tuple[FloatArray, FloatArray]:
    """The values of the mean-filled, centred matrix at the votes (`vote − mean`, 0 on
    moderated-out statements) and the means: `projection.centred_matrix`'s numbers,
    computed in chunks (no temporary of the matrix's size besides the result)."""
    cols = matrix.indices
    vals = matrix.values
    n_s = matrix.n_comments
    seen = np.bincount(cols, minlength=n_s)
    total = (
        np.bincount(cols[vals > 0], minlength=n_s) - np.bincount(cols[vals < 0], minlength=n_s)
    ).astype(np.float64)
    center = np.divide(total, seen, out=np.zeros(n_s), where=seen > 0)
    center[moderated_out] = 0.0
    data = np.empty(len(vals), np.float64)
    out_any = bool(moderated_out.any())
    for s in range(0, len(vals), _CHUNK):
        c = cols[s : s + _CHUNK]
        part = vals[s : s + _CHUNK].astype(np.float64)
        part -= center[c]
        if out_any:
            part[moderated_out[c]] = 0.0
        data[s : s + len(part)] = part
    return data, center


def _threads() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


class _RowBlocks:
    """The centred matrix as row blocks that share its arrays (no copy), with the
    products the PCA needs computed block by block on threads."""

    def __init__(self, matrix: VoteMatrix, data: FloatArray, threads: int) -> None:
        n_p, n_s = matrix.n_participants, matrix.n_comments
        ptr = matrix.indptr
        parts = max(1, min(n_p, threads * _BLOCKS_PER_THREAD)) if threads > 1 else 1
        # blocks of about equal numbers of votes
        targets = np.linspace(0, ptr[-1], parts + 1)
        bounds = np.unique(np.r_[0, np.searchsorted(ptr, targets[1:-1]), n_p])
        self.bounds = bounds
        self.blocks = []
        for r0, r1 in itertools.pairwise(bounds):
            s, e = int(ptr[r0]), int(ptr[r1])
            local = ptr[r0 : r1 + 1] - s
            self.blocks.append(
                sparse.csr_matrix(
                    (data[s:e], matrix.indices[s:e], local), shape=(int(r1 - r0), n_s), copy=False
                )
            )
        self.pool = ThreadPoolExecutor(threads) if threads > 1 and len(self.blocks) > 1 else None

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown()

    def _map(self, fn: Any) -> list[Any]:
        if self.pool is None:
            return [fn(b) for b in self.blocks]
        return list(self.pool.map(fn, self.blocks))

    def gram(self, v: FloatArray) -> FloatArray:
        """XᵀX v = Σ Bᵢᵀ (Bᵢ v): the transposed blocks are CSC views, not copies."""
        parts = self._map(lambda b: np.asarray(b.T @ np.asarray(b @ v)))
        out = parts[0].copy()
        for p in parts[1:]:
            out += p
        return np.asarray(out)

    def times(self, v: FloatArray) -> FloatArray:
        return np.vstack(self._map(lambda b: np.asarray(b @ v)))


def sparse_pca(
    matrix: VoteMatrix, moderated_out: BoolArray, *, seed: int = 0, threads: int | None = None
) -> tuple[PCA, FloatArray, Any]:
    """`projection.pca` for a large matrix: the same PCA and scaled projections, with the
    products over row blocks on threads. The third value is None (the centred matrix is
    not kept)."""
    data, center = centred_values(matrix, moderated_out)
    n_p, n_s = matrix.n_participants, matrix.n_comments
    if n_p == 0 or n_s == 0:
        comps, eig, iters = np.zeros((2, n_s)), np.zeros(2), 0
        raw = np.zeros((n_p, 2))
    else:
        blocks = _RowBlocks(matrix, data, threads or _threads())
        try:
            comps, eig, iters = block_power(blocks.gram, n_s, 2, seed=seed)
            raw = blocks.times(comps.T)
        finally:
            blocks.close()
    del data
    cast = np.diff(matrix.indptr).astype(np.float64)
    if moderated_out.any():
        on_out = np.bincount(matrix.row_of_vote()[moderated_out[matrix.indices]], minlength=n_p)
        cast = cast - on_out + int(moderated_out.sum())
    scale = np.sqrt(n_s / np.maximum(cast, 1.0))
    return PCA(center, comps, eig, iters), raw * scale[:, None], None


def opinion_groups_csr(
    matrix: VoteMatrix,
    *,
    moderated_out: Collection[Any] = (),
    seed: int = 0,
    **options: Any,
) -> OpinionGroups:
    """`opinion_groups(matrix, …)` with `sparse_pca`: the same groups, representative
    statements and consensus, for millions of participants. `options` are those of
    `opinion_groups`."""
    return opinion_groups(
        matrix, moderated_out=moderated_out, seed=seed, pca_of=sparse_pca, **options
    )
