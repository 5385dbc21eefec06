"""Step 2, over all signatures: candidates by banded LSH, verified on fingerprints, grouped
transitively and every group verified against its consensus."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from ykien.analysis.duplicates.minhash import (
    _U64,
    DEFAULT_CONTAINMENT,
    DEFAULT_THRESHOLD,
    EMPTY,
    I64Array,
    U8Array,
    U32Array,
    U64Array,
    _ordered_map,
)
from ykien.analysis.text import mix64

_BAND_MULT = _U64(0x165667B19E3779F9)
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


def bucket_pairs(members: I64Array, starts: npt.NDArray[np.bool_]) -> tuple[I64Array, I64Array]:
    """Candidate pairs of buckets: `members` laid out bucket after bucket, `starts` true
    at the first member of each bucket. Each member is paired with its bucket's smallest
    member, the leader (leader < member). The leader does not depend on the order inside
    a bucket, so buckets sorted on a cluster give the pairs of one sort in process."""
    if len(members) == 0:
        empty = np.empty(0, np.int64)
        return empty, empty
    run_min = np.minimum.reduceat(members, np.flatnonzero(starts))
    leader = run_min[np.cumsum(starts) - 1]
    follows = members != leader
    return leader[follows].astype(np.int64), members[follows].astype(np.int64)


def _candidate_pairs(band_hash: U64Array) -> tuple[I64Array, I64Array]:
    """Within each run of equal hashes, each member paired with the run's smallest
    member (positions into `band_hash`)."""
    members = np.argsort(band_hash)
    values = band_hash[members]
    leads = np.r_[True, values[1:] != values[:-1]]
    return bucket_pairs(members.astype(np.int64), leads)


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
