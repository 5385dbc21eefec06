"""Benchmark: the national analysis jobs on a Dask cluster (issue #15, item 5).

    .venv/bin/python bench/national_analysis.py                 # 10 million comments, 1M x 10k votes
    .venv/bin/python bench/national_analysis.py --quick         # smaller sizes, a few minutes
    .venv/bin/python bench/national_analysis.py --cases duplicates --n 2000000

Cases (`duplicates_case(n, quick)` and `groups_case(participants, statements, quick)`
return dicts; `bench/national.py` calls them too):

- duplicates: `n` synthetic comments (`gen_comments.generate`, one million per seed,
  seeds 1, 2, …: 30 % copies of planted form letters, 1 % stock phrases, the rest
  organic; about 480 characters each) written once as partitioned Parquet
  (`draft=1/day=…/clause=…`, cached under `--data`); then
  `ykien.analysis.shuffle_banding.duplicate_groups` on a `LocalCluster` of two worker
  processes (one thread each, 127.0.0.1): the workers read their Parquet files, compute
  signatures and band hashes, exchange the band hashes by band (one partition per run
  of bands gathers them from every task), pair and verify candidates; the driver groups the verified edges. Timed: the job
  alone (from the Parquet files to the labels), not the generation nor the cluster's
  start. Peak memory: the highest sum of the resident memory of the driver, the
  scheduler/nanny and the workers (the whole process tree, sampled every 0.2 s).
  The peer, datasketch `MinHashLSH(threshold=0.5, num_perm=128)` + union-find (as in
  `bench/duplicates.py`), runs in process on the first `--datasketch-n` comments and is
  extrapolated linearly.
- groups: `participants` × `statements` with about 1 % of the cells voted (four latent
  camps, 15 % passes; the generator of `bench/opinion_groups.py`), held as a sparse CSR
  matrix; `opinion_groups.sparse.opinion_groups_csr`. Peak memory of the process tree.
  The peer, red-dwarf's `run_pipeline`, runs at the largest size it handled in
  `bench/opinion_groups.py` (5,000 × 300) in its own process.

Prints `RESULT case=duplicates n=… seconds=… peak_mb=…` and
`RESULT case=groups participants=… statements=… seconds=… peak_mb=…` (plus the peers'
lines) and the load average of the machine, which other work shares.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

CHUNK = 1_000_000  # comments per generator seed
CLAUSES = 5
DEFAULT_DATA = Path(tempfile.gettempdir()) / "ykien-national-analysis-v2"  # v2: shared stock labels
STOCK_LABEL = 900_000_000  # label of the first stock phrase, in every seed (below the copies' 10⁹)


# --- the corpus as partitioned Parquet --------------------------------------------------------


def _write_chunk(args: tuple[Path, int, int, int]) -> int:
    """Generate `size` comments with `seed` and write them into `root` (one file per
    (day, clause) partition, named after the seed). Returns the rows written."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    from gen_comments import STOCK, generate

    root, seed, size, first_id = args
    done = root / f".chunk-{seed}.done"
    if done.exists():
        return int(done.read_text())
    corpus = generate(size, seed=seed)
    rng = np.random.default_rng([seed, 77])
    clause = rng.integers(1, CLAUSES + 1, size=size)
    ts = corpus.timestamps
    day = (ts // 86400).astype(np.int64)
    # A campaign is its seed's own; a stock phrase ("Tôi đồng ý với dự thảo.") is the same group
    # whatever seed typed it, so its label is shared by the seeds (it was not before, and at ten
    # million comments our grouping of the two seeds' stock phrases counted as 6 % false pairs).
    n_campaigns = len(corpus.coordinated) - len(STOCK)
    label = np.where(
        corpus.labels >= n_campaigns,
        STOCK_LABEL + corpus.labels - n_campaigns,
        np.where(corpus.labels >= 0, corpus.labels + seed * 10_000_000, -1),
    )
    ids = np.arange(first_id, first_id + size, dtype=np.int64)
    key = day * 100 + clause
    order = np.argsort(key, kind="stable")
    bounds = np.flatnonzero(np.r_[True, key[order][1:] != key[order][:-1], True])
    texts = corpus.texts
    for a, b in itertools.pairwise(bounds):
        rows = order[a:b]
        d = datetime.fromtimestamp(int(day[rows[0]]) * 86400, UTC).strftime("%Y-%m-%d")
        folder = root / "draft=1" / f"day={d}" / f"clause={int(clause[rows[0]])}"
        folder.mkdir(parents=True, exist_ok=True)
        table = pa.table(
            {
                "id": pa.array(ids[rows]),
                "text": pa.array([texts[i] for i in rows], pa.string()),
                "created": pa.array((ts[rows] * 1e6).astype(np.int64), pa.timestamp("us", "UTC")),
                "label": pa.array(label[rows]),
            }
        )
        pq.write_table(table, folder / f"part-s{seed:03d}.parquet", compression="zstd")
    done.write_text(str(size))
    return size


def write_corpus(n: int, root: Path, *, jobs: int = 2) -> tuple[Path, list[int]]:
    """`n` comments as Parquet: a multiple of a million is seeds 1 … n / 1M of the shared
    directory `root/full` (written once, reused by smaller multiples); a smaller n is its
    own directory. Returns the directory and the seeds whose files make the corpus."""
    from concurrent.futures import ProcessPoolExecutor

    if n % CHUNK == 0:
        out = root / "full"
        chunks = [(out, s, CHUNK, (s - 1) * CHUNK) for s in range(1, n // CHUNK + 1)]
    elif n < CHUNK:
        out = root / f"n={n}"
        chunks = [(out, 1, n, 0)]
    else:
        raise ValueError("n must be below a million or a multiple of a million")
    out.mkdir(parents=True, exist_ok=True)
    todo = [c for c in chunks if not (out / f".chunk-{c[1]}.done").exists()]
    if todo:
        with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(todo)))) as pool:
            for written in pool.map(_write_chunk, todo):
                print(f"corpus: wrote {written} comments", file=sys.stderr, flush=True)
    return out, [c[1] for c in chunks]


BASE = 2 * CHUNK  # distinct generated comments behind a corpus above a million


def _replicate(base: Path, seeds: list[int], out: Path, replicas: int) -> None:
    """`replicas` disjoint copies of the base files: in copy r > 0 every word gets the
    prefix `r<r>x`, so no word pair is shared between copies (each copy has the base's
    groups, lengths and structure; the groups of the corpus are `replicas` times as many)."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    done = out / f".replicas-{replicas}.done"
    if done.exists():
        return
    names = {f"part-s{s:03d}.parquet" for s in seeds}
    files = sorted(p for p in base.rglob("*.parquet") if p.name in names)
    for r in range(replicas):
        for path in files:
            target = out / path.parent.relative_to(base) / f"{path.stem}-r{r}.parquet"
            if target.exists():
                continue
            table = pq.read_table(path)
            if r:
                marked = pc.binary_join_element_wise(
                    pa.scalar(f"r{r}x"),
                    pc.replace_substring(table.column("text"), " ", f" r{r}x"),
                    "",
                )
                label = table.column("label").to_numpy()
                table = table.set_column(table.schema.get_field_index("text"), "text", marked)
                table = table.set_column(
                    table.schema.get_field_index("label"),
                    "label",
                    pa.array(np.where(label >= 0, label + r * 10**9, -1)),
                )
                table = table.set_column(
                    table.schema.get_field_index("id"),
                    "id",
                    pc.add(table.column("id"), r * 10**9),
                )
            target.parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(table, target, compression="zstd")
        print(f"corpus: copy {r + 1} of {replicas} written", file=sys.stderr, flush=True)
    done.write_text("ok")


def corpus_files(n: int, root: Path = DEFAULT_DATA) -> list[Any]:
    """The Parquet files (`parquet.PartFile`) of a corpus of `n` comments, in order.

    Up to a million: `gen_comments.generate(n, seed=1)`. Above: the two million comments
    of seeds 1 and 2 (a million each), in n / 2M disjoint copies (`_replicate`): generating
    ten million comments one by one costs about 30 CPU-minutes, copying them seconds."""
    from ykien.analysis.parquet import part_files

    if n <= CHUNK:
        out, seeds = write_corpus(n, root)
        names = {f"part-s{s:03d}.parquet" for s in seeds}
        return [f for f in part_files(out, draft=1) if Path(f.path).name in names]
    if n % BASE:
        raise ValueError("above a million, n must be a multiple of two million")
    base, seeds = write_corpus(BASE, root)
    out = root / f"replicated-{n}"
    _replicate(base, seeds, out, n // BASE)
    return part_files(out, draft=1)


# --- measuring --------------------------------------------------------------------------------


def load_average() -> float:
    return round(os.getloadavg()[0], 1)


class TreeMemory:
    """The highest total resident memory of this process and all its descendants (the
    Dask scheduler, nannies and workers of a LocalCluster), sampled every 0.2 s; and the
    CPU time of the tree."""

    def __init__(self, interval: float = 0.2) -> None:
        import psutil

        self._psutil = psutil
        self.me = psutil.Process()
        self.peak = 0
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _tree(self) -> list[Any]:
        try:
            return [self.me, *self.me.children(recursive=True)]
        except self._psutil.Error:
            return [self.me]

    def rss(self) -> int:
        total = 0
        for p in self._tree():
            with contextlib.suppress(self._psutil.Error):
                total += p.memory_info().rss
        return total

    def cpu(self) -> float:
        total = 0.0
        for p in self._tree():
            with contextlib.suppress(self._psutil.Error):
                t = p.cpu_times()
                total += t.user + t.system
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.rss())
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeMemory:
        self.peak = self.rss()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.rss())

    @property
    def peak_mb(self) -> float:
        return self.peak / 2**20


def _child(case: str, **params: Any) -> dict[str, Any]:
    """Run one measurement in a fresh process (its own memory), return its JSON line."""
    command = [sys.executable, __file__, "--child", case, json.dumps(params)]
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    for line in reversed(done.stdout.splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise RuntimeError(f"{case} failed (exit {done.returncode})")


# --- duplicates -------------------------------------------------------------------------------


def _dup_ours(n: int, data: str) -> dict[str, Any]:
    from distributed import Client, LocalCluster

    from ykien.analysis import shuffle_banding as sb
    from ykien.analysis.duplicates import groups_from_labels, pairwise_scores
    from ykien.analysis.parquet import read_column

    files = corpus_files(n, Path(data))
    assert sum(f.rows for f in files) == n
    work = Path(data) / "work"
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            memory_limit=0,
        ) as cluster,
        Client(cluster) as client,
        TreeMemory() as memory,
    ):
        cpu0 = memory.cpu()
        load0 = load_average()
        stats = sb.BandingStats()
        t0 = time.perf_counter()
        stages: dict[str, float] = {}

        def log(stage: str) -> None:
            stages[stage] = round(time.perf_counter() - t0 - sum(stages.values()), 1)
            print(
                f"stage {stage}: {stages[stage]} s, load {load_average()}",
                file=sys.stderr,
                flush=True,
            )

        labels = sb.duplicate_labels(client, files, workdir=work, stats=stats, log=log)
        seconds = time.perf_counter() - t0
        cpu = memory.cpu() - cpu0
        load1 = load_average()
    shutil.rmtree(work, ignore_errors=True)  # the fingerprints (128 bytes a comment)
    truth = read_column([f.path for f in files], "label")
    precision, recall = pairwise_scores(labels, truth)
    return {
        "n": n,
        "seconds": round(seconds, 1),
        "cpu_seconds": round(cpu, 1),
        "peak_mb": round(memory.peak_mb),
        "groups": len(groups_from_labels(labels)),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "representatives": stats.representatives,
        "records": stats.records,
        "shuffle_partitions": stats.shuffle_partitions,
        "verified_edges": stats.verified_edges,
        "tasks": stats.tasks,
        "stages": stages,
        "load": f"{load0}-{load1}",
    }


def _dup_datasketch(n: int, limit: int, data: str) -> dict[str, Any]:
    import resource

    from duplicates import _run_datasketch

    from ykien.analysis.duplicates import pairwise_scores
    from ykien.analysis.parquet import read_column, read_texts

    files = corpus_files(n, Path(data))
    paths, rows = [], 0
    for f in files:
        if rows >= limit:
            break
        paths.append(f.path)
        rows += f.rows
    texts = read_texts(paths)[:limit]
    truth = read_column(paths, "label")[:limit]
    t0 = time.perf_counter()
    usage0 = resource.getrusage(resource.RUSAGE_SELF)
    labels, _ = _run_datasketch(texts, 0.5)
    seconds = time.perf_counter() - t0
    usage1 = resource.getrusage(resource.RUSAGE_SELF)
    precision, recall = pairwise_scores(labels, truth)
    return {
        "measured_n": limit,
        "measured_seconds": round(seconds, 1),
        "cpu_seconds": round(usage1.ru_utime - usage0.ru_utime, 1),
        "peak_mb": round(usage1.ru_maxrss / 1024),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "load": load_average(),
    }


def duplicates_case(
    n: int = 10_000_000,
    quick: bool = False,
    *,
    data: Path = DEFAULT_DATA,
    datasketch_n: int | None = None,
) -> dict[str, Any]:
    """Duplicates over `n` comments in Parquet on a 2-worker LocalCluster (shuffle-based
    banding), and datasketch on the first `datasketch_n`, extrapolated linearly to n.
    `quick`: 200,000 comments and datasketch on 20,000."""
    if quick:
        n = min(n, 200_000)
    limit = datasketch_n or (20_000 if quick else 50_000)
    corpus_files(n, data)  # generated once, outside the timed children
    ours = _child("dup-ours", n=n, data=str(data))
    peer = _child("dup-datasketch", n=n, limit=min(limit, n), data=str(data))
    peer["seconds"] = round(peer["measured_seconds"] * n / peer["measured_n"], 1)
    peer["extrapolated"] = "linear"
    return {"case": "duplicates", **ours, "datasketch": peer}


# --- opinion groups ---------------------------------------------------------------------------

DENSITY = 0.01


def synthetic_csr(
    participants: int, statements: int, density: float = DENSITY, seed: int = 20251207
) -> dict[str, np.ndarray]:
    """Seeded votes as CSR arrays: four latent camps, each statement with its own agree
    rate per camp (Beta(0.6, 0.6)), 15 % passes, about `density` of the cells voted (each
    at most once) — the model of `bench/opinion_groups.py`, built row-sorted directly."""
    from opinion_groups import CAMPS, PASS_RATE

    rng = np.random.default_rng(seed)
    universe = participants * statements
    keys = np.sort(rng.integers(0, universe, size=round(universe * density)))
    keys = keys[np.r_[True, keys[1:] != keys[:-1]]]  # np.unique's hash path is slow here
    rows = keys // statements
    cols = (keys - rows * statements).astype(np.int32)
    del keys
    camp = rng.integers(0, CAMPS, size=participants)
    agree_rate = rng.beta(0.6, 0.6, size=(CAMPS, statements))
    votes = np.empty(len(cols), np.int8)
    step = 1 << 24
    for s in range(0, len(cols), step):
        r, c = rows[s : s + step], cols[s : s + step]
        u = rng.random(len(r))
        p = agree_rate[camp[r], c]
        votes[s : s + step] = np.where(
            u < PASS_RATE, 0, np.where(u < PASS_RATE + (1 - PASS_RATE) * p, 1, -1)
        )
    indptr = np.zeros(participants + 1, np.int64)
    np.cumsum(np.bincount(rows, minlength=participants), out=indptr[1:])
    return {"indptr": indptr, "indices": cols, "values": votes, "camp": camp}


def _votes_file(participants: int, statements: int, data: Path) -> Path:
    path = data / f"votes-{participants}x{statements}.npz"
    if not path.exists():
        data.mkdir(parents=True, exist_ok=True)
        arrays = synthetic_csr(participants, statements)
        tmp = path.with_suffix(".tmp.npz")
        np.savez(tmp, **arrays)
        tmp.rename(path)
    return path


def _groups_ours(participants: int, statements: int, data: str) -> dict[str, Any]:
    from ykien.analysis.opinion_groups import adjusted_rand_index
    from ykien.analysis.opinion_groups import sparse as og_sparse

    path = Path(data) / f"votes-{participants}x{statements}.npz"
    with np.load(path) as z:
        indptr, indices, values, camp = z["indptr"], z["indices"], z["values"], z["camp"]
    with TreeMemory() as memory:
        load0 = load_average()
        cpu0 = memory.cpu()
        t0 = time.perf_counter()
        matrix = og_sparse.vote_matrix(indptr, indices, values, n_statements=statements)
        result = og_sparse.opinion_groups_csr(matrix)
        seconds = time.perf_counter() - t0
        cpu = memory.cpu() - cpu0
    clustered = result.group >= 0
    return {
        "participants": participants,
        "statements": statements,
        "votes": len(values),
        "seconds": round(seconds, 1),
        "cpu_seconds": round(cpu, 1),
        "peak_mb": round(memory.peak_mb),
        "groups": result.n_groups,
        "pca_iterations": int(result.pca.iterations),
        "ari_vs_camps": round(adjusted_rand_index(result.group[clustered], camp[clustered]), 3),
        "load": f"{load0}-{load_average()}",
    }


def _reddwarf_peer(timeout: float) -> dict[str, Any]:
    """red-dwarf and ours (in process) at 5,000 × 300, through `bench/opinion_groups.py`
    (each engine in its own process, as that benchmark measures)."""
    done = subprocess.run(
        [
            sys.executable,
            str(HERE / "opinion_groups.py"),
            "--cases",
            "5000x300",
            "--timeout",
            str(timeout),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith(("RESULT", "SPEEDUP"))]
    out: dict[str, Any] = {"lines": lines}
    for line in lines:
        fields = dict(part.split("=", 1) for part in line.split()[1:] if "=" in part)
        if fields.get("engine") in ("ours", "reddwarf"):
            out[fields["engine"]] = fields
    return out


def groups_case(
    participants: int = 1_000_000,
    statements: int = 10_000,
    quick: bool = False,
    *,
    data: Path = DEFAULT_DATA,
    peer_timeout: float = 600.0,
) -> dict[str, Any]:
    """Opinion groups over `participants` × `statements` with about 1 % voted, held sparse
    (`opinion_groups.sparse`), and red-dwarf at 5,000 × 300 beside ours. `quick`:
    100,000 × 2,000."""
    if quick:
        participants, statements = min(participants, 100_000), min(statements, 2_000)
    _votes_file(participants, statements, data)
    ours = _child("groups-ours", participants=participants, statements=statements, data=str(data))
    peer = _reddwarf_peer(peer_timeout)
    return {"case": "groups", **ours, "reddwarf_5000x300": peer}


# --- command line -----------------------------------------------------------------------------


def _print_duplicates(r: dict[str, Any]) -> None:
    p = r["datasketch"]
    print(
        f"RESULT case=duplicates n={r['n']} seconds={r['seconds']} peak_mb={r['peak_mb']} "
        f"cpu_seconds={r['cpu_seconds']} groups={r['groups']} precision={r['precision']} "
        f"recall={r['recall']} workers=2 load={r['load']}"
    )
    print(
        f"RESULT case=duplicates engine=datasketch n={r['n']} seconds={p['seconds']} "
        f"extrapolated=linear measured_n={p['measured_n']} "
        f"measured_seconds={p['measured_seconds']} peak_mb={p['peak_mb']} "
        f"precision={p['precision']} recall={p['recall']} load={p['load']}"
    )
    print(f"SPEEDUP case=duplicates ours_vs_datasketch={p['seconds'] / r['seconds']:.1f}x")
    stages = " ".join(f"{k.split(',')[0]}={v}" for k, v in r.get("stages", {}).items())
    print(
        f"STAGES case=duplicates {stages} representatives={r['representatives']} "
        f"records={r['records']} shuffle_partitions={r['shuffle_partitions']} "
        f"verified_edges={r['verified_edges']} tasks={r['tasks']} cpu_seconds={r['cpu_seconds']}"
    )


def _print_groups(r: dict[str, Any]) -> None:
    print(
        f"RESULT case=groups participants={r['participants']} statements={r['statements']} "
        f"seconds={r['seconds']} peak_mb={r['peak_mb']} votes={r['votes']} "
        f"groups={r['groups']} pca_iterations={r['pca_iterations']} "
        f"ari_vs_camps={r['ari_vs_camps']} load={r['load']}"
    )
    for line in r["reddwarf_5000x300"]["lines"]:
        print(line.replace("RESULT case=", "RESULT case=groups-peer size=", 1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--cases", nargs="+", default=["duplicates", "groups"])
    parser.add_argument("--n", type=int, default=10_000_000)
    parser.add_argument("--participants", type=int, default=1_000_000)
    parser.add_argument("--statements", type=int, default=10_000)
    parser.add_argument("--datasketch-n", type=int)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        case, params = args.child[0], json.loads(args.child[1])
        run = {
            "dup-ours": _dup_ours,
            "dup-datasketch": _dup_datasketch,
            "groups-ours": _groups_ours,
        }[case]
        print(json.dumps(run(**params)), flush=True)
        return 0
    print(f"load average at start: {load_average()} (2 cores, shared)", flush=True)
    if "duplicates" in args.cases:
        _print_duplicates(
            duplicates_case(args.n, args.quick, data=args.data, datasketch_n=args.datasketch_n)
        )
    if "groups" in args.cases:
        _print_groups(groups_case(args.participants, args.statements, args.quick, data=args.data))
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "write-corpus":
        write_corpus(int(sys.argv[2]), Path(sys.argv[3]), jobs=int(sys.argv[4]))
        sys.exit(0)
    sys.exit(main())
