"""Step 1, per partition: the MinHash signature of each text's word pairs, and their number."""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from ykien.analysis.text import hash_tokens, mix64

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
_DENSIFY_ATTEMPTS = 64
_PLACEMENTS = 2
_PLACEMENT_SALT = 0x632BE59BD9B4E019
_BATCH = 2048

U8Array = npt.NDArray[np.uint8]
U32Array = npt.NDArray[np.uint32]
U64Array = npt.NDArray[np.uint64]
I64Array = npt.NDArray[np.int64]


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
