"""Benchmark: the officer's petition list page with 100,000 petitions, this checkout against
another (by default a ``git worktree`` of HEAD: the page before the list layer).

    .venv/bin/python bench/staff_lists.py                   # SQLite, and PostgreSQL if reachable
    .venv/bin/python bench/staff_lists.py --db sqlite --n 50 --petitions 100000
    .venv/bin/python bench/staff_lists.py --peer /path/to/other/checkout

For each checkout and database a scratch database is migrated and filled with ``--petitions``
petitions (bulk inserts: one province, 30 communes, the four kinds, all states, due dates around
today; ``search_text`` filled where the checkout has it) and an officer of the province. A
measuring process then signs the officer in with Django's test client and times ``--n`` GETs of
each case after 3 untimed ones: the plain list; a search ("duong lien ap"); a filter (kind and
overdue); search and filter with a sort. A checkout without search answers its unfiltered list
for ``q`` (the figure is still the page's time). The two checkouts are measured one after the
other in the same sitting, on this checkout's virtual environment.

Ends with one line per (database, case):
    RESULT db=sqlite case=search n=50 ours_p50_ms=... ours_p95_ms=... peer_p50_ms=... peer_p95_ms=...
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import tempfile
import uuid
from pathlib import Path

from scratch import ROOT, databases, env_for, p95, pg, run  # bench/scratch.py

CASES = {
    "list": {},
    "search": {"q": "duong lien ap"},
    "filter": {"kind": "complaint", "due": "overdue"},
    "search_filter_sort": {"q": "duong", "status": "accepted", "sort": "due"},
}

SEED = r"""
import datetime as dt, random, sys
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from ykien.core.models import Role
from ykien.core.tests.factories import UserFactory, grant, make_unit
from ykien.core.models import UnitLevel
from ykien.petitions.models import Petition
try:
    from ykien.core.lists import fold_for_search
except ImportError:
    fold_for_search = None

n = int(sys.argv[1])
rng = random.Random(7)
province = make_unit("Ủy ban MTTQ tỉnh Vĩnh Long", code="BENCH")
communes = [make_unit(f"Ủy ban MTTQ xã Số {i}", parent=province, level=UnitLevel.COMMUNE,
                      code=f"BENCH-{i}") for i in range(30)]
units = [province, *communes]
officer = UserFactory(username="canbo.bench")
grant(officer, province, Role.OFFICER)
subjects = ["Đường liên ấp xuống cấp", "Đèn chiếu sáng hỏng", "Rác thải ở chợ", "Ngập nước khi mưa",
            "Tiếng ồn quán karaoke", "Cấp nước sinh hoạt", "Đất đai lấn chiếm", "Trợ cấp người cao tuổi"]
words = ("người dân phản ánh nhiều lần chính quyền địa phương chưa giải quyết đề nghị kiểm tra "
         "xử lý dứt điểm ảnh hưởng đời sống sinh hoạt của bà con trong ấp xã huyện tỉnh").split()
kinds = ["report", "request", "complaint", "denunciation"]
states = ["received", "accepted", "settled", "answered", "refused"]
today = dt.date.today()
batch = []
for i in range(n):
    subject = rng.choice(subjects) + f" số {i % 997}"
    content = " ".join(rng.choice(words) for _ in range(60))
    kind = rng.choice(kinds)
    received = today - dt.timedelta(days=rng.randint(0, 700))
    p = Petition(code=f"B{i:08d}", kind=kind, submitted_kind=kind, subject=subject, content=content,
                 unit=rng.choice(units), channel="web", received_on=received,
                 status=rng.choice(states), due_date=received + dt.timedelta(days=rng.randint(5, 60)))
    if fold_for_search is not None:
        p.search_text = fold_for_search(subject, content)
    batch.append(p)
    if len(batch) == 5000:
        Petition.objects.bulk_create(batch)
        batch = []
Petition.objects.bulk_create(batch)
from django.db import connection
if connection.vendor == "postgresql":
    with connection.cursor() as c:
        c.execute("ANALYZE")
print(Petition.objects.count())
"""

MEASURE = r"""
import json, statistics, sys, time
import django
django.setup()
from django.test import Client
from django.urls import reverse
from ykien.core.models import User


n = int(sys.argv[1])
cases = json.loads(sys.argv[2])
client = Client()
client.force_login(User.objects.get(username="canbo.bench"))
url = reverse("petitions:staff_list")
out = {}
for name, params in cases.items():
    times = []
    for i in range(n + 3):
        t0 = time.perf_counter()
        response = client.get(url, params)
        elapsed = (time.perf_counter() - t0) * 1000
        assert response.status_code == 200, (name, response.status_code)
        if i >= 3:
            times.append(elapsed)
    out[name] = times
print(json.dumps(out))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--peer", type=Path, help="the other checkout (default: HEAD)")
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--petitions", type=int, default=100_000)
    opts = parser.parse_args()
    dbs = databases(opts.db)
    results = []
    with tempfile.TemporaryDirectory(prefix="ykien-bench-lists-") as tmp:
        peer = opts.peer
        if peer is None:
            peer = Path(tmp) / "peer"
            subprocess.run(
                ["git", "worktree", "add", "--detach", str(peer), "HEAD"],
                cwd=ROOT, check=True, capture_output=True,
            )  # fmt: skip
        sides = {"ours": ROOT, "peer": peer.resolve()}
        try:
            for db in dbs:
                times: dict[str, dict[str, list[float]]] = {}
                for side, checkout in sides.items():
                    var = Path(tmp) / f"{db}-{side}"
                    name = f"bench_lists_{side}_{uuid.uuid4().hex[:8]}"
                    if db == "postgresql":
                        pg(f'CREATE DATABASE "{name}"')
                    env = env_for(checkout, db, var, name)
                    run(SEED, env, str(opts.petitions))
                    out = run(MEASURE, env, str(opts.n), json.dumps(CASES))
                    times[side] = json.loads(out.strip().splitlines()[-1])
                    if db == "postgresql":
                        pg(f'DROP DATABASE "{name}"')
                for case in CASES:
                    ours, theirs = times["ours"][case], times["peer"][case]
                    results.append(
                        f"RESULT db={db} case={case} n={len(ours)} petitions={opts.petitions} "
                        f"ours_p50_ms={statistics.median(ours):.1f} ours_p95_ms={p95(ours):.1f} "
                        f"peer_p50_ms={statistics.median(theirs):.1f} "
                        f"peer_p95_ms={p95(theirs):.1f}"
                    )
        finally:
            if opts.peer is None:
                subprocess.run(
                    ["git", "worktree", "remove", "--force", str(peer)],
                    cwd=ROOT, check=False, capture_output=True,
                )  # fmt: skip
    print("\n".join(results))


if __name__ == "__main__":
    main()
