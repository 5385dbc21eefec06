"""Near-duplicate comments and campaigns.

Groups comments that are the same or nearly the same: a form letter with a personal
introduction added, a few words or synonyms changed, a sentence dropped, typed with or
without diacritics. Pure numpy, no Django, so it runs in a web process, a task worker
or, partition by partition, on a Dask cluster.

Two texts are near-duplicates when the Jaccard similarity of their sets of word pairs
(`shingle_size` consecutive words of `text.tokens`) reaches `threshold`. A group is a
star: every member is a near-duplicate of the group's central text.

The method, in three steps, without a Python loop over texts or pairs:

1. `signatures(texts)` (per partition, embarrassingly parallel): hash the tokens of a
   batch of texts at once (`text.hash_tokens`: lower case, no diacritics, punctuation
   dropped), hash their word pairs, and summarise each set by a one-permutation MinHash:
   a pair hash picks one of `num_perm` bins with its high bits and competes for the
   bin's minimum with its low 32 bits (each pair goes to two bins, which halves the
   empty ones); empty bins are filled by "optimal densification" (Shrivastava 2017), so
   two texts agree on a bin with probability equal to their Jaccard similarity. One
   hash per pair instead of `num_perm` is what makes it fast. Result: an
   (n, num_perm) uint32 array.
2. `group_signatures(signatures)` (one pass over all signatures): identical signatures
   are collapsed first (exact copies), banded LSH proposes candidate pairs by sorting
   band hashes (`np.argsort`, no Python dicts; each member of a bucket is paired with
   the bucket's leader), candidates are verified on 8-bit fingerprints of the minima,
   and the verified links are cut into stars around approximate medoids of their
   connected components (`scipy.sparse.csgraph`).
3. `groups_from_labels` lists each group once with its members; `campaigns` flags the
   groups that look coordinated (many in a short window, new or repeated identities).
"""

from __future__ import annotations

import functools
import itertools
import math
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from ykien.analysis.text import hash_tokens, mix64

__all__ = [
    "DEFAULT_NUM_PERM",
    "DEFAULT_SHINGLE_SIZE",
    "DEFAULT_THRESHOLD",
    "Campaign",
    "DuplicateGroup",
    "campaigns",
    "duplicate_groups",
    "duplicate_labels",
    "group_signatures",
    "groups_from_labels",
    "lsh_bands",
    "pairwise_scores",
    "shingle_hashes",
    "signatures",
]

DEFAULT_THRESHOLD = 0.5
DEFAULT_CONTAINMENT = 0.6
DEFAULT_NUM_PERM = 128
DEFAULT_SHINGLE_SIZE = 2
EMPTY = np.uint32(0xFFFFFFFF)  # a bin no shingle fell into; a row of EMPTY = a text with no words

_T = TypeVar("_T")
_R = TypeVar("_R")
_U64 = np.uint64
_U32 = np.uint32
_SHINGLE_MULT = _U64(0xC2B2AE3D27D4EB4F)
_BAND_MULT = _U64(0x165667B19E3779F9)
_DENSIFY_ATTEMPTS = 64
_PLACEMENTS = 2
_PLACEMENT_SALT = 0x632BE59BD9B4E019
_BATCH = 2048
_ROW_CHUNK = 1 << 16
_HASH_CHUNK = 4096
_SAMPLE = 16  # members compared to find a group's centre
_CONSENSUS_SAMPLE = 32  # members whose fingerprints vote for a group's consensus
_MIN_CONSENSUS = 0.3  # share of bins with a consensus for a group to be checked by it
_MEMBER_AGREEMENT = 0.3  # share of the consensus bins a member must agree on
_MEMBER_SHARE = 0.2  # and share of all its bins (the template must be a good part of it)
_MIN_JACCARD = 0.3  # containment also needs this much Jaccard similarity
_MIN_CONTAINED_SHINGLES = 30  # and a smaller text of at least this many shingles (two sentences)
_ROUNDS = 8  # regrouping rounds for members far from their group's centre
_VERIFY_CHUNK = 1 << 17

U8Array = npt.NDArray[np.uint8]
U32Array = npt.NDArray[np.uint32]
U64Array = npt.NDArray[np.uint64]
I64Array = npt.NDArray[np.int64]


# --- step 1: signatures ------------------------------------------------------------------


def shingle_hashes(
    token_hashes: U64Array, offsets: I64Array, *, size: int = DEFAULT_SHINGLE_SIZE, seed: int = 0
) -> tuple[U64Array, I64Array]:
    """Hashes of the word shingles of each text, from `text.hash_tokens` output.

    A text of at least `size` words has one shingle per run of `size` consecutive words;
    a shorter text (but not an empty one) has one shingle of all its words.
    Returns `(hashes, doc)`: shingle hashes and the index of the text each belongs to.
    """
    if size < 1:
        raise ValueError("size must be at least 1")
    n = len(offsets) - 1
    counts = np.diff(offsets)
    doc = np.repeat(np.arange(n, dtype=np.int64), counts)
    m = len(token_hashes)
    salt = mix64(np.array([seed + 0x5EED], _U64))[0]
    if m == 0:
        return np.empty(0, _U64), np.empty(0, np.int64)
    # shingles of full length
    full = max(m - size + 1, 0)
    acc = token_hashes[:full].copy()
    for j in range(1, size):
        acc *= _SHINGLE_MULT
        acc += token_hashes[j : j + full]
    valid = doc[:full] == doc[size - 1 : size - 1 + full]
    long_hashes = acc[valid]
    long_doc = doc[:full][valid]
    # texts shorter than one shingle: one shingle of all their words
    short = np.flatnonzero((counts >= 1) & (counts < size))
    if len(short):
        first = offsets[short]
        short_acc = token_hashes[first].copy()
        for j in range(1, size - 1):
            has = counts[short] > j
            nxt = token_hashes[np.minimum(first + j, m - 1)]
            short_acc[has] = short_acc[has] * _SHINGLE_MULT + nxt[has]
        long_hashes = np.concatenate([long_hashes, short_acc])
        long_doc = np.concatenate([long_doc, short])
    long_hashes ^= salt
    return mix64(long_hashes), long_doc


@dataclass(frozen=True, slots=True)
class _Donors:
    table: npt.NDArray[np.intp]  # (attempts, num_perm): donor bin of bin j at attempt t


_donor_cache: dict[tuple[int, int], _Donors] = {}


def _donors(num_perm: int, seed: int) -> _Donors:
    key = (num_perm, seed)
    found = _donor_cache.get(key)
    if found is None:
        rng = np.random.default_rng([0xD0, num_perm, seed])
        table = rng.integers(0, num_perm, size=(_DENSIFY_ATTEMPTS, num_perm)).astype(np.intp)
        table.setflags(write=False)
        found = _donor_cache.setdefault(key, _Donors(table))
    return found


def _densify(sig: U32Array, seed: int) -> None:
    """Fill empty bins in place. Bin j of a text takes the value of bin donors[t, j] for
    the first attempt t whose donor bin is not empty; the donor sequence is the same for
    every text, which keeps the signatures comparable (Shrivastava 2017)."""
    k = sig.shape[1]
    flat = sig.reshape(-1)
    holes = np.flatnonzero(flat == EMPTY)
    if len(holes) == 0:
        return
    row = holes // k
    # a text without words keeps its row of EMPTY
    has_any = (sig != EMPTY).any(axis=1)[row]
    holes, row = holes[has_any], row[has_any]
    row_start = row * k
    col = holes - row_start
    original = flat.copy()
    donors = _donors(k, seed).table
    for attempt in range(_DENSIFY_ATTEMPTS):
        values = original[row_start + donors[attempt].take(col)]
        found = values != EMPTY
        flat[holes[found]] = values[found]
        left = ~found
        holes, row_start, col = holes[left], row_start[left], col[left]
        if len(holes) == 0:
            return
    # Texts with one or two shingles can be left with empty bins: use the row minimum,
    # a function of the set alone, so equal sets still get equal signatures.
    row_min = sig.min(axis=1)
    flat[holes] = row_min[row_start // k]


def _signature_batch(
    texts: Sequence[str], num_perm: int, shingle_size: int, seed: int
) -> tuple[U32Array, U32Array]:
    n = len(texts)
    token_hashes, offsets = hash_tokens(texts)
    words = np.diff(offsets)
    sizes = np.where(words > 0, np.maximum(words - shingle_size + 1, 1), 0).astype(_U32)
    sh, doc = shingle_hashes(token_hashes, offsets, size=shingle_size, seed=seed)
    del token_hashes, offsets
    # One-permutation hashing: the high 32 bits choose the bin, the low 32 bits compete.
    # Each shingle goes to two bins (the second from a re-mixed hash): half as many empty
    # bins to densify, and a slightly better estimate, for one more pass over shingles.
    sig = np.full(n * num_perm, EMPTY, _U32)
    row = doc * num_perm
    del doc
    for placement in range(_PLACEMENTS):
        h = sh if placement == 0 else mix64(sh ^ _U64(_PLACEMENT_SALT * placement))
        bins = ((h >> _U64(32)) * _U64(num_perm)) >> _U64(32)
        np.minimum.at(sig, row + bins.astype(np.int64), h.astype(_U32))  # low 32 bits
    del sh, row
    sig2d = sig.reshape(n, num_perm)
    _densify(sig2d, seed)
    return sig2d, sizes


def _batches(texts: Iterable[str], size: int) -> Iterator[Sequence[str]]:
    if isinstance(texts, Sequence):
        for start in range(0, len(texts), size):
            yield texts[start : start + size]
        return
    iterator = iter(texts)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _ordered_map(fn: Callable[[_T], _R], items: Iterable[_T], workers: int) -> Iterator[_R]:
    """`map(fn, items)` on up to `workers` threads, in order, with at most 2 × workers
    items in flight (so a generator of texts is not read ahead into memory)."""
    if workers <= 1:
        yield from map(fn, items)
        return
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending: deque[Future[_R]] = deque()
        for item in items:
            pending.append(pool.submit(fn, item))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def signatures_and_sizes(
    texts: Iterable[str],
    *,
    num_perm: int = DEFAULT_NUM_PERM,
    shingle_size: int = DEFAULT_SHINGLE_SIZE,
    seed: int = 0,
    workers: int = 1,
    batch_size: int = _BATCH,
) -> tuple[U32Array, U32Array]:
    """MinHash signatures of `texts` (an (n, num_perm) uint32 array) and the number of
    word shingles of each text (n uint32; 0 for a text without words).

    Pure and deterministic: signatures computed on separate partitions with the same
    parameters can be concatenated and grouped together. A text without words gets a
    row of `EMPTY`. `workers` > 1 computes batches on threads (numpy releases the GIL).
    The sizes let `group_signatures` see containment (a short copy inside a long one).
    """
    if num_perm < 1:
        raise ValueError("num_perm must be at least 1")

    def compute(batch: Sequence[str]) -> tuple[U32Array, U32Array]:
        return _signature_batch(batch, num_perm, shingle_size, seed)

    results = _ordered_map(compute, _batches(texts, batch_size), workers)
    if isinstance(texts, Sequence):
        # known length: fill one array instead of concatenating parts (half the memory)
        out = np.empty((len(texts), num_perm), _U32)
        sizes = np.empty(len(texts), _U32)
        start = 0
        for part, part_sizes in results:
            out[start : start + len(part)] = part
            sizes[start : start + len(part)] = part_sizes
            start += len(part)
        return out, sizes
    parts = list(results)
    if not parts:
        return np.empty((0, num_perm), _U32), np.empty(0, _U32)
    if len(parts) == 1:
        return parts[0]
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def signatures(
    texts: Iterable[str],
    *,
    num_perm: int = DEFAULT_NUM_PERM,
    shingle_size: int = DEFAULT_SHINGLE_SIZE,
    seed: int = 0,
    workers: int = 1,
    batch_size: int = _BATCH,
) -> U32Array:
    """The signatures of `signatures_and_sizes` alone."""
    sig, _ = signatures_and_sizes(
        texts,
        num_perm=num_perm,
        shingle_size=shingle_size,
        seed=seed,
        workers=workers,
        batch_size=batch_size,
    )
    return sig


# --- step 2: grouping -----------------------------------------------------------------


@functools.lru_cache(maxsize=64)
def lsh_bands(threshold: float, num_perm: int, *, recall_weight: float = 0.8) -> tuple[int, int]:
    """(bands, rows) for banded LSH: minimises the weighted area of missed pairs above
    `threshold` and of candidate pairs below it. Misses weigh more than false candidates
    (`recall_weight`) because every candidate is verified afterwards."""
    s = np.linspace(0.0, 1.0, 1001)
    below, above = s <= threshold, s >= threshold
    best: tuple[float, int, int] | None = None
    for rows in range(1, num_perm + 1):
        bands = num_perm // rows
        p = 1.0 - (1.0 - s**rows) ** bands
        false_pos = np.trapezoid(p[below], s[below]) if below.sum() > 1 else 0.0
        false_neg = np.trapezoid(1.0 - p[above], s[above]) if above.sum() > 1 else 0.0
        cost = (1.0 - recall_weight) * float(false_pos) + recall_weight * float(false_neg)
        if best is None or cost < best[0]:
            best = (cost, bands, rows)
    if best is None:
        raise ValueError("num_perm must be at least 1")
    return best[1], best[2]


def _row_hash(part: U32Array) -> U64Array:
    """One 64-bit hash per row of `part` (a band, or the whole signature)."""
    acc = part[:, 0].astype(_U64)
    for j in range(1, part.shape[1]):
        acc *= _BAND_MULT
        acc += part[:, j]
    return mix64(acc)


def _candidate_pairs(band_hash: U64Array) -> tuple[I64Array, I64Array]:
    """Within each run of equal hashes, each member paired with the run's leader
    (positions into `band_hash`)."""
    members = np.argsort(band_hash)
    values = band_hash[members]
    leads = np.r_[True, values[1:] != values[:-1]]
    leader = members[leads][np.cumsum(leads) - 1]
    follows = ~leads
    return leader[follows].astype(np.int64), members[follows].astype(np.int64)


def _components(n: int, a: I64Array, b: I64Array) -> I64Array:
    graph = coo_matrix((np.ones(len(a), np.int8), (a, b)), shape=(n, n)).tocsr()
    _, labels = connected_components(graph, directed=False)
    return np.asarray(labels, dtype=np.int64)


def _sorted_unique(values: I64Array) -> I64Array:
    """np.unique without its hash-based path, which is slow on millions of int64."""
    values = np.sort(values)
    if len(values) == 0:
        return values
    keep = np.empty(len(values), np.bool_)
    keep[0] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


def _unique_inverse(values: npt.NDArray[Any]) -> tuple[I64Array, I64Array]:
    """(first, inverse): the index of the first occurrence of each distinct value (in
    order of value) and, for each element, the number of its value in that order."""
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    new = np.empty(len(values), np.bool_)
    new[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
    inverse = np.empty(len(values), np.int64)
    inverse[order] = np.cumsum(new) - 1
    return order[new].astype(np.int64), inverse


def _need(threshold: float, k: int) -> int:
    """Entries of two 8-bit fingerprints that must agree for a Jaccard estimate of at
    least `threshold`: unequal minima still agree on their low byte once in 256."""
    p = threshold + (1.0 - threshold) / 256.0
    return math.ceil(p * k - 1e-9)


def _agreement(fp: U8Array, a: I64Array, b: I64Array, workers: int = 1) -> I64Array:
    """Number of equal entries between rows a[i] and b[i] of `fp`."""

    def chunk(start: int) -> I64Array:
        stop = start + _VERIFY_CHUNK
        equal = fp[a[start:stop]] == fp[b[start:stop]]
        return np.asarray(np.count_nonzero(equal, axis=1), dtype=np.int64)

    parts = list(_ordered_map(chunk, range(0, len(a), _VERIFY_CHUNK), workers))
    return np.concatenate(parts) if parts else np.empty(0, np.int64)


def _band_hashes(sig: U32Array, bands: int, rows_per_band: int, workers: int) -> U64Array:
    """(bands + 1, n) hashes: one per band of each row, and last the whole row."""
    n = sig.shape[0]
    out = np.empty((bands + 1, n), _U64)

    def chunk(start: int) -> None:
        part = sig[start : start + _HASH_CHUNK]  # small enough to stay in cache
        stop = start + len(part)
        for band in range(bands):
            out[band, start:stop] = _row_hash(
                part[:, band * rows_per_band : (band + 1) * rows_per_band]
            )
        rest = part[:, bands * rows_per_band :]
        whole = _row_hash(rest) if rest.shape[1] else np.zeros(len(part), _U64)
        for band in range(bands):
            whole *= _BAND_MULT
            whole ^= out[band, start:stop]
        out[bands, start:stop] = mix64(whole)

    for _ in _ordered_map(chunk, range(0, n, _HASH_CHUNK), workers):
        pass
    return out


@dataclass(frozen=True, slots=True)
class _Rule:
    """When two texts are near-duplicates, from the agreement of their fingerprints.

    Either their Jaccard similarity reaches `threshold`, or (with sizes) the smaller one is
    at least `containment` inside the larger one, has at least `min_shingles` shingles and
    their Jaccard similarity is at least `min_jaccard` (a long letter contains many short
    comments' phrases; containment alone would tie them together)."""

    k: int
    threshold: float
    containment: float
    min_jaccard: float
    min_shingles: int

    def jaccard(self, agree: I64Array) -> npt.NDArray[np.float64]:
        """MinHash estimate of the Jaccard similarity from 8-bit fingerprints: unequal
        minima still agree on their low byte once in 256."""
        raw = agree / self.k
        return np.clip((raw - 1.0 / 256.0) / (1.0 - 1.0 / 256.0), 0.0, 1.0)

    def similar(
        self, agree: I64Array, size_a: npt.NDArray[Any] | None, size_b: npt.NDArray[Any] | None
    ) -> npt.NDArray[np.bool_]:
        """Similar by Jaccard similarity or, with sizes, by containment."""
        j = self.jaccard(agree)
        ok = j >= self.threshold - 1e-9
        if size_a is None or size_b is None or self.containment > 1.0:
            return ok
        a = size_a.astype(np.float64)
        b = size_b.astype(np.float64)
        small = np.minimum(a, b)
        inter = j * (a + b) / (1.0 + j)  # |A ∩ B| from J and the sizes
        contained = inter >= self.containment * small - 1e-9
        return ok | (contained & (j >= self.min_jaccard) & (small >= self.min_shingles))


def _verified_edges(
    band_hashes: U64Array,
    reps: I64Array,
    fp: U8Array,
    rule: _Rule,
    sizes: npt.NDArray[Any] | None,
    workers: int,
) -> tuple[I64Array, I64Array, npt.NDArray[np.bool_]]:
    """Pairs of representatives (positions in `reps`, a < b) that share a band hash and
    are similar by `rule`, and whether each pair is similar by Jaccard similarity alone."""
    r = len(reps)

    def band_keys(band: int) -> I64Array:
        a, b = _candidate_pairs(band_hashes[band][reps])
        return _sorted_unique(np.minimum(a, b) * r + np.maximum(a, b))

    bands = len(band_hashes) - 1
    keys = [k for k in _ordered_map(band_keys, range(bands), workers) if len(k)]
    if not keys:
        empty = np.empty(0, np.int64)
        return empty, empty, np.empty(0, np.bool_)
    key = _sorted_unique(np.concatenate(keys))
    del keys
    a, b = key // r, key % r
    del key
    agree = _agreement(fp, a, b, workers)
    by_jaccard = rule.similar(agree, None, None)
    ok = by_jaccard if sizes is None else rule.similar(agree, sizes[a], sizes[b])
    return a[ok], b[ok], by_jaccard[ok]


def _sample_order(comp: I64Array, nodes: I64Array) -> tuple[I64Array, I64Array, I64Array]:
    """`nodes` sorted by component, in a deterministic pseudo-random order within each;
    with each node's position inside its component's run. Returns (nodes, comp, position)."""
    c = comp[nodes]
    shuffle = mix64(nodes.astype(_U64))
    order = np.lexsort((shuffle, c))
    nodes, c = nodes[order], c[order]
    first = np.r_[0, np.flatnonzero(c[1:] != c[:-1]) + 1] if len(c) else np.empty(0, np.int64)
    size = np.diff(np.r_[first, len(c)])
    position = np.arange(len(c)) - np.repeat(first, size)
    return nodes, c, position


def _centres(fp: U8Array, comp: I64Array, nodes: I64Array) -> I64Array:
    """For each component, the node most similar to the others, judged on a sample of
    up to _SAMPLE of its members: an approximate medoid. Indexed by component."""
    nodes, c, position = _sample_order(comp, nodes)
    taken = position < _SAMPLE
    sample, sample_c = nodes[taken], c[taken]
    s_first = np.r_[0, np.flatnonzero(sample_c[1:] != sample_c[:-1]) + 1]
    s_size = np.diff(np.r_[s_first, len(sample_c)])
    # every ordered pair within each component's sample
    block = np.repeat(s_size, s_size)  # for each sampled node: its sample's size
    left = np.repeat(np.arange(len(sample)), block)
    offset = np.arange(len(left)) - np.repeat(np.r_[0, np.cumsum(block)[:-1]], block)
    right = np.repeat(np.repeat(s_first, s_size), block) + offset
    agree = _agreement(fp, sample[left], sample[right])
    score = np.bincount(left, weights=agree, minlength=len(sample))
    # best score per component; ties go to the smaller node
    best = np.lexsort((sample, -score, sample_c))
    best_c = sample_c[best]
    keep = np.r_[True, best_c[1:] != best_c[:-1]]
    centre = np.full(int(comp.max()) + 1, -1, np.int64)
    centre[best_c[keep]] = sample[best[keep]]
    return centre


def _consensus(
    fp: U8Array, comp: I64Array, nodes: I64Array, n_comp: int
) -> tuple[U8Array, npt.NDArray[np.bool_]]:
    """Per component, the consensus fingerprint: in each bin, the value that at least half
    of a sample of up to _CONSENSUS_SAMPLE members share (the minimum of the shingles most
    members have: the template's), and a mask of the bins that have one."""
    k = fp.shape[1]
    nodes, c, position = _sample_order(comp, nodes)
    taken = position < _CONSENSUS_SAMPLE
    sample, sample_c = nodes[taken], c[taken]
    counts = np.bincount(sample_c, minlength=n_comp)
    # one key per (component, bin, value): count the sampled members that hold it
    key = (np.repeat(sample_c, k) * k + np.tile(np.arange(k), len(sample))) * 256 + fp[
        sample
    ].reshape(-1)
    key.sort()
    first = np.r_[0, np.flatnonzero(key[1:] != key[:-1]) + 1]
    support = np.diff(np.r_[first, len(key)])
    values = key[first]
    cell = values // 256  # component * k + bin
    comp_of = cell // k
    strong = 2 * support >= np.maximum(counts[comp_of], 2)
    strong &= support >= 2
    consensus = np.zeros((n_comp, k), np.uint8)
    valid = np.zeros((n_comp, k), np.bool_)
    # a bin could have two values each held by exactly half: keep the smaller (first)
    cells = cell[strong]
    take = np.r_[True, cells[1:] != cells[:-1]] if len(cells) else np.empty(0, np.bool_)
    cells = cells[take]
    consensus.reshape(-1)[cells] = (values[strong][take] % 256).astype(np.uint8)
    valid.reshape(-1)[cells] = True
    return consensus, valid


def _verified_groups(
    fp: U8Array, a: I64Array, b: I64Array, by_jaccard: npt.NDArray[np.bool_], rule: _Rule
) -> I64Array:
    """Group the nodes (rows of `fp`) joined by the edges (a, b) transitively, then verify
    every group against its consensus fingerprint: in each bin, the value at least half of
    its members share (the minimum of the template's shingles). A member stays when it
    agrees with the consensus on at least `_MEMBER_AGREEMENT` of the consensus bins and on
    at least `_MEMBER_SHARE` of all its bins (the template is a good part of it).

    A group with too few consensus bins is not one letter: short comments that each share
    a phrase with the next, or long ones tied by containment. Its members are grouped
    again by their Jaccard edges only; if that still gives no consensus, the group is cut
    down to a star around its medoid, by Jaccard similarity. Members that fail are grouped
    again among themselves, for up to _ROUNDS rounds. Last, a text left alone that has an
    edge to a member of a verified group joins that group when it agrees with the group's
    consensus (a heavily edited copy whose only near-duplicates were in a tangle).
    Returns the group of each node (its smallest node; alone: itself)."""
    r, k = fp.shape
    group = np.arange(r, dtype=np.int64)
    active = np.ones(r, np.bool_)
    jaccard_only = np.zeros(r, np.bool_)
    min_bins = max(1, round(_MIN_CONSENSUS * k))
    verified_names: list[I64Array] = []
    verified_cons: list[U8Array] = []
    verified_valid: list[npt.NDArray[np.bool_]] = []
    all_a, all_b = a, b
    for _ in range(_ROUNDS):
        live = active[a] & active[b] & (by_jaccard | ~(jaccard_only[a] | jaccard_only[b]))
        a, b, by_jaccard = a[live], b[live], by_jaccard[live]
        if len(a) == 0:
            break
        comp = _components(r, a, b)
        size = np.bincount(comp)
        nodes = np.flatnonzero(active & (size[comp] >= 2))
        n_comp = int(comp.max()) + 1
        keep = np.zeros(len(nodes), np.bool_)
        pair = size[comp[nodes]] == 2  # an edge already verified: nothing more to check
        keep[pair] = True
        big = nodes[~pair]
        if len(big):
            consensus, valid = _consensus(fp, comp, big, n_comp)
            bins = valid.sum(axis=1)
            cb = comp[big]
            agree = np.count_nonzero((fp[big] == consensus[cb]) & valid[cb], axis=1)
            by_consensus = bins[cb] >= min_bins
            ok = (
                by_consensus
                & (agree >= _MEMBER_AGREEMENT * bins[cb])
                & (agree >= _MEMBER_SHARE * k)
            )
            # no consensus: first regroup by Jaccard edges alone, then a star
            tangled = ~by_consensus
            comp_jaccard_only = np.zeros(n_comp, np.bool_)
            np.logical_or.at(comp_jaccard_only, cb, jaccard_only[big])
            retry = tangled & ~comp_jaccard_only[cb]
            jaccard_only[big[retry]] = True
            star = tangled & comp_jaccard_only[cb]
            if star.any():
                centre = _centres(fp, comp, big[star])
                mine = centre[cb[star]]
                pair_agree = _agreement(fp, big[star], mine)
                ok[star] = rule.similar(pair_agree, None, None) | (big[star] == mine)
            keep[~pair] = ok
            verified = np.flatnonzero(bins >= min_bins)
        else:
            verified = np.empty(0, np.int64)
        kept = nodes[keep]
        # the group's name: its smallest kept node
        name = np.full(n_comp, r, np.int64)
        np.minimum.at(name, comp[kept], kept)
        group[kept] = name[comp[kept]]
        if len(verified):
            named = name[verified] < r
            verified = verified[named]
            verified_names.append(name[verified])
            verified_cons.append(consensus[verified])
            verified_valid.append(valid[verified])
        active[:] = False
        active[nodes[~keep]] = True
    if verified_names:
        _attach(
            fp,
            group,
            all_a,
            all_b,
            np.concatenate(verified_names),
            np.concatenate(verified_cons),
            np.concatenate(verified_valid),
        )
    return group


def _attach(
    fp: U8Array,
    group: I64Array,
    a: I64Array,
    b: I64Array,
    names: I64Array,
    consensus: U8Array,
    valid: npt.NDArray[np.bool_],
) -> None:
    """Let texts still alone join a verified group they have an edge to, when they agree
    with its consensus as a member must (in place, on `group`)."""
    r, k = fp.shape
    sizes = np.bincount(group, minlength=r)
    alone = sizes[group] == 1
    row_of = np.full(r, -1, np.int64)
    row_of[names] = np.arange(len(names))
    node = np.concatenate([a, b])
    other = np.concatenate([b, a])
    target = row_of[group[other]]
    pick = alone[node] & ~alone[other] & (target >= 0)
    node, target = node[pick], target[pick]
    if len(node) == 0:
        return
    bins = valid.sum(axis=1)
    agree = np.count_nonzero((fp[node] == consensus[target]) & valid[target], axis=1)
    ok = (agree >= _MEMBER_AGREEMENT * bins[target]) & (agree >= _MEMBER_SHARE * k)
    node, target, agree = node[ok], target[ok], agree[ok]
    if len(node) == 0:
        return
    # the best-agreeing group for each node
    order = np.lexsort((target, -agree, node))
    node, target = node[order], target[order]
    first = np.r_[True, node[1:] != node[:-1]]
    group[node[first]] = names[target[first]]


def group_signatures(
    sig: U32Array,
    *,
    sizes: npt.ArrayLike | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    containment: float | None = DEFAULT_CONTAINMENT,
    bands: int | None = None,
    workers: int = 1,
) -> I64Array:
    """Group label of every row of `sig`: the index of the first row of its group.

    Two rows are candidates when LSH puts them in the same bucket, and near-duplicates
    when the MinHash estimate of the Jaccard similarity of their shingle sets (from 8-bit
    fingerprints) reaches `threshold` or, given the shingle counts `sizes`, when the
    smaller is at least `containment` inside the larger (a copy that keeps two of a
    letter's three sentences, or adds a long introduction). Near-duplicates are grouped
    transitively and each group is verified against the template its members share (see
    `_verified_groups`), so that chains of unrelated texts do not make one big group.
    A row of `EMPTY` (no words) stays alone.
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError("threshold must be in (0, 1]")
    if containment is not None and not 0.0 < containment <= 1.0:
        raise ValueError("containment must be in (0, 1] or None")
    n, k = sig.shape
    labels = np.arange(n, dtype=np.int64)
    nonempty = np.flatnonzero(sig[:, 0] != EMPTY) if n else np.empty(0, np.int64)
    if len(nonempty) < 2:
        return labels
    size_arr = None if sizes is None else np.asarray(sizes)
    if size_arr is not None and len(size_arr) != n:
        raise ValueError("sizes and signatures differ in length")
    rule = _Rule(
        k=k,
        threshold=threshold,
        containment=containment if size_arr is not None and containment is not None else 2.0,
        min_jaccard=min(_MIN_JACCARD, threshold),
        min_shingles=_MIN_CONTAINED_SHINGLES,
    )
    if bands is None:
        # Banded for the Jaccard threshold: a copy contained in a letter but below it is
        # rarely a candidate of every other copy, yet it only needs one edge (transitive
        # grouping). Banding for the lower Jaccard of containment (0.35: 42 bands of 3)
        # found no more copies on the adversarial sets, cost 1.7 times the CPU at a
        # million comments and made more tangles to undo.
        bands, rows_per_band = lsh_bands(threshold, k)
    else:
        rows_per_band = k // bands
    band_hashes = _band_hashes(sig, bands, rows_per_band, workers)
    # Exact copies first: one representative per distinct signature.
    first, inverse = _unique_inverse(band_hashes[bands][nonempty])
    reps = nonempty[first]
    order = np.argsort(reps)
    reps = reps[order]  # ascending: each is the first row with its signature
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    rep_of = rank[inverse]  # for each nonempty row: its representative's position
    # 8-bit fingerprints (b-bit MinHash): a quarter of the memory traffic to compare
    fp = np.empty((len(reps), k), np.uint8)
    for start in range(0, len(reps), _ROW_CHUNK):
        fp[start : start + _ROW_CHUNK] = sig[reps[start : start + _ROW_CHUNK]]  # low byte
    rep_sizes = None if size_arr is None else size_arr[reps]
    a, b, by_jaccard = _verified_edges(band_hashes, reps, fp, rule, rep_sizes, workers)
    del band_hashes
    group = _verified_groups(fp, a, b, by_jaccard, rule)
    # label = first row of the group
    group_first = np.full(len(reps), n, np.int64)
    np.minimum.at(group_first, group, reps)
    labels[nonempty] = group_first[group[rep_of]]
    return labels


# --- convenience entry points -----------------------------------------------------------


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
