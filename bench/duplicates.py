"""Benchmark: near-duplicate grouping of synthetic Vietnamese comments, ours vs datasketch.

    .venv/bin/python bench/duplicates.py                 # 1,000,000 comments
    .venv/bin/python bench/duplicates.py --n 100000 --datasketch-n 20000

The corpus comes from `gen_comments.generate(n, seed)` (planted form-letter campaigns
and stock phrases among organic comments). Each engine runs in its own child process,
which loads the texts from a pickle and then groups them; the child reports its wall
time and CPU time (grouping only, not loading) and its peak resident memory (VmHWM,
which includes the loaded texts, also reported alone as `input_mb`). Pairwise
precision and recall are computed in the parent against the planted groups.

- ours: `ykien.analysis.duplicates.duplicate_labels(texts, threshold, workers)`.
- datasketch: `MinHashLSH(threshold, num_perm=128)` over `MinHash.update_batch` of the
  same shingles (word pairs of `ykien.analysis.text.tokens`): each comment queries the
  index before it is inserted, candidates whose MinHash Jaccard estimate reaches the
  threshold are joined with union-find (the usual way to group with MinHashLSH).
  With `--datasketch-n` it runs on the first N comments only and its time is
  extrapolated linearly to n (printed as such).

Ends with one line per case:
    RESULT case=ours n=... seconds=... peak_mb=... precision=... recall=...
    RESULT case=datasketch n=... seconds=... peak_mb=... precision=... recall=...
    RESULT case=speedup x=...

    .venv/bin/python bench/duplicates.py --adversarial [--seeds 1000-1009]

runs both engines, in this process, side by side on the adversarial campaign sets of
`ykien/analysis/tests/campaigns_gen/` (form letters varied every way organisers vary
them, near-miss letters, real Vietnamese text): the held-out templates and seeds 1000 to
1009 (never used while tuning) and the tuning templates with seeds 1 to 10, and prints
per set and in total
    RESULT case=adversarial-held_out engine=ours precision=... recall=... seconds=...
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from gen_comments import generate  # noqa: E402

from ykien.analysis.duplicates import pairwise_scores  # noqa: E402


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_mb() -> float:
    """Peak resident memory of this process. VmHWM, not ru_maxrss: Linux carries
    ru_maxrss across execve, so a child would report its parent's peak."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _run_ours(texts: list[str], threshold: float, workers: int) -> tuple[np.ndarray, dict]:
    from ykien.analysis.duplicates import group_signatures, signatures_and_sizes

    t0 = time.perf_counter()
    sig, sizes = signatures_and_sizes(texts, workers=workers)
    t1 = time.perf_counter()
    labels = group_signatures(sig, sizes=sizes, threshold=threshold, workers=workers)
    t2 = time.perf_counter()
    return labels, {"signatures_s": round(t1 - t0, 2), "grouping_s": round(t2 - t1, 2)}


def _run_datasketch(texts: list[str], threshold: float) -> tuple[np.ndarray, dict]:
    from datasketch import MinHash, MinHashLSH

    from ykien.analysis.text import tokens

    n = len(texts)
    parent = list(range(n))

    def find(x: int) -> int:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    prototype = MinHash(num_perm=128, seed=1)
    permutations, scheme = prototype.permutations, prototype.scheme  # shared, made once
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    hashvalues = np.empty((n, 128), np.uint64)  # kept to verify candidates
    candidates = verified = 0
    for i, text in enumerate(texts):
        words = tokens(text)
        if len(words) >= 2:
            shingles = [f"{a} {b}".encode() for a, b in itertools.pairwise(words)]
        elif words:
            shingles = [words[0].encode()]
        else:
            continue
        m = MinHash(num_perm=128, permutations=permutations, scheme=scheme)
        m.update_batch(shingles)
        hashvalues[i] = m.hashvalues
        found = lsh.query(m)
        if found:
            # the usual check of LSH candidates: estimated Jaccard >= threshold
            others = np.fromiter(found, np.int64, len(found))
            similar = (
                np.count_nonzero(hashvalues[others] == hashvalues[i], axis=1) >= threshold * 128
            )
            candidates += len(others)
            for j in others[similar].tolist():
                verified += 1
                ri, rj = find(i), find(j)
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)
        lsh.insert(i, m)
    labels = np.fromiter((find(i) for i in range(n)), np.int64, n)
    return labels, {"candidates": candidates, "verified": verified, "bands_rows": [lsh.b, lsh.r]}


def child(engine: str, data: Path, out: Path, threshold: float, workers: int, limit: int) -> None:
    with data.open("rb") as fh:
        texts: list[str] = pickle.load(fh)  # noqa: S301  # our own file, just written
    if limit:
        texts = texts[:limit]
    input_mb = _peak_mb()
    cpu_start = _cpu_s()
    start = time.perf_counter()
    if engine == "ours":
        labels, extra = _run_ours(texts, threshold, workers)
    else:
        labels, extra = _run_datasketch(texts, threshold)
    seconds = time.perf_counter() - start
    cpu = _cpu_s() - cpu_start
    np.save(out, labels)
    report = {
        "engine": engine,
        "n": len(texts),
        "seconds": round(seconds, 2),
        "cpu_s": round(cpu, 2),
        "load_avg_1m": round(os.getloadavg()[0], 2),
        "peak_mb": round(_peak_mb(), 1),
        "input_mb": round(input_mb, 1),
        **extra,
    }
    print(json.dumps(report))


def _spawn(engine: str, data: Path, tmp: Path, args: argparse.Namespace, limit: int) -> dict:
    out = tmp / f"{engine}.npy"
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        engine,
        "--data",
        str(data),
        "--out",
        str(out),
        "--threshold",
        str(args.threshold),
        "--workers",
        str(args.workers),
        "--limit",
        str(limit),
    ]
    done = subprocess.run(cmd, check=False, capture_output=True, text=True)
    if done.returncode:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"{engine} failed with exit code {done.returncode}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    report["labels"] = np.load(out)
    return report


def adversarial(seeds_held_out: list[int], seeds_tuning: list[int], skip_datasketch: bool) -> None:
    """Ours against datasketch on the adversarial campaign sets (see the docstring)."""
    from ykien.analysis.duplicates import duplicate_labels
    from ykien.analysis.tests.campaigns_gen import generate

    engines = {"ours": lambda texts: duplicate_labels(texts)}
    if not skip_datasketch:
        engines["datasketch"] = lambda texts: _run_datasketch(texts, 0.5)[0]
    lines = []
    for templates, seeds in (("held_out", seeds_held_out), ("tuning", seeds_tuning)):
        totals = {name: [0.0, [], []] for name in engines}
        for seed in seeds:
            data = generate(seed=seed, templates=templates)
            truth = data.labels_array()
            row = [f"{templates} seed={seed} n={len(data.texts)}"]
            for name, run in engines.items():
                start = time.perf_counter()
                labels = run(data.texts)
                seconds = time.perf_counter() - start
                precision, recall = pairwise_scores(labels, truth)
                totals[name][0] += seconds
                totals[name][1].append(precision)
                totals[name][2].append(recall)
                row.append(f"{name} P={precision:.4f} R={recall:.4f} {seconds:.2f}s")
            print("  " + " | ".join(row), flush=True)
        for name, (seconds, ps, rs) in totals.items():
            lines.append(
                f"RESULT case=adversarial-{templates} engine={name} sets={len(seeds)} "
                f"precision_mean={np.mean(ps):.4f} precision_min={min(ps):.4f} "
                f"recall_mean={np.mean(rs):.4f} recall_min={min(rs):.4f} seconds={seconds:.2f}"
            )
        if "datasketch" in totals:
            lines.append(
                f"RESULT case=adversarial-{templates}-speedup "
                f"x={totals['datasketch'][0] / totals['ours'][0]:.1f}"
            )
    print("\n".join(lines))


def _seed_range(text: str) -> list[int]:
    if "-" in text:
        a, b = text.split("-", 1)
        return list(range(int(a), int(b) + 1))
    return [int(x) for x in text.split(",") if x]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--adversarial", action="store_true", help="the adversarial campaign sets instead"
    )
    parser.add_argument("--seeds", default="1000-1009", help="held-out seeds (--adversarial)")
    parser.add_argument("--tuning-seeds", default="1-10", help="tuning seeds (--adversarial)")
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--datasketch-n",
        type=int,
        default=0,
        help="run datasketch on the first N comments only and extrapolate its time",
    )
    parser.add_argument("--skip-datasketch", action="store_true")
    parser.add_argument(
        "--cache", type=Path, help="keep the generated corpus here and reuse it (same n, seed)"
    )
    parser.add_argument("--child", choices=["ours", "datasketch"])
    parser.add_argument("--data", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    if args.adversarial:
        adversarial(_seed_range(args.seeds), _seed_range(args.tuning_seeds), args.skip_datasketch)
        return
    if args.child:
        child(args.child, args.data, args.out, args.threshold, args.workers, args.limit)
        return

    with tempfile.TemporaryDirectory(prefix="bench-dup-") as tmp_name:
        tmp = Path(tmp_name)
        cache = args.cache or tmp
        cache.mkdir(parents=True, exist_ok=True)
        data = cache / f"texts-{args.n}-{args.seed}.pickle"
        truth_file = cache / f"labels-{args.n}-{args.seed}.npy"
        if data.exists() and truth_file.exists():
            print(f"corpus n={args.n} seed={args.seed} from {cache}", flush=True)
            truth = np.load(truth_file)
        else:
            print(f"generating n={args.n} seed={args.seed} ...", flush=True)
            t0 = time.perf_counter()
            corpus = generate(args.n, seed=args.seed)
            print(f"  {time.perf_counter() - t0:.1f}s", flush=True)
            truth = corpus.labels
            with data.open("wb") as fh:
                pickle.dump(corpus.texts, fh, protocol=5)
            np.save(truth_file, truth)
            del corpus
        planted = int((truth >= 0).sum())
        groups = len(np.unique(truth[truth >= 0]))
        print(
            f"  {planted} planted copies in {groups} groups, {args.n - planted} organic",
            flush=True,
        )
        print(
            f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} "
            f"(other processes share the cores); threshold={args.threshold}; "
            f"workers={args.workers}",
            flush=True,
        )
        results = {}
        engines = ["ours"] if args.skip_datasketch else ["ours", "datasketch"]
        for engine in engines:
            limit = args.datasketch_n if engine == "datasketch" and args.datasketch_n else 0
            if limit >= args.n:
                limit = 0
            print(f"running {engine}{f' on the first {limit}' if limit else ''} ...", flush=True)
            report = _spawn(engine, data, tmp, args, limit)
            labels = report.pop("labels")
            precision, recall = pairwise_scores(labels, truth[: len(labels)])
            report["precision"], report["recall"] = precision, recall
            print("  " + json.dumps(report), flush=True)
            results[engine] = report

    lines = []
    for engine, report in results.items():
        seconds, cpu = report["seconds"], report["cpu_s"]
        note = ""
        if report["n"] < args.n:
            scale = args.n / report["n"]
            seconds, cpu = seconds * scale, cpu * scale
            note = (
                f" measured_n={report['n']} measured_seconds={report['seconds']}"
                " extrapolated=linear (peak_mb, precision, recall at measured_n)"
            )
        report["seconds_at_n"], report["cpu_at_n"] = seconds, cpu
        lines.append(
            f"RESULT case={engine} n={args.n} seconds={seconds:.2f} peak_mb={report['peak_mb']:.0f} "
            f"precision={report['precision']:.4f} recall={report['recall']:.4f} "
            f"cpu_seconds={cpu:.2f}{note}"
        )
    if "datasketch" in results:
        ours, theirs = results["ours"], results["datasketch"]
        speedup = theirs["seconds_at_n"] / ours["seconds_at_n"]
        cpu_speedup = theirs["cpu_at_n"] / ours["cpu_at_n"]
        lines.append(f"RESULT case=speedup x={speedup:.1f} cpu_x={cpu_speedup:.1f}")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
