"""`opinion_groups.sparse` (row blocks on threads, no transposed copy, CSR input) gives the
groups of the in-process `opinion_groups`."""

from __future__ import annotations

import numpy as np
import pytest

from ykien.analysis.opinion_groups import (
    adjusted_rand_index,
    build_vote_matrix,
    opinion_groups,
    pca,
)
from ykien.analysis.opinion_groups import sparse as og_sparse
from ykien.analysis.tests.test_opinion_groups import POLIS_CASES, needs_data, polis_case


def seeded_votes(
    n_p: int, n_s: int, density: float, seed: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Three latent camps, each statement with its own agree rate per camp, 15 % passes."""
    rng = np.random.default_rng(seed)
    keys = np.unique(rng.integers(0, n_p * n_s, size=round(n_p * n_s * density)))
    p, s = keys // n_s, keys % n_s
    camp = rng.integers(0, 3, size=n_p)
    rate = rng.beta(0.5, 0.5, size=(3, n_s))
    u = rng.random(len(keys))
    vote = np.where(u < 0.15, 0, np.where(u < 0.15 + 0.85 * rate[camp[p], s], 1, -1))
    return p, s, vote.astype(np.int8)


def _same(a: object, b: object) -> None:
    assert np.array_equal(a.clustered, b.clustered)  # type: ignore[attr-defined]
    assert adjusted_rand_index(a.group, b.group) == 1.0  # type: ignore[attr-defined]
    assert np.array_equal(a.group, b.group)  # type: ignore[attr-defined]
    assert np.allclose(a.projections, b.projections, atol=1e-8)  # type: ignore[attr-defined]
    assert a.repness == b.repness  # type: ignore[attr-defined]
    assert a.consensus == b.consensus  # type: ignore[attr-defined]


@pytest.mark.parametrize("threads", [1, 3])
def test_seeded_votes_give_the_in_process_groups(threads: int) -> None:
    p, s, v = seeded_votes(3_000, 400, 0.03, seed=4)
    matrix = build_vote_matrix(p, s, v)
    mod = np.zeros(matrix.n_comments, np.bool_)
    mod[[3, 17]] = True
    dense_pca, dense_proj, _ = pca(matrix, mod, seed=2)
    sparse_pca, sparse_proj, _ = og_sparse.sparse_pca(matrix, mod, seed=2, threads=threads)
    assert np.allclose(sparse_pca.components, dense_pca.components, atol=1e-10)
    assert np.allclose(sparse_proj, dense_proj, atol=1e-10)
    assert np.array_equal(sparse_pca.center, dense_pca.center)
    ours = og_sparse.opinion_groups_csr(matrix, moderated_out=[3, 17], seed=2)
    theirs = opinion_groups(matrix, moderated_out=[3, 17], seed=2)
    assert ours.n_groups >= 2
    _same(ours, theirs)


def test_csr_arrays_make_the_same_matrix() -> None:
    p, s, v = seeded_votes(500, 80, 0.2, seed=9)
    built = build_vote_matrix(p, s, v)
    indptr = np.r_[0, np.cumsum(np.bincount(p, minlength=500))]
    direct = og_sparse.vote_matrix(indptr, s, v)
    assert np.array_equal(direct.indptr, built.indptr)
    assert np.array_equal(direct.indices, built.indices)
    assert np.array_equal(direct.values, built.values)
    _same(og_sparse.opinion_groups_csr(direct), opinion_groups(built))


def test_bad_csr_arrays_are_refused() -> None:
    with pytest.raises(ValueError, match="votes must be"):
        og_sparse.vote_matrix([0, 1], [0], [2])
    with pytest.raises(ValueError, match="indptr"):
        og_sparse.vote_matrix([0, 2], [0], [1])
    with pytest.raises(ValueError, match="out of range"):
        og_sparse.vote_matrix([0, 1], [5], [1], n_statements=3)
    with pytest.raises(ValueError, match="differ"):
        og_sparse.vote_matrix([0, 1], [0], [1, 1])


def test_empty_matrix_has_no_groups() -> None:
    result = og_sparse.opinion_groups_csr(og_sparse.vote_matrix([0], [], [], n_statements=0))
    assert result.n_groups == 0


@needs_data
@pytest.mark.parametrize("name", list(POLIS_CASES))
def test_polis_math_cases_give_the_in_process_groups(name: str) -> None:
    _, matrix = polis_case(name)
    ours = og_sparse.opinion_groups_csr(matrix)
    theirs = opinion_groups(matrix)
    _same(ours, theirs)
