"""Statistics: representative comments, consensus, group-aware consensus."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ykien.analysis.opinion_groups.base import (
    PICK_MAX,
    Z_90,
    BoolArray,
    Direction,
    FloatArray,
    IntArray,
)
from ykien.analysis.opinion_groups.matrix import VoteMatrix


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
