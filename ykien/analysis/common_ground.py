"""Common ground and differences between opinion groups, and a bridging score.

Pure numpy, no Django. Two views of "agreement across groups", for statements voted on
(agree / disagree / pass) and for the comments' stances on each clause:

- **Per group** (`classify`): each group's agreement with a statement is
  ``(agrees + 1) / (seen + 2)`` (Polis's estimate, passes counted as seen; the pseudo-counts
  keep a group that saw a statement twice from counting as unanimous).
  *Common ground*: every group agrees at least `COMMON_GROUND` (0.6, as Jigsaw's
  Sensemaker), and every group saw it at least `MIN_SEEN` times. *Common ground against*:
  every group disagrees that much. *Differences*: among the groups that saw it at least
  `MIN_SEEN` times, the most and least agreeing are at least `DIFFERENCE` (0.3) apart.
- **Bridging** (`bridging_scores`): matrix factorisation with the viewpoint factored out,
  as Community Notes ranks notes. An agree is 1, a disagree 0 (passes are left out), and
  each vote is modelled as ``mu + b_participant + b_statement + f_participant * f_statement``
  with one latent factor, fitted by alternating ridge regressions (regularisation 0.15 on
  the intercepts and 0.03 on the factors, Community Notes' values). The factor soaks up the
  agreement that follows the participants' side; the statement's intercept
  ``b_statement`` is the agreement left over, from everyone: the bridging score. A
  statement that only the larger camp loves gets a large factor and a small intercept; one
  that both camps accept gets a large intercept. Statements with fewer than
  `MIN_RATINGS` agree/disagree votes get no score.

Both are deterministic for a seed, and the thresholds are tested on fixtures whose answer
is known (`tests/test_common_ground.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ykien.analysis.opinion_groups import VoteCounts, VoteMatrix

__all__ = [
    "COMMON_GROUND",
    "DIFFERENCE",
    "MIN_RATINGS",
    "MIN_SEEN",
    "Bridging",
    "Standing",
    "bridging_scores",
    "classify",
]

COMMON_GROUND = 0.6
DIFFERENCE = 0.3
MIN_SEEN = 3
MIN_RATINGS = 5
LAMBDA_INTERCEPT = 0.15
LAMBDA_FACTOR = 0.03
ITERATIONS = 200
TOLERANCE = 1e-9

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class Bridging:
    """The fitted model; statement arrays follow `comment_ids`."""

    comment_ids: NDArray[Any]
    mu: float
    intercept: FloatArray  # the bridging score; NaN with fewer than MIN_RATINGS ratings
    factor: FloatArray
    ratings: NDArray[np.int64]  # agree + disagree votes per statement
    participant_factor: FloatArray
    iterations: int

    def score_of(self) -> dict[Any, float | None]:
        return {
            (c.item() if isinstance(c, np.generic) else c): (None if np.isnan(v) else float(v))
            for c, v in zip(self.comment_ids, self.intercept, strict=True)
        }


def bridging_scores(
    matrix: VoteMatrix,
    *,
    seed: int = 0,
    iterations: int = ITERATIONS,
    lambda_intercept: float = LAMBDA_INTERCEPT,
    lambda_factor: float = LAMBDA_FACTOR,
    min_ratings: int = MIN_RATINGS,
) -> Bridging:
    """Fit ``agree ≈ mu + b_u + b_i + f_u * f_i`` on the non-pass votes (see the module
    docstring). Each round solves, in closed form and for every statement at once, the
    2×2 ridge regression of its (b_i, f_i) given the participants, then the same for the
    participants, then ``mu``; it stops when nothing moves by more than 1e-9."""
    n_p, n_c = matrix.n_participants, matrix.n_comments
    rows = matrix.row_of_vote().astype(np.int64)
    cols = matrix.indices.astype(np.int64)
    vals = matrix.values
    rated = vals != 0
    u, i = rows[rated], cols[rated]
    r = (vals[rated] > 0).astype(np.float64)
    count_i = np.bincount(i, minlength=n_c)
    rng = np.random.default_rng(seed)
    b_u = np.zeros(n_p)
    b_i = np.zeros(n_c)
    f_u = rng.normal(0.0, 0.1, n_p)
    f_i = rng.normal(0.0, 0.1, n_c)
    mu = float(r.mean()) if len(r) else 0.0
    done = 0
    if len(r):
        for done in range(1, iterations + 1):  # noqa: B007 - the count is reported
            before = (b_i.copy(), f_i.copy(), mu)
            b_i, f_i = _solve(i, u, r - mu - b_u[u], f_u, n_c, lambda_intercept, lambda_factor)
            b_u, f_u = _solve(u, i, r - mu - b_i[i], f_i, n_p, lambda_intercept, lambda_factor)
            mu = float((r - b_u[u] - b_i[i] - f_u[u] * f_i[i]).mean())
            moved = max(
                float(np.abs(b_i - before[0]).max(initial=0.0)),
                float(np.abs(f_i - before[1]).max(initial=0.0)),
                abs(mu - before[2]),
            )
            if moved < TOLERANCE:
                break
    # The factor's sign is arbitrary: make the statement with the largest |f_i| positive.
    if len(f_i) and f_i[np.argmax(np.abs(f_i))] < 0:
        f_i, f_u = -f_i, -f_u
    intercept = np.where(count_i >= min_ratings, b_i, np.nan)
    return Bridging(
        comment_ids=matrix.comment_ids,
        mu=mu,
        intercept=intercept,
        factor=f_i,
        ratings=count_i.astype(np.int64),
        participant_factor=f_u,
        iterations=done,
    )


def _solve(
    own: NDArray[np.int64],
    other: NDArray[np.int64],
    target: FloatArray,
    other_factor: FloatArray,
    n: int,
    lam_b: float,
    lam_f: float,
) -> tuple[FloatArray, FloatArray]:
    """For each entity j (indexed by `own`), the ridge solution of
    ``target ≈ b_j + f_j * other_factor[other]`` over its ratings."""
    g = other_factor[other]
    s1 = np.bincount(own, minlength=n).astype(np.float64)
    sg = np.bincount(own, weights=g, minlength=n)
    sgg = np.bincount(own, weights=g * g, minlength=n)
    st = np.bincount(own, weights=target, minlength=n)
    stg = np.bincount(own, weights=target * g, minlength=n)
    a11, a12, a22 = s1 + lam_b, sg, sgg + lam_f
    det = a11 * a22 - a12 * a12
    det = np.where(np.abs(det) < 1e-300, 1e-300, det)
    b = (a22 * st - a12 * stg) / det
    f = (a11 * stg - a12 * st) / det
    return b, f


@dataclass(frozen=True)
class Standing:
    """Where a statement stands across the groups."""

    comment: Any
    agree: tuple[float, ...]  # per group: (agrees + 1) / (seen + 2)
    disagree: tuple[float, ...]
    seen: tuple[int, ...]
    kind: str  # "common_ground", "common_ground_against", "difference" or ""
    spread: float  # most minus least agreeing group, of those that saw it `min_seen` times
    bridging: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "comment": self.comment.item()
            if isinstance(self.comment, np.generic)
            else self.comment,
            "agree": [round(x, 4) for x in self.agree],
            "disagree": [round(x, 4) for x in self.disagree],
            "seen": list(self.seen),
            "kind": self.kind,
            "spread": round(self.spread, 4),
            "bridging": None if self.bridging is None else round(self.bridging, 4),
        }


def classify(
    counts: VoteCounts,
    comment_ids: NDArray[Any],
    *,
    bridging: Bridging | None = None,
    excluded: NDArray[np.bool_] | None = None,
    common_ground: float = COMMON_GROUND,
    difference: float = DIFFERENCE,
    min_seen: int = MIN_SEEN,
) -> list[Standing]:
    """The standing of every statement (`counts`: one row per group). Sorted: common
    ground first (by bridging score, then by the least agreeing group), then common ground
    against, then differences (widest first), then the rest. `excluded` statements (moderated
    out) are left out. With fewer than two groups nothing is common ground or a difference
    (there is no "across")."""
    na, nd, ns = counts.agree, counts.disagree, counts.seen
    n_groups = na.shape[0]
    pa = (na + 1.0) / (ns + 2.0)
    pd = (nd + 1.0) / (ns + 2.0)
    score = (
        dict(zip(bridging.comment_ids.tolist(), bridging.intercept, strict=True))
        if bridging is not None
        else {}
    )
    out: list[Standing] = []
    for j, cid in enumerate(comment_ids.tolist()):
        if excluded is not None and excluded[j]:
            continue
        seen = ns[:, j]
        kind = ""
        # Only groups that saw it enough are compared: a group that never saw it sits at the
        # prior's 50%, which is no opinion and must not set the spread.
        counted = pa[:, j][seen >= min_seen]
        spread = float(counted.max() - counted.min()) if counted.size >= 2 else 0.0
        if n_groups >= 2:
            enough = bool((seen >= min_seen).all())
            if enough and (pa[:, j] >= common_ground).all():
                kind = "common_ground"
            elif enough and (pd[:, j] >= common_ground).all():
                kind = "common_ground_against"
            elif spread >= difference:
                kind = "difference"
        value = score.get(cid)
        out.append(
            Standing(
                comment=cid,
                agree=tuple(float(x) for x in pa[:, j]),
                disagree=tuple(float(x) for x in pd[:, j]),
                seen=tuple(int(x) for x in seen),
                kind=kind,
                spread=spread,
                bridging=None if value is None or np.isnan(value) else float(value),
            )
        )
    order = {"common_ground": 0, "common_ground_against": 1, "difference": 2, "": 3}

    def key(s: Standing) -> tuple[float, ...]:
        bridge = s.bridging if s.bridging is not None else -np.inf
        if s.kind == "common_ground":
            return (order[s.kind], -bridge, -min(s.agree))
        if s.kind == "common_ground_against":
            return (order[s.kind], -min(s.disagree), 0.0)
        if s.kind == "difference":
            return (order[s.kind], -s.spread, 0.0)
        return (order[s.kind], -bridge, 0.0)

    return sorted(out, key=key)
