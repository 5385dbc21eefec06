"""Which statement a voter sees next: new, under-voted and informative ones first.

Polis shows statements in a weighted random order. Each statement gets a priority from its
votes so far (written from Polis's published description; numpy only):

- agreement ``a = (agrees + 1) / (seen + 2)`` and pass rate ``p = (passes + 1) / (seen + 2)``;
- extremity ``E``: how far the statement pulls a voter along the two opinion axes (the
  length of its column of the principal components, scaled like a projection: a
  statement that splits the groups is informative, one nobody is divided on is not);
- importance ``(1 - p) * (E + 1) * a``: statements people answer (do not pass), that
  separate opinions and that find agreement;
- a boost for new statements ``1 + 8 * 2 ** (-seen / 5)``: a statement nobody has seen
  counts 9 times, one seen 5 times 5 times, one seen 30 times hardly more than once;
- priority = (importance × boost)²; an officer's meta statement (if any) gets `META`.

`next_statement` draws one statement the voter has not voted on, with probability
proportional to its priority. `distribution` gives those probabilities, so a test can
assert that they are far from uniform on a known fixture (one Polis release silently
made the choice uniform for months).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ykien.analysis.opinion_groups import VoteMatrix

__all__ = [
    "META",
    "distribution",
    "extremity",
    "next_statement",
    "priorities",
    "total_variation_from_uniform",
]

META = 7.0**2
NEW_BOOST = 8.0
HALF_LIFE = 5.0

FloatArray = NDArray[np.float64]


def extremity(components: FloatArray | None, matrix: VoteMatrix) -> FloatArray:
    """Per statement (matrix column): the length of its loading on the two components,
    times sqrt(number of statements), the scale of a voter's projection."""
    if components is None or components.shape[1] != matrix.n_comments:
        return np.zeros(matrix.n_comments)
    return np.asarray(np.linalg.norm(components, axis=0) * np.sqrt(matrix.n_comments))


def priorities(
    agree: ArrayLike,
    disagree: ArrayLike,
    passes: ArrayLike,
    extremity: ArrayLike | None = None,
    *,
    meta: ArrayLike | None = None,
) -> FloatArray:
    """The priority of each statement from its vote counts (see the module docstring)."""
    a_n = np.asarray(agree, dtype=np.float64)
    d_n = np.asarray(disagree, dtype=np.float64)
    p_n = np.asarray(passes, dtype=np.float64)
    seen = a_n + d_n + p_n
    e = np.zeros_like(seen) if extremity is None else np.asarray(extremity, dtype=np.float64)
    a = (a_n + 1.0) / (seen + 2.0)
    p = (p_n + 1.0) / (seen + 2.0)
    importance = (1.0 - p) * (e + 1.0) * a
    boost = 1.0 + NEW_BOOST * 2.0 ** (-seen / HALF_LIFE)
    out = (importance * boost) ** 2
    if meta is not None:
        out = np.where(np.asarray(meta, dtype=bool), META, out)
    return out


def distribution(priority: ArrayLike, voted: ArrayLike | None = None) -> FloatArray:
    """Probability of showing each statement next (0 for those already voted on)."""
    w = np.asarray(priority, dtype=np.float64).copy()
    if voted is not None:
        w[np.asarray(voted, dtype=bool)] = 0.0
    w[~np.isfinite(w) | (w < 0)] = 0.0
    total = w.sum()
    if total <= 0:
        left = np.ones_like(w) if voted is None else (~np.asarray(voted, dtype=bool)).astype(float)
        total = left.sum()
        return left / total if total else left
    return w / total


def next_statement(
    statement_ids: Sequence[Any],
    priority: ArrayLike,
    *,
    voted: Collection[Any] = (),
    rng: np.random.Generator | None = None,
) -> Any | None:
    """One statement id the voter has not voted on, drawn by priority; None when none is
    left."""
    ids = list(statement_ids)
    mask = np.fromiter((sid in voted for sid in ids), bool, len(ids))
    if mask.all():
        return None
    probs = distribution(priority, mask)
    generator = rng if rng is not None else np.random.default_rng()
    return ids[int(generator.choice(len(ids), p=probs))]


def total_variation_from_uniform(probs: ArrayLike) -> float:
    """Half the L1 distance between `probs` and the uniform distribution over the same
    (non-zero-support) statements: 0 = uniform, close to 1 = concentrated."""
    p = np.asarray(probs, dtype=np.float64)
    support = p > 0
    if support.sum() == 0:
        return 0.0
    uniform = support / support.sum()
    return float(0.5 * np.abs(p - uniform).sum())
