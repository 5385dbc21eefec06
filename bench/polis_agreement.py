"""Agreement of our opinion groups with the groups Polis itself computed, per conversation:
a cold start on the final votes and a replay of the votes in time order, side by side.

    .venv/bin/python bench/polis_agreement.py [--batch-seconds 1] [--no-replay] [--cases NAME ...]
        [--legacy-until YYYY-MM-DD]

Reads ../shared/data/polis (next to the project): the eight open-data conversations
(`opendata/*/participants-votes.csv`, column `group-id`) and the three polis-math cases
(`polis-math/*/math-pca2.json`). For each:

- cold start: `opinion_groups.opinion_groups` on all the votes (what the analysis screen
  computes the first time); participants with fewer than min(7, comments) votes are not
  clustered but placed in the nearest group;
- replay: `incremental.replay`, one refresh per batch of votes within `--batch-seconds`
  (default 1, the interval at which Polis's math worker polls for votes), each refresh
  warm-started from the previous one as Polis does. With `--legacy-until DATE`, the
  refreshes whose last vote is before DATE (UTC) run Polis's 2014 math
  (`incremental.LEGACY_2014`: missing votes as 0, 50 base clusters, 10 iterations), the
  math of the day for conversations voted on before Polis changed it; the RESULT lines
  then say `method=replay-legacy`.

Coverage = share of the participants Polis clustered that we group (clustered only, and
clustered or placed); ARI = adjusted Rand index over the participants both grouped
(clustered or placed). Ends with one RESULT line per conversation and method, and the
means.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ykien.analysis import incremental  # noqa: E402
from ykien.analysis.commands import opinion_groups as command  # noqa: E402
from ykien.analysis.opinion_groups import (  # noqa: E402
    adjusted_rand_index,
    build_vote_matrix,
    opinion_groups,
)

DATA = ROOT.parent / "shared" / "data" / "polis"


def _open_data(folder: Path):
    votes = command.read_votes(folder / "votes.csv")
    comments = command.read_comments(folder / "comments.csv")
    with (folder / "participants-votes.csv").open(newline="") as fh:
        theirs = {
            int(r["participant"]): int(r["group-id"]) for r in csv.DictReader(fh) if r["group-id"]
        }
    times = np.asarray(votes.timestamps, dtype=np.float64) / 1000.0
    return (
        np.asarray(votes.participants),
        np.asarray(votes.comments),
        np.asarray(votes.votes),
        times,
        sorted(comments.moderated_out),
        theirs,
    )


def _polis_math(folder: Path):
    math = json.loads((folder / "math-pca2.json").read_text())
    votes = json.loads((folder / "votes.json").read_text())
    base = math["base-clusters"]
    members = dict(zip(base["id"], base["members"], strict=True))
    theirs = {
        int(p): g["id"] for g in math["group-clusters"] for b in g["members"] for p in members[b]
    }
    return (
        np.asarray([r.get("participant_id", r.get("pid")) for r in votes]),
        np.asarray([r.get("statement_id", r.get("tid")) for r in votes]),
        np.asarray([r["vote"] for r in votes]),
        np.asarray([float(r["modified"]) / 1000.0 for r in votes]),
        list(math["mod-out"]),
        theirs,
    )


def _score(theirs: dict[int, int], clustered: dict, grouped: dict) -> tuple[float, float, float]:
    both = [p for p in theirs if clustered.get(p) is not None]
    common = [p for p in theirs if grouped.get(p) is not None]
    ari = adjusted_rand_index([theirs[p] for p in common], [grouped[p] for p in common])
    return len(both) / len(theirs), len(common) / len(theirs), ari


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch-seconds", type=float, default=incremental.POLL_SECONDS)
    parser.add_argument("--no-replay", action="store_true")
    parser.add_argument(
        "--legacy-until",
        type=dt.date.fromisoformat,
        default=None,
        help="refreshes before this date (UTC) run Polis's 2014 math",
    )
    parser.add_argument(
        "--cases", nargs="*", default=[], help="only the conversations whose name contains one"
    )
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"reference data not found at {DATA}", file=sys.stderr)
        return 2
    cases = [(f"opendata/{f.name}", _open_data, f) for f in sorted((DATA / "opendata").iterdir())]
    cases += [
        (f"polis-math/{f.name}", _polis_math, f) for f in sorted((DATA / "polis-math").iterdir())
    ]
    lines: list[str] = []
    means: dict[str, list[float]] = {}
    if args.cases:
        cases = [case for case in cases if any(part in case[0] for part in args.cases)]
    for name, read, folder in cases:
        p, c, v, t, mod, theirs = read(folder)
        matrix = build_vote_matrix(p, c, v, t)
        start = time.perf_counter()
        cold = opinion_groups(matrix, moderated_out=mod)
        cold_s = time.perf_counter() - start
        scores = {
            "cold": (
                *_score(theirs, cold.group_of(), cold.group_of(include_placed=True)),
                cold_s,
                cold.n_groups,
                1,
            )
        }
        if not args.no_replay:
            until = (
                None
                if args.legacy_until is None
                else dt.datetime.combine(args.legacy_until, dt.time(), dt.UTC).timestamp()
            )
            start = time.perf_counter()
            refresh, state = incremental.replay(
                p,
                c,
                v,
                t,
                batch_seconds=args.batch_seconds,
                moderated_out=mod,
                legacy_until=until,
            )
            replay_s = time.perf_counter() - start
            method = "replay" if until is None else "replay-legacy"
            scores[method] = (
                *_score(theirs, refresh.group_of(), refresh.group_of(include_placed=True)),
                replay_s,
                len(refresh.group_ids),
                state.refreshes,
            )
        polis_k = len(set(theirs.values()))
        row = [f"{name:45s} polis: {len(theirs)} clustered, {polis_k} groups"]
        for method, (cov, cov_placed, ari, seconds, k, refreshes) in scores.items():
            row.append(
                f"{method}: coverage {cov:.3f} (placed {cov_placed:.3f}) ARI {ari:.3f} k={k}"
            )
            lines.append(
                f"RESULT case={name} method={method} coverage_clustered={cov:.3f} "
                f"coverage={cov_placed:.3f} ari={ari:.3f} groups={k} polis_groups={polis_k} "
                f"refreshes={refreshes} seconds={seconds:.1f}"
            )
            group = "opendata" if name.startswith("opendata") else "polis-math"
            means.setdefault(f"{group}-{method}", []).append(ari)
            means.setdefault(f"all-{method}", []).append(ari)
        print("  " + " | ".join(row), flush=True)
    for key, values in means.items():
        lines.append(f"RESULT case=mean-{key} ari={np.mean(values):.3f} n={len(values)}")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
