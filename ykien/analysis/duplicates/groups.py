"""Step 3: the groups as callers see them (each once, with its members), which of them look
coordinated (campaigns), and pairwise precision and recall against true labels."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt

from ykien.analysis.duplicates.grouping import (
    _unique_inverse,
    group_signatures,
)
from ykien.analysis.duplicates.minhash import (
    DEFAULT_CONTAINMENT,
    DEFAULT_NUM_PERM,
    DEFAULT_SHINGLE_SIZE,
    DEFAULT_THRESHOLD,
    I64Array,
    signatures_and_sizes,
)


def duplicate_labels(
    texts: Iterable[str],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    containment: float | None = DEFAULT_CONTAINMENT,
    num_perm: int = DEFAULT_NUM_PERM,
    shingle_size: int = DEFAULT_SHINGLE_SIZE,
    workers: int = 1,
) -> I64Array:
    """`group_signatures(*signatures_and_sizes(texts))`: the group label of every text."""
    sig, sizes = signatures_and_sizes(
        texts, num_perm=num_perm, shingle_size=shingle_size, workers=workers
    )
    return group_signatures(
        sig, sizes=sizes, threshold=threshold, containment=containment, workers=workers
    )


@dataclass(frozen=True, slots=True)
class DuplicateGroup:
    """Texts that are the same or nearly so; `members` are indices into the input."""

    group: int
    members: tuple[int, ...]

    @property
    def size(self) -> int:
        return len(self.members)


def groups_from_labels(labels: npt.ArrayLike, *, min_size: int = 2) -> list[DuplicateGroup]:
    """Each group of at least `min_size` once, largest first (ties: earliest first),
    numbered from 1; members in input order."""
    lab = np.asarray(labels, dtype=np.int64)
    if lab.size == 0:
        return []
    _, inverse = _unique_inverse(lab)
    counts = np.bincount(inverse)
    big = counts >= max(min_size, 1)
    if not big.any():
        return []
    member_mask = big[inverse]
    members = np.flatnonzero(member_mask)
    member_group = inverse[member_mask]
    order = np.argsort(member_group, kind="stable")
    members = members[order]
    sizes = counts[big]
    chunks = np.split(members, np.cumsum(sizes)[:-1])
    ranked = sorted(chunks, key=lambda c: (-len(c), int(c[0])))
    return [
        DuplicateGroup(group=i, members=tuple(int(x) for x in chunk))
        for i, chunk in enumerate(ranked, start=1)
    ]


def duplicate_groups(
    texts: Iterable[str],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    containment: float | None = DEFAULT_CONTAINMENT,
    min_size: int = 2,
    workers: int = 1,
) -> list[DuplicateGroup]:
    """Groups of near-duplicate texts (at least `min_size` each), largest first."""
    labels = duplicate_labels(texts, threshold=threshold, containment=containment, workers=workers)
    return groups_from_labels(labels, min_size=min_size)


# --- step 3: campaigns ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Campaign:
    """A group of near-duplicates that looks coordinated, and why.

    `reasons` holds one or more of: "burst" (at least `burst_share` of the group within
    one `window`), "repeated_authors" (authors who wrote several of the group's comments
    wrote at least `repeat_share` of it), "new_authors" (new identities wrote at least
    `new_share` of it), "size" (only when neither times nor authors are known).
    """

    group: int
    members: tuple[int, ...]
    reasons: tuple[str, ...]
    peak: int | None = None  # most members within one window
    peak_start: float | None = None  # POSIX seconds of the start of that window
    authors: int | None = None  # distinct authors
    repeated: int | None = None  # members whose author wrote more than one member
    new: int | None = None  # members written by new identities

    @property
    def size(self) -> int:
        return len(self.members)


def _seconds(timestamps: Sequence[Any] | npt.NDArray[Any]) -> npt.NDArray[np.float64]:
    arr = np.asarray(timestamps)
    if np.issubdtype(arr.dtype, np.datetime64):
        return arr.astype("datetime64[ms]").astype(np.int64) / 1000.0
    if arr.dtype == object:
        out = np.empty(len(arr), np.float64)
        for i, value in enumerate(arr):
            if isinstance(value, datetime):
                if value.tzinfo is None:
                    raise ValueError("timestamps must be aware datetimes")
                out[i] = value.timestamp()
            else:
                out[i] = float(value)
        return out
    return arr.astype(np.float64)


def campaigns(
    groups: Iterable[DuplicateGroup],
    *,
    timestamps: Sequence[Any] | npt.NDArray[Any] | None = None,
    author_ids: Sequence[str] | None = None,
    new_authors: Collection[str] | None = None,
    window: timedelta = timedelta(hours=6),
    min_size: int = 5,
    burst_share: float = 0.5,
    repeat_share: float = 0.3,
    new_share: float = 0.5,
) -> list[Campaign]:
    """The duplicate groups that look like campaigns, largest first.

    `timestamps` (aware datetimes, numpy datetime64 or POSIX seconds) and `author_ids`
    are indexed like the texts the groups came from; `new_authors` are the ids the
    caller knows to be new identities (for example accounts created during the
    consultation). A group needs at least `min_size` members and one reason (see
    `Campaign`). Without timestamps and authors, size alone flags a group.
    """
    seconds = _seconds(timestamps) if timestamps is not None else None
    window_s = window.total_seconds()
    new_set = frozenset(new_authors) if new_authors is not None else None
    found: list[Campaign] = []
    for group in groups:
        if group.size < min_size:
            continue
        idx = np.asarray(group.members, dtype=np.int64)
        reasons: list[str] = []
        peak = peak_start = authors = repeated = new = None
        if seconds is not None:
            times = np.sort(seconds[idx])
            within = np.searchsorted(times, times + window_s, side="right") - np.arange(len(times))
            best = int(np.argmax(within))
            peak, peak_start = int(within[best]), float(times[best])
            if peak >= min_size and peak >= burst_share * group.size:
                reasons.append("burst")
        if author_ids is not None:
            names = [author_ids[i] for i in group.members]
            _, name_index, name_counts = np.unique(
                np.asarray(names, dtype=object).astype(str), return_inverse=True, return_counts=True
            )
            authors = len(name_counts)
            repeated = int(np.count_nonzero(name_counts[name_index] > 1))
            if repeated >= 2 and repeated >= repeat_share * group.size:
                reasons.append("repeated_authors")
            if new_set is not None:
                new = sum(1 for name in names if name in new_set)
                if new >= new_share * group.size:
                    reasons.append("new_authors")
        if seconds is None and author_ids is None:
            reasons.append("size")
        if reasons:
            found.append(
                Campaign(
                    group=group.group,
                    members=group.members,
                    reasons=tuple(reasons),
                    peak=peak,
                    peak_start=peak_start,
                    authors=authors,
                    repeated=repeated,
                    new=new,
                )
            )
    found.sort(key=lambda c: (-c.size, c.members[0]))
    return found


# --- evaluation ----------------------------------------------------------------------------


def pairwise_scores(predicted: npt.ArrayLike, truth: npt.ArrayLike) -> tuple[float, float]:
    """Pairwise (precision, recall) of a grouping against the true one.

    Both are label arrays over the same texts; in `truth` a negative label means "in no
    group". A pair counts when both texts share a label. With no predicted (or true)
    pairs, precision (or recall) is 1.
    """
    pred = np.asarray(predicted, dtype=np.int64)
    true = np.asarray(truth, dtype=np.int64).copy()
    if pred.shape != true.shape:
        raise ValueError("predicted and truth differ in length")
    alone = true < 0
    true[alone] = true.max(initial=0) + 1 + np.arange(int(alone.sum()))

    def pairs(counts: npt.NDArray[np.int64]) -> int:
        c = counts.astype(np.int64)
        return int((c * (c - 1) // 2).sum())

    _, pred_index = _unique_inverse(pred)
    _, true_index = _unique_inverse(true)
    pred_counts = np.bincount(pred_index)
    true_counts = np.bincount(true_index)
    _, joint_index = _unique_inverse(pred_index * len(true_counts) + true_index)
    joint_counts = np.bincount(joint_index)
    tp, pp, tp_all = pairs(joint_counts), pairs(pred_counts), pairs(true_counts)
    precision = tp / pp if pp else 1.0
    recall = tp / tp_all if tp_all else 1.0
    return precision, recall
