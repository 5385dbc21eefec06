"""Near-duplicates over Parquet partitions on a Dask cluster, with the banding as a shuffle.

`duplicates.group_signatures` sorts every band hash of every comment in one process: about
2 KB a comment at its peak, so one 32 GB driver stops near 12 million comments. Here the
same method is cut where the data is:

1. *Workers, per task of Parquet files* (`_sign`): read the texts of their files
   themselves, compute `duplicates.signatures_and_sizes` and the band hashes (32 bands of
   4 rows and the whole-signature hash), write the 8-bit fingerprints (the low byte of
   each bin, 128 bytes a comment) at the rows' positions into one file of the work
   directory, and keep the band hashes in memory.
2. *Driver*: gathers the whole-signature hash and the number of word pairs of each row
   (12 bytes a comment), collapses exact copies (one representative per distinct
   signature, the first row) exactly as in process, and writes the representatives and
   their sizes to the work directory.
3. *Workers*: the band hashes are exchanged by band, an all-to-all shuffle with one
   partition per run of bands: each partition gathers, from every task, its bands' hashes
   of the task's representatives (`_band_slice`, 12 bytes a representative and band), sorts
   each band, pairs each member of a bucket with the bucket's smallest member
   (`grouping.bucket_pairs`, the rule of the in-process sort), removes repeated pairs and
   verifies them on the fingerprints (read from the work directory) with the in-process
   rule (Jaccard similarity or containment). Only the verified edges come back. (A Dask
   DataFrame shuffle of (band, hash, representative) records by hash gave the same edges
   at a million comments in 44 s against 16 s: it moves a table per batch of records and
   sorts on two keys.)
4. *Driver*: removes edges found in several partitions, reads the representatives'
   fingerprints and builds and verifies the groups from the verified edges only
   (`grouping._verified_groups`, as in process).

Each step is the in-process step on a different cut of the rows, so the labels are exactly
those of `duplicates.duplicate_labels` on the texts read in the files' order (tested on a
`LocalCluster`). The work directory must be on storage every worker and the driver can
read (the Parquet files' shared storage on a multi-machine cluster); it holds 128 bytes a
comment of fingerprints and 12 bytes a representative, and is removed at the end unless
given. Nothing here imports Django; `distributed` and `pyarrow` are imported on first use
(optional extra `[cluster]`).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from ykien.analysis import duplicates as dup
from ykien.analysis.duplicates import grouping as gr
from ykien.analysis.duplicates.minhash import I64Array, U32Array, U64Array
from ykien.analysis.parquet import PartFile, part_files, read_texts

__all__ = [
    "BandingStats",
    "duplicate_groups",
    "duplicate_labels",
    "tasks_of",
]

TASK_ROWS = 100_000  # comments a signature task reads (≈ 50 MB of text)
RECORDS_PER_PARTITION = 5_000_000  # band hashes per exchange partition (at least one band; ≈ 60 MB)
_VERIFY_CHUNK = 1 << 16
_FINGERPRINTS = "fingerprints.u8"
_REPS = "reps.npy"
_REP_SIZES = "rep_sizes.npy"


@dataclass(frozen=True, slots=True)
class _Task:
    paths: tuple[str, ...]
    start: int  # global position of the task's first row
    rows: int


@dataclass(slots=True)
class BandingStats:
    """What a run did, for the benchmark and the logs."""

    rows: int = 0
    representatives: int = 0
    records: int = 0
    shuffle_partitions: int = 0
    verified_edges: int = 0
    tasks: int = 0


def tasks_of(files: Sequence[PartFile], task_rows: int = TASK_ROWS) -> list[_Task]:
    """Consecutive files cut into tasks of about `task_rows` rows (a file is never split)."""
    tasks: list[_Task] = []
    paths: list[str] = []
    start = rows = 0
    for f in files:
        paths.append(f.path)
        rows += f.rows
        if rows >= task_rows:
            tasks.append(_Task(tuple(paths), start, rows))
            start += rows
            paths, rows = [], 0
    if paths:
        tasks.append(_Task(tuple(paths), start, rows))
    return tasks


def _fingerprints(workdir: str, n: int, k: int, mode: Literal["r", "r+"] = "r") -> Any:
    return np.memmap(Path(workdir) / _FINGERPRINTS, dtype=np.uint8, mode=mode, shape=(n, k))


def _sign(
    task: _Task, workdir: str, n: int, bands: int, rows_per_band: int
) -> tuple[U64Array, U32Array, U64Array]:
    """On a worker: read the task's texts, sign them, write their fingerprints. Returns
    (whole-signature hash, sizes, band hashes (bands, rows))."""
    texts = read_texts(task.paths)
    if len(texts) != task.rows:
        raise RuntimeError(f"{task.paths[0]}: {len(texts)} rows, the footer said {task.rows}")
    sig, sizes = dup.signatures_and_sizes(texts, workers=1)
    del texts
    k = sig.shape[1]
    band_hashes = gr._band_hashes(sig, bands, rows_per_band, 1)
    fp = _fingerprints(workdir, n, k, "r+")
    fp[task.start : task.start + task.rows] = sig  # the low byte of each bin
    fp.flush()
    del fp, sig
    return band_hashes[bands].copy(), sizes, band_hashes[:bands]


def _head(signed: tuple[U64Array, U32Array, U64Array]) -> tuple[U64Array, U32Array]:
    return signed[0], signed[1]


def _band_slice(
    signed: tuple[U64Array, U32Array, U64Array],
    rep_pos: npt.NDArray[np.int32],
    band_lo: int,
    band_hi: int,
) -> tuple[U64Array, npt.NDArray[np.int32]]:
    """On a worker: the hashes of bands `band_lo` … `band_hi − 1` of the task's
    representatives, and their positions among the representatives."""
    mine = np.flatnonzero(rep_pos >= 0)
    return signed[2][band_lo:band_hi, mine], rep_pos[mine]


def _band_pairs(
    workdir: str, n: int, k: int, rule: gr._Rule, *slices: Any
) -> tuple[I64Array, I64Array, npt.NDArray[np.bool_]]:
    """On a worker, per exchange partition (a run of bands, every task's slice of them):
    candidate pairs of each band's buckets, without repeats, verified on the fingerprints.
    Returns the verified edges (a, b, found by Jaccard similarity)."""
    pos = np.concatenate([s[1] for s in slices]).astype(np.int64)
    found: list[I64Array] = []
    reps = np.load(Path(workdir) / _REPS, mmap_mode="r")
    r = len(reps)
    for band in range(slices[0][0].shape[0] if slices else 0):
        values = np.concatenate([s[0][band] for s in slices])
        order = np.argsort(values)
        ordered = values[order]
        starts = np.r_[True, ordered[1:] != ordered[:-1]]
        a, b = gr.bucket_pairs(pos[order], starts)
        if len(a):
            found.append(a * r + b)
        del values, order, ordered, starts
    empty = np.empty(0, np.int64)
    if not found:
        return empty, empty, np.empty(0, np.bool_)
    key = gr._sorted_unique(np.concatenate(found))
    del found
    a, b = key // r, key % r
    fp = _fingerprints(workdir, n, k)
    agree = np.empty(len(a), np.int64)
    for s in range(0, len(a), _VERIFY_CHUNK):
        ra = reps[a[s : s + _VERIFY_CHUNK]]
        rb = reps[b[s : s + _VERIFY_CHUNK]]
        agree[s : s + len(ra)] = np.count_nonzero(fp[ra] == fp[rb], axis=1)
    sizes = np.load(Path(workdir) / _REP_SIZES, mmap_mode="r")
    by_jaccard = rule.similar(agree, None, None)
    ok = rule.similar(agree, sizes[a], sizes[b])
    return a[ok], b[ok], by_jaccard[ok]


def duplicate_labels(
    client: Any,
    files: Sequence[PartFile] | str | Path,
    *,
    threshold: float = dup.DEFAULT_THRESHOLD,
    containment: float | None = dup.DEFAULT_CONTAINMENT,
    workdir: str | Path | None = None,
    task_rows: int = TASK_ROWS,
    records_per_partition: int = RECORDS_PER_PARTITION,
    stats: BandingStats | None = None,
    log: Callable[[str], None] | None = None,
) -> I64Array:
    """`duplicates.duplicate_labels` of the texts of `files` (a Parquet layout's root, or
    its `PartFile`s, rows in the files' order), computed on the cluster of `client` with
    the banding as a shuffle. Returns the label of every row (the first row of its group).
    `log`, when given, is told when each stage ends (for a benchmark's breakdown)."""
    if not 0.0 < threshold <= 1.0:
        raise ValueError("threshold must be in (0, 1]")
    if containment is not None and not 0.0 < containment <= 1.0:
        raise ValueError("containment must be in (0, 1] or None")
    if isinstance(files, str | Path):
        files = part_files(files)
    stats = stats if stats is not None else BandingStats()
    tasks = tasks_of(files, task_rows)
    n = sum(t.rows for t in tasks)
    stats.rows, stats.tasks = n, len(tasks)
    labels = np.arange(n, dtype=np.int64)
    if n < 2:
        return labels
    k = dup.DEFAULT_NUM_PERM
    bands, rows_per_band = gr.lsh_bands(threshold, k)
    rule = gr._Rule(
        k=k,
        threshold=threshold,
        containment=containment if containment is not None else 2.0,
        min_jaccard=min(gr._MIN_JACCARD, threshold),
        min_shingles=gr._MIN_CONTAINED_SHINGLES,
    )
    own_dir = workdir is None
    work = Path(tempfile.mkdtemp(prefix="ykien-banding-") if workdir is None else workdir)
    work.mkdir(parents=True, exist_ok=True)
    try:
        with (work / _FINGERPRINTS).open("wb") as fh:
            fh.truncate(n * k)  # sparse until the workers write their rows
        where = str(work)
        signed = [
            client.submit(_sign, t, where, n, bands, rows_per_band, pure=False) for t in tasks
        ]
        heads = client.gather([client.submit(_head, s, pure=False) for s in signed])
        whole = np.concatenate([h[0] for h in heads])
        sizes = np.concatenate([h[1] for h in heads])
        del heads
        if log is not None:
            log("signatures")
        # Exact copies: one representative per distinct signature, as in process.
        nonempty = np.flatnonzero(sizes > 0)
        if len(nonempty) < 2:
            return labels
        first, inverse = gr._unique_inverse(whole[nonempty])
        del whole
        reps = nonempty[first]
        order = np.argsort(reps)
        reps = reps[order]
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order))
        rep_of = rank[inverse]
        del inverse, rank, order, first
        r = len(reps)
        if r >= 2**31:
            raise ValueError("too many distinct comments for 32-bit positions")
        stats.representatives = r
        np.save(work / _REPS, reps)
        np.save(work / _REP_SIZES, sizes[reps])
        rep_pos = np.full(n, -1, np.int32)
        rep_pos[reps] = np.arange(r, dtype=np.int32)
        stats.records = r * bands
        per_part = max(1, min(bands, records_per_partition // r))
        parts = range(0, bands, per_part)
        stats.shuffle_partitions = len(parts)
        # Each task's representatives, sent once to where the task's band hashes are.
        holders = client.who_has(signed)
        positions = [
            client.scatter(rep_pos[t.start : t.start + t.rows], workers=list(holders[s.key]))
            for t, s in zip(tasks, signed, strict=True)
        ]
        del rep_pos
        pairs = []
        for lo in parts:
            hi = min(bands, lo + per_part)
            slices = [
                client.submit(_band_slice, s, p, lo, hi, pure=False)
                for s, p in zip(signed, positions, strict=True)
            ]
            pairs.append(client.submit(_band_pairs, where, n, k, rule, *slices, pure=False))
        found = client.gather(pairs)
        if log is not None:
            log("exchange, pairs and verification")
        del signed, positions, pairs
        a = np.concatenate([f[0] for f in found])
        b = np.concatenate([f[1] for f in found])
        jac = np.concatenate([f[2] for f in found])
        del found
        # An edge found in two partitions (two of its bands) is the same edge.
        key = a * r + b
        order = np.argsort(key, kind="stable")
        key = key[order]
        keep = np.r_[True, key[1:] != key[:-1]] if len(key) else np.empty(0, np.bool_)
        a, b, jac = a[order][keep], b[order][keep], jac[order][keep]
        stats.verified_edges = len(a)
        fp_all = _fingerprints(where, n, k)
        fp = np.empty((r, k), np.uint8)
        for s in range(0, r, 1 << 16):
            fp[s : s + (1 << 16)] = fp_all[reps[s : s + (1 << 16)]]
        del fp_all
        group = gr._verified_groups(fp, a, b, jac, rule)
        del fp
        if log is not None:
            log("groups")
        group_first = np.full(r, n, np.int64)
        np.minimum.at(group_first, group, reps)
        labels[nonempty] = group_first[group[rep_of]]
        return labels
    finally:
        if own_dir:
            shutil.rmtree(work, ignore_errors=True)


def duplicate_groups(
    client: Any,
    files: Sequence[PartFile] | str | Path,
    *,
    min_size: int = 2,
    **options: Any,
) -> list[dup.DuplicateGroup]:
    """`duplicates.duplicate_groups` of the texts of `files` on the cluster: each group
    once, largest first; members are row positions in the files' order."""
    return dup.groups_from_labels(duplicate_labels(client, files, **options), min_size=min_size)
