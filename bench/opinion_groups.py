"""Benchmark: opinion groups (ours) against red-dwarf on the same synthetic vote matrices.

    .venv/bin/python bench/opinion_groups.py                 # both cases, both engines
    .venv/bin/python bench/opinion_groups.py --cases 5000x300
    .venv/bin/python bench/opinion_groups.py --timeout 900    # red-dwarf's limit per case

Each case is generated once from a seed (participants in four latent opinion camps, each
comment with its own agree rate per camp, 15 % passes, each (participant, comment) pair
drawn at most once, rows shuffled) and written to a temporary .npz file. Each engine then
runs in its own fresh subprocess that loads the arrays, turns them into the engine's input
(numpy arrays for ours, a pandas DataFrame for red-dwarf's ``run_pipeline``), and times the
engine call alone. Peak memory is the subprocess's ``ru_maxrss`` as the kernel reports it
to ``wait4`` (so also for a run stopped at the time limit): interpreter, imports and input
data included. Each child reports on stderr which stage it has reached. red-dwarf needs the ``red-dwarf`` package (PyPI); it clusters all
participants directly (no base clusters), with its own silhouette search over k = 2..5.

With ``--repeat N`` each engine runs N times per case (a run that hits the time limit is
not repeated) and the fastest run is reported; the machine's load average is printed
with every run, because other work on the machine slows every engine down.

The last lines are ``RESULT case=... engine=... seconds=... peak_mb=...`` per engine and a
``SPEEDUP case=... ours_vs_reddwarf=...x`` line per case.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
CASES = {"5000x300": (5_000, 300), "100000x2000": (100_000, 2_000)}
DENSITY = 0.05
CAMPS = 4
PASS_RATE = 0.15


def synthetic_votes(
    n_participants: int, n_comments: int, density: float = DENSITY, seed: int = 20250705
) -> dict[str, np.ndarray]:
    """Seeded vote rows: participant, comment, vote (1 / -1 / 0), timestamp (ms)."""
    rng = np.random.default_rng(seed)
    n_votes = round(n_participants * n_comments * density)
    universe = n_participants * n_comments
    keys = np.unique(rng.integers(0, universe, size=int(n_votes * 1.1) + 100))
    keys = rng.choice(keys, size=n_votes, replace=False)  # distinct pairs, shuffled
    participant = (keys // n_comments).astype(np.int64)
    comment = (keys % n_comments).astype(np.int64)
    camp = rng.integers(0, CAMPS, size=n_participants)
    agree_rate = rng.beta(0.6, 0.6, size=(CAMPS, n_comments))
    u = rng.random(n_votes)
    p_agree = agree_rate[camp[participant], comment]
    vote = np.where(
        u < PASS_RATE, 0, np.where(u < PASS_RATE + (1 - PASS_RATE) * p_agree, 1, -1)
    ).astype(np.int8)
    timestamp = 1_700_000_000_000 + rng.integers(0, 30 * 86_400_000, size=n_votes)
    return {
        "participant": participant,
        "comment": comment,
        "vote": vote,
        "timestamp": timestamp.astype(np.int64),
        "camp": camp,
    }


def _stage(name: str, t0: float) -> None:
    print(f"stage {name} at {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)


def _traced(module: object, names: list[str], t0: float) -> None:
    """Wrap a module's functions so the child reports which stage it is in (on stderr)."""
    for name in names:
        inner = getattr(module, name)

        def wrapper(*args: object, _inner: object = inner, _name: str = name, **kw: object):
            _stage(_name, t0)
            return _inner(*args, **kw)  # type: ignore[operator]

        setattr(module, name, wrapper)


def run_engine(engine: str, path: str) -> None:
    """Child process: load the case, run one engine, print one JSON line."""
    data = np.load(path)
    participant, comment = data["participant"], data["comment"]
    vote, timestamp, camp = data["vote"], data["timestamp"], data["camp"]
    if engine == "ours":
        sys.path.insert(0, str(ROOT))
        from ykien.analysis import opinion_groups as og

        start = time.perf_counter()
        _traced(og, ["build_vote_matrix", "pca", "base_clusters", "group_clusters"], start)
        _traced(og, ["representative_comments", "consensus"], start)
        matrix = og.build_vote_matrix(participant, comment, vote, timestamp)
        result = og.opinion_groups(matrix, seed=0)
        seconds = time.perf_counter() - start
        labels = result.group
        k = result.n_groups
        ari = og.adjusted_rand_index(camp[result.participant_ids][labels >= 0], labels[labels >= 0])
    else:
        import pandas as pd
        from reddwarf.implementations import base
        from reddwarf.implementations.polis import run_pipeline

        frame = pd.DataFrame(
            {
                "participant_id": participant,
                "statement_id": comment,
                "vote": vote.astype(np.int64),
                "modified": timestamp,
            }
        )
        start = time.perf_counter()
        stages = ["generate_raw_matrix", "simple_filter_matrix", "run_reducer"]
        stages += ["get_clusterable_participant_ids", "run_clusterer"]
        stages += ["calculate_comment_statistics_dataframes", "select_consensus_statements"]
        stages += ["select_representative_statements"]
        _traced(base, stages, start)
        result = run_pipeline(votes=frame, random_state=0)
        seconds = time.perf_counter() - start
        cluster = result.participants_df["cluster_id"]
        keep = cluster.notna().to_numpy()
        ids = result.participants_df.index.to_numpy()[keep]
        labels = cluster.to_numpy()[keep].astype(int)
        k = int(result.clusterer.n_clusters) if result.clusterer is not None else 0
        from ykien_ari import ari as _ari  # type: ignore[import-not-found]

        ari = _ari(camp[ids], labels)
    print(json.dumps({"seconds": seconds, "groups": k, "ari_vs_planted": ari}), flush=True)


def run_child(engine: str, npz: Path, timeout: float, env: dict[str, str]) -> dict[str, Any]:
    """Run one engine in a fresh process; peak memory is that process's ru_maxrss (wait4)."""
    out_path, err_path = npz.with_suffix(f".{engine}.out"), npz.with_suffix(f".{engine}.err")
    with out_path.open("w") as out, err_path.open("w") as err:
        proc = subprocess.Popen(
            [sys.executable, __file__, "--child", engine, str(npz)],
            stdout=out,
            stderr=err,
            env=env,
        )
        deadline = time.monotonic() + timeout
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                timed_out = True
                break
            time.sleep(0.2)
        proc.returncode = os.waitstatus_to_exitcode(status)
    peak_mb = usage.ru_maxrss / 1024.0  # KiB on Linux
    stages = [ln for ln in err_path.read_text().splitlines() if ln.startswith("stage ")]
    lines = [ln for ln in out_path.read_text().splitlines() if ln.startswith("{")]
    if timed_out:
        where = stages[-1].split(" at ")[0].removeprefix("stage ") if stages else "start"
        return {
            "error": f"timeout after {timeout:.0f} s (in {where})",
            "peak_mb": peak_mb,
            "stages": stages,
        }
    if proc.returncode != 0 or not lines:
        tail = (err_path.read_text().strip().splitlines() or ["no output"])[-1]
        return {"error": f"failed (exit {proc.returncode}): {tail}", "peak_mb": peak_mb}
    return dict(json.loads(lines[-1]), peak_mb=peak_mb, stages=stages)


def _ari_module(tmp: Path) -> None:
    # red-dwarf's child must not import our package (fair memory), so the ARI helper is a
    # tiny stand-alone module written next to the data.
    (tmp / "ykien_ari.py").write_text(
        "import numpy as np\n"
        "def ari(a, b):\n"
        "    _, x = np.unique(a, return_inverse=True)\n"
        "    _, y = np.unique(b, return_inverse=True)\n"
        "    t = np.zeros((x.max() + 1, y.max() + 1))\n"
        "    np.add.at(t, (x.ravel(), y.ravel()), 1)\n"
        "    f = lambda m: float((m * (m - 1) / 2).sum())\n"
        "    n = len(x); i, r, c = f(t), f(t.sum(1)), f(t.sum(0))\n"
        "    e = r * c / (n * (n - 1) / 2); top = (r + c) / 2\n"
        "    return 1.0 if top == e else (i - e) / (top - e)\n"
    )


def _report(engine: str, got: dict[str, Any]) -> None:
    if "error" in got:
        print(f"  {engine}: {got['error']}, peak {got['peak_mb']:.0f} MB", flush=True)
    else:
        print(
            f"  {engine}: {got['seconds']:.2f} s, peak {got['peak_mb']:.0f} MB, "
            f"{got['groups']} groups, ARI vs planted camps {got['ari_vs_planted']:.3f}",
            flush=True,
        )
    print(
        f"    load average (1 min) before/after: {got['load'][0]:.1f} / "
        f"{got['load'][1]:.1f} on {os.cpu_count()} CPUs",
        flush=True,
    )
    for line in got.get("stages", []):
        print(f"    {line}", flush=True)


def _faster(new: dict[str, Any], old: dict[str, Any]) -> bool:
    """Best of several runs: the fastest that finished (a finished run beats a failed one)."""
    if "error" in new:
        return False
    return "error" in old or new["seconds"] < old["seconds"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", nargs="*", default=list(CASES), choices=list(CASES))
    parser.add_argument("--engines", nargs="*", default=["ours", "reddwarf"])
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per run")
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs per engine and case; the fastest is kept"
    )
    parser.add_argument("--child", nargs=2, metavar=("ENGINE", "NPZ"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_engine(*args.child)
        return 0

    results: dict[tuple[str, str], dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-og-") as tmp_name:
        tmp = Path(tmp_name)
        _ari_module(tmp)
        for case in args.cases:
            n_p, n_c = CASES[case]
            start = time.perf_counter()
            data = synthetic_votes(n_p, n_c)
            path = tmp / f"{case}.npz"
            np.savez(path, **data)
            print(
                f"case {case}: {len(data['vote']):,} votes generated in "
                f"{time.perf_counter() - start:.1f} s",
                flush=True,
            )
            del data
            for engine in args.engines:
                for _ in range(args.repeat):
                    env = dict(os.environ, PYTHONPATH=str(tmp), PYTHONWARNINGS="ignore")
                    load_before = os.getloadavg()[0]
                    got = run_child(engine, path, args.timeout, env)
                    got["load"] = (load_before, os.getloadavg()[0])
                    _report(engine, got)
                    best = results.get((case, engine))
                    if best is None or _faster(got, best):
                        results[(case, engine)] = dict(got, runs=1 + (best or {}).get("runs", 0))
                    else:
                        best["runs"] += 1
                    if "error" in got:
                        break  # a run that failed or hit the time limit is not repeated

    for case in args.cases:
        for engine in args.engines:
            got = results[(case, engine)]
            if "error" in got:
                print(
                    f"RESULT case={case} engine={engine} seconds=NA "
                    f"peak_mb={got['peak_mb']:.0f} note={got['error']!r}"
                )
            else:
                print(
                    f"RESULT case={case} engine={engine} seconds={got['seconds']:.2f} "
                    f"peak_mb={got['peak_mb']:.0f} runs={got['runs']} "
                    f"load={got['load'][0]:.1f}"
                )
        ours, theirs = results.get((case, "ours")), results.get((case, "reddwarf"))
        if ours is None or theirs is None or "error" in ours:
            continue
        if "error" not in theirs:
            print(
                f"SPEEDUP case={case} ours_vs_reddwarf={theirs['seconds'] / ours['seconds']:.1f}x"
            )
        else:
            print(
                f"SPEEDUP case={case} ours_vs_reddwarf=>{args.timeout / ours['seconds']:.0f}x "
                f"(red-dwarf: {theirs['error']})"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
