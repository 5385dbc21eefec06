"""PCA by power iteration on the sparse centred matrix, and the participants' projections."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse

from ykien.analysis.opinion_groups.base import (
    BoolArray,
    FloatArray,
)
from ykien.analysis.opinion_groups.matrix import VoteMatrix

# Below this many stored votes a sparse product is too small to be worth a thread.
_THREADED_NNZ = 2_000_000


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
    if min(n_components, n_cols) == 0 or n_rows == 0:
        return np.zeros((n_components, n_cols)), np.zeros(n_components), 0
    x = sparse.csr_matrix(x)
    xt = x.T.tocsr()
    workers = _workers()
    pool = ThreadPoolExecutor(workers) if x.nnz >= _THREADED_NNZ and workers > 1 else None
    try:
        times_x, times_xt = _Product(x, pool, workers), _Product(xt, pool, workers)
        return block_power(
            lambda v: times_xt(times_x(v)),
            n_cols,
            n_components,
            seed=seed,
            max_iter=max_iter,
            tol=tol,
            guard=guard,
            start=start,
        )
    finally:
        if pool is not None:
            pool.shutdown()


def block_power(
    gram: Callable[[FloatArray], FloatArray],
    n_cols: int,
    n_components: int = 2,
    *,
    seed: int = 0,
    max_iter: int = 100,
    tol: float = 1e-9,
    guard: int = 2,
    start: FloatArray | None = None,
) -> tuple[FloatArray, FloatArray, int]:
    """The iteration of `principal_components`, given ``gram(V) = XᵀX V`` for a block of
    column vectors ``V`` (n_cols × b): however the products are computed (a transposed
    copy, row blocks on threads, partitions on a cluster), the same vectors come out."""
    k = min(n_components, n_cols)
    b = min(n_cols, k + guard)
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
        image = gram(basis)
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
