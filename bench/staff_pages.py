"""Benchmark: every staff page of every demo role's menu, on the demo database, this checkout
against another (by default a ``git worktree`` of HEAD: the pages before this change).

    .venv/bin/python bench/staff_pages.py                   # SQLite, and PostgreSQL if reachable
    .venv/bin/python bench/staff_pages.py --db sqlite --n 20
    .venv/bin/python bench/staff_pages.py --peer /path/to/other/checkout

For each checkout and database a scratch database is filled by the demo's own loaders
(``ykien demo --no-serve``: the data a province sees on its first day, built relative to today).
A measuring process then signs in each demo user who has a staff menu, reads that menu
(``core.navigation.staff_menu``: what the person sees, nothing else) and times ``--n`` GETs of
every link in it after 2 untimed ones, with Django's test client (the whole request: middleware,
permissions, queries, template). The second factor is taken as passed (its own pages are not
what is measured). The bench by 100,000 rows per list is bench/staff_lists.py.

Ends with one line per (database, user, page), then the slowest page per database:
    RESULT db=sqlite user=canbo.tinh page=/can-bo/don-thu/ n=20 ours_p50_ms=... ours_p95_ms=...
        peer_p50_ms=... peer_p95_ms=...
    RESULT db=sqlite case=slowest page=... ours_p95_ms=... pages=... over_300ms=...
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import uuid
from pathlib import Path

from scratch import ROOT, databases, env_for, p95, peer_checkout, pg, run  # bench/scratch.py

SEED = r"""
import django
django.setup()
from django.core.management import call_command
call_command("demo", "--no-serve", verbosity=0)
from django.db import connection
if connection.vendor == "postgresql":
    with connection.cursor() as c:
        c.execute("ANALYZE")
"""

MEASURE = r"""
import json, sys, time
from unittest import mock
import django
django.setup()
from django.test import Client
from ykien.core import navigation
from ykien.core.demo import DEMO_USERS
from ykien.core.models import User

n = int(sys.argv[1])
out = {}
with mock.patch("ykien.core.middleware.user_needs_otp", return_value=False):
    for spec in DEMO_USERS:
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            continue
        urls = [item["url"] for area in navigation.staff_menu(user) for item in area["items"]]
        client = Client()
        client.force_login(user)
        for url in urls:
            times, status = [], None
            for i in range(n + 2):
                t0 = time.perf_counter()
                response = client.get(url)
                elapsed = (time.perf_counter() - t0) * 1000
                status = response.status_code
                if i >= 2:
                    times.append(elapsed)
            out[f"{spec.username} {url}"] = {"status": status, "times": times}
print(json.dumps(out))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--peer", type=Path, help="the other checkout (default: HEAD)")
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--n", type=int, default=20)
    opts = parser.parse_args()
    opts.n = max(opts.n, 2)  # a p95 needs two timings
    results = []
    with (
        tempfile.TemporaryDirectory(prefix="ykien-bench-pages-") as tmp,
        peer_checkout(opts.peer, Path(tmp)) as peer,
    ):
        sides = {"ours": ROOT, "peer": peer}
        for db in databases(opts.db):
            found: dict[str, dict[str, dict]] = {}
            for side, checkout in sides.items():
                name = f"bench_pages_{side}_{uuid.uuid4().hex[:8]}"
                if db == "postgresql":
                    pg(f'CREATE DATABASE "{name}"')
                try:
                    env = env_for(checkout, db, Path(tmp) / f"{db}-{side}", name)
                    run(SEED, env)
                    found[side] = json.loads(run(MEASURE, env, str(opts.n)).splitlines()[-1])
                finally:
                    if db == "postgresql":
                        pg(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            results.extend(_lines(db, found, opts.n))
    print("\n".join(results))


def _lines(db: str, found: dict[str, dict[str, dict]], n: int) -> list[str]:
    lines, worst = [], ("", 0.0)
    over = 0
    for key, ours in found["ours"].items():
        user, page = key.split(" ", 1)
        if ours["status"] != 200:
            lines.append(f"RESULT db={db} user={user} page={page} status={ours['status']}")
            continue
        mine = p95(ours["times"])
        over += mine > 300
        if mine > worst[1]:
            worst = (page, mine)
        theirs = found["peer"].get(key)
        peer = (
            f"peer_p50_ms={statistics.median(theirs['times']):.1f} "
            f"peer_p95_ms={p95(theirs['times']):.1f}"
            if theirs and theirs["status"] == 200
            else "peer=absent"
        )
        lines.append(
            f"RESULT db={db} user={user} page={page} n={n} "
            f"ours_p50_ms={statistics.median(ours['times']):.1f} ours_p95_ms={mine:.1f} {peer}"
        )
    lines.append(
        f"RESULT db={db} case=slowest page={worst[0]} ours_p95_ms={worst[1]:.1f} "
        f"pages={len(found['ours'])} over_300ms={over}"
    )
    return lines


if __name__ == "__main__":
    main()
