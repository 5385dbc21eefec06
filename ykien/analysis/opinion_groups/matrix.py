"""The vote matrix: one row per participant, one column per comment, the latest vote of each."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ykien.analysis.opinion_groups.base import (
    AGREE,
    DISAGREE,
    FloatArray,
    IntArray,
)


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
