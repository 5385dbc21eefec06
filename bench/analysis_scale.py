"""Benchmark: topics in process, and the duplicate and topic jobs on a 2-worker Dask cluster.

    .venv/bin/python bench/analysis_scale.py                       # all cases
    .venv/bin/python bench/analysis_scale.py --cases topics:10000 dask-duplicates:200000

Cases (each in its own child process, on `gen_comments.generate(n, seed=1)`):

- `topics:N` — `topics.topics(texts)` in process (TF-IDF, one BLAS thread).
- `dask-topics:N` — `distributed.topics(client, texts)` on a `LocalCluster` of two worker
  processes with one thread each (127.0.0.1), partitions of 5,000.
- `dask-duplicates:N` — `distributed.duplicate_labels(client, texts)` on the same kind
  of cluster, partitions of 20,000; also `duplicates.duplicate_labels` in process on
  the same texts, to check that the labels are identical.

Wall time and CPU time are of the job only (not generating the corpus nor starting the
cluster). CPU is the driver's plus, for Dask cases, the workers' (read from each worker
process before and after). Peak memory is the driver's VmHWM (it holds the texts).
Ends with one line per case:
    RESULT case=... n=... seconds=... cpu_seconds=... peak_mb=... [...]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

DEFAULT_CASES = [
    "topics:10000",
    "dask-topics:10000",
    "topics:100000",
    "dask-duplicates:200000",
]


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _cluster() -> tuple[object, object]:
    from distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        memory_limit="3GiB",
    )
    return cluster, Client(cluster)


def _worker_cpu(client: object) -> float:
    times = client.run(_cpu_s)  # type: ignore[attr-defined]
    return float(sum(times.values()))


def run_case(case: str) -> dict[str, object]:
    from gen_comments import generate

    kind, n_text = case.split(":")
    n = int(n_text)
    texts = generate(n, seed=1).texts
    out: dict[str, object] = {"case": kind, "n": n}
    if kind == "topics":
        from ykien.analysis.topics import topics

        cpu0, t0 = _cpu_s(), time.perf_counter()
        result = topics(texts)
        out["seconds"] = round(time.perf_counter() - t0, 2)
        out["cpu_seconds"] = round(_cpu_s() - cpu0, 2)
        out["k"] = result.k
        out["skipped"] = sum(result.skipped.values())
        out["pieced"] = result.pieced
    elif kind in ("dask-topics", "dask-duplicates"):
        from ykien.analysis import distributed as ykd

        cluster, client = _cluster()
        try:
            client.run(lambda: __import__("ykien.analysis.topics"))  # type: ignore[attr-defined]
            w0, cpu0, t0 = _worker_cpu(client), _cpu_s(), time.perf_counter()
            if kind == "dask-topics":
                result = ykd.topics(client, texts)
                out["k"] = result.k
            else:
                labels = ykd.duplicate_labels(client, texts)
            out["seconds"] = round(time.perf_counter() - t0, 2)
            driver = _cpu_s() - cpu0
            workers = _worker_cpu(client) - w0
            out["cpu_seconds"] = round(driver + workers, 2)
            out["driver_cpu_seconds"] = round(driver, 2)
            out["worker_cpu_seconds"] = round(workers, 2)
        finally:
            client.close()  # type: ignore[attr-defined]
            cluster.close()  # type: ignore[attr-defined]
        if kind == "dask-duplicates":
            import numpy as np

            from ykien.analysis.duplicates import duplicate_labels, groups_from_labels

            cpu1, t1 = _cpu_s(), time.perf_counter()
            local = duplicate_labels(texts, workers=2)
            out["inprocess_seconds"] = round(time.perf_counter() - t1, 2)
            out["inprocess_cpu_seconds"] = round(_cpu_s() - cpu1, 2)
            out["identical"] = bool(np.array_equal(local, labels))
            out["groups"] = len(groups_from_labels(labels))
    else:
        raise SystemExit(f"unknown case {case}")
    out["peak_mb"] = round(_peak_mb())
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", nargs="+", default=DEFAULT_CASES)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_case(args.child)))
        return
    load = os.getloadavg()
    print(f"load average before: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}", flush=True)
    results = []
    for case in args.cases:
        proc = subprocess.run(
            [sys.executable, __file__, "--child", case],
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0:
            print(proc.stderr[-3000:], file=sys.stderr)
            raise SystemExit(f"case {case} failed")
        line = proc.stdout.strip().splitlines()[-1]
        results.append(json.loads(line))
        print(line, flush=True)
    load = os.getloadavg()
    print(f"load average after: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    for r in results:
        print("RESULT " + " ".join(f"{k}={v}" for k, v in r.items()))


if __name__ == "__main__":
    main()
